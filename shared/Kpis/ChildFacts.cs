using System.Runtime.CompilerServices;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Kpis.Families;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis;

public enum Cohort { CaredFor, ChildProtection, ChildInNeed, Assessment, CareLeaver }

/// <summary>
/// One child's practitioner-level facts at D (kpi-catalogue.md "Child-level facts"): what a social worker
/// and first-line manager act on each morning. Ids are IdMap ids; the pipeline maps them to text.
/// A struct, so a national run can keep every child's facts until its output is built without a heap object each
/// (<c>Pipeline.ChildRowStore</c>).
/// </summary>
public readonly record struct ChildFact(
    int Person,
    Cohort Cohort,
    Attribution Allocation,
    int Manager,
    DateOnly? CohortStart,
    DateOnly? LastVisit,
    DateOnly? NextVisitDue,
    bool? VisitOverdue,
    int? WorkingDaysOverdue,
    DateOnly? AssessmentStart,
    DateOnly? AssessmentDue,
    int? AssessmentWorkingDaysElapsed,
    DateOnly? LastSupervision,
    bool? SupervisionOverdue,
    DateOnly? LastOversight,
    bool? OversightOverdue,
    int? CpPlanLengthDays,
    int Placements12m,
    int SocialWorkers12m);

public static class ChildFactBuilder
{
    public static string CohortName(Cohort c) => c switch
    {
        Cohort.CaredFor => "Cared for",
        Cohort.ChildProtection => "CP",
        Cohort.ChildInNeed => "CIN",
        Cohort.Assessment => "Assessment",
        Cohort.CareLeaver => "Care leaver",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>The child's row at D, or null when the child is in no cohort (Cared for > CP > CIN > Assessment > Care leaver).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ChildFact? Build(in PersonContext c)
    {
        var f = c.Facts;
        var d = c.AsAt;
        Cohort cohort;
        DateOnly? cohortStart;
        var recordWorker = IdMap.None;
        var recordTeam = IdMap.None;
        AssessmentRecord? openAssessment = f.OpenAssessmentIndex >= 0 ? c.Person.Assessments[f.OpenAssessmentIndex] : null;

        if (f.CaredFor) { cohort = Cohort.CaredFor; cohortStart = f.CareStart; }
        else if (f.OnCpPlan) { cohort = Cohort.ChildProtection; cohortStart = f.CpPlanStart; }
        else if (f.OnCinPlan)
        {
            cohort = Cohort.ChildInNeed;
            cohortStart = f.CinPlanStart;
            var plan = c.Person.CinPlans[f.CinPlanIndex];
            (recordWorker, recordTeam) = (plan.Worker, plan.Team);
        }
        else if (openAssessment is { } a)
        {
            cohort = Cohort.Assessment;
            cohortStart = a.StartDate;
            (recordWorker, recordTeam) = (a.Worker, a.Team);
        }
        else if (IsCareLeaverInScope(c, out var leaver))
        {
            cohort = Cohort.CareLeaver;
            cohortStart = null;
            (recordWorker, recordTeam) = (leaver.Worker, leaver.Team);
        }
        else return null;

        var allocation = c.AttributeNow(recordWorker, recordTeam);
        var (lastVisit, due) = Visits(c, cohort, cohortStart);
        bool? overdue = due is { } dd ? dd < d : null;
        int? wdOverdue = due is { } d2 ? (d2 < d ? c.Calendar.Between(d2, d) : 0) : null;

        var settings = c.Settings;
        var lastSupervision = SupervisionRecency.Latest(c.Person.Supervision, SupervisionKind.Supervision, d);
        var lastOversight = SupervisionRecency.Latest(c.Person.Supervision, SupervisionKind.Oversight, d);
        var calendar = c.Calendar;
        bool? Overdue(DateOnly? last, SupervisionKind kind) =>
            cohort == Cohort.CareLeaver ? null : last is not { } l || calendar.Between(l, d) > SupervisionRecency.IntervalFor(settings, kind);

        return new ChildFact(
            c.Person.Person, cohort, allocation, c.Env.Organisation.ManagerOf(allocation.Worker), cohortStart,
            lastVisit, due, overdue, wdOverdue,
            openAssessment?.StartDate,
            openAssessment is { } oa ? c.Calendar.AddWorkingDays(oa.StartDate, AssessmentsWithin45WorkingDays.TimescaleWorkingDays) : null,
            openAssessment is { } ob ? c.Calendar.Between(ob.StartDate, d) : null,
            lastSupervision, Overdue(lastSupervision, SupervisionKind.Supervision), lastOversight, Overdue(lastOversight, SupervisionKind.Oversight),
            f.CpPlanStart is { } cps ? d.DayNumber - cps.DayNumber : null,
            StabilityCounts.PlacementsLast12Months(c.Person, d),
            StabilityCounts.SocialWorkersLast12Months(c.Person, d));
    }

    /// <summary>Latest visit (child seen) and the next due date, by the cohort's visit rule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (DateOnly? Last, DateOnly? Due) Visits(in PersonContext c, Cohort cohort, DateOnly? cohortStart)
    {
        var interval = c.Settings.VisitIntervalWorkingDays;
        switch (cohort)
        {
            case Cohort.CaredFor:
                return (VisitRecency.LatestSeen(c.Person.ClaVisits, c.AsAt), CaredForVisitedInTimescale.CaredForVisitDue(c.Person, c.Facts, c.AsAt, c.Settings));
            case Cohort.ChildProtection:
            case Cohort.ChildInNeed:
                var visits = cohort == Cohort.ChildProtection ? c.Person.CpVisits : c.Person.CinVisits;
                var last = VisitRecency.LatestSeen(visits, c.AsAt);
                var from = last is { } l && l >= cohortStart ? l : cohortStart!.Value;
                return (last, c.Calendar.AddWorkingDays(from, interval));
            default:
                return (null, null);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsCareLeaverInScope(in PersonContext c, out CareLeaverRecord leaver)
    {
        leaver = default;
        if (c.Person.CareLeavers.IsEmpty || c.Person.Record?.BirthDate is not { } dob) return false;
        var age = Periods.AgeAt(dob, c.AsAt);
        if (age is < 16 or > 25) return false;
        leaver = c.Person.CareLeavers[^1];
        return true;
    }
}
