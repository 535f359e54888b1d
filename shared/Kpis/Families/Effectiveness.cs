using System.Runtime.CompilerServices;
using KpiPipeline.Benchmarks;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis.Families;

// Effectiveness (kpi-catalogue.md "Effectiveness").

internal sealed class ReReferralsWithin12Months : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("rereferrals_12m", "Re-referrals within 12 months", Categories.Effectiveness,
        KpiUnit.Percent, Polarity.Low,
        "of referrals in the 12 months to D, those whose child had a previous referral dated before it and on or after the same date one year earlier",
        "ReReferral", [Tables.CinEpisodes]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        var referrals = c.Person.Referrals;
        for (var i = 0; i < referrals.Length; i++)
        {
            ref readonly var r = ref referrals[i];
            var dates = c.InWindow(r.ReferralDate);
            if (dates.IsEmpty) continue;
            var yearBefore = r.ReferralDate.AddYears(-1);
            var repeat = false;
            for (var j = 0; j < referrals.Length && !repeat; j++)
            {
                var earlier = referrals[j].ReferralDate;
                repeat = earlier < r.ReferralDate && earlier >= yearBefore;
            }
            sink.Outcome(dates, c.AttributeAt(r.ReferralDate, r.Worker, r.Team), repeat);
        }
    }
}

internal sealed class AssessmentsEndingInNfa : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("assessments_nfa_12m", "Assessments ending in no further action", Categories.Effectiveness,
        KpiUnit.Percent, Polarity.Low, "of assessments authorised in the 12 months to D, those with outcome NFA",
        "Referrals_AssessedNotNeed", [Tables.Assessments]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        foreach (ref readonly var a in c.Person.Assessments)
            if (a.AuthorisedDate is { } auth && c.InWindow(auth) is { IsEmpty: false } dates)
                sink.Outcome(dates, c.AttributeAt(auth, a.Worker, a.Team), a.OutcomeNfa == true);
    }
}

internal sealed class CpPlansForSubsequentTime : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("cp_subsequent_12m", "CP plans for a second or subsequent time", Categories.Effectiveness,
        KpiUnit.Percent, Polarity.Low,
        "of CP plans starting in the 12 months to D, those where the child had any earlier CP plan (in the drop or counted in cppl_previous_cp_plans)",
        "PrevRegCPR", [Tables.CpPlans]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        var plans = c.Person.CpPlans;
        for (var i = 0; i < plans.Length; i++)
        {
            ref readonly var p = ref plans[i];
            var dates = c.InWindow(p.StartDate);
            if (dates.IsEmpty) continue;
            var subsequent = p.PreviousPlans > 0;
            for (var j = 0; j < plans.Length && !subsequent; j++) subsequent = plans[j].StartDate < p.StartDate;
            sink.Outcome(dates, c.AttributeAt(p.StartDate, IdMap.None, IdMap.None), subsequent);
        }
    }
}
