using System.Runtime.CompilerServices;
using KpiPipeline.Benchmarks;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis.Families;

// Timeliness (kpi-catalogue.md "Timeliness"). All working-day spans use WorkingDayCalendar.Between.

internal sealed class ContactsDecidedWithin24Hours : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("contacts_decided_24h_12m", "Contacts actioned within 24 hours", Categories.Timeliness,
        KpiUnit.Percent, Polarity.High,
        "contacts in the 12 months to D whose decision was recorded within 24 hours of the contact; no decision = not in time",
        null, [Tables.Contacts]);

    public override bool NeedsCaseHistory => false;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        foreach (ref readonly var x in c.Person.Contacts)
        {
            var day = x.ContactDate;
            var dates = c.InWindow(day);
            if (dates.IsEmpty) continue;
            var inTime = x.DecidedAt is { } decided && decided - x.ContactAt <= TimeSpan.FromHours(24);
            sink.Outcome(dates, c.AttributeAt(day, IdMap.None, IdMap.None), inTime);
        }
    }
}

internal sealed class AssessmentsWithin45WorkingDays : PersonKpi
{
    public const int TimescaleWorkingDays = 45;

    public override KpiDefinition Definition { get; } = new("assessments_45wd_12m", "Assessments completed within 45 working days", Categories.Timeliness,
        KpiUnit.Percent, Polarity.High,
        "of assessments authorised in the 12 months to D, those authorised within 45 working days of the assessment start (or of the referral date when configured)",
        "Continue_Assess_Comp", [Tables.Assessments]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        foreach (ref readonly var a in c.Person.Assessments)
        {
            if (a.AuthorisedDate is not { } auth || c.InWindow(auth) is not { IsEmpty: false } dates) continue;
            var from = c.Settings.AssessmentTimelinessFromReferral ? ReferralDateOf(c.Person, a) ?? a.StartDate : a.StartDate;
            var inTime = c.Calendar.Between(from, auth) <= TimescaleWorkingDays;
            sink.Outcome(dates, c.AttributeAt(auth, a.Worker, a.Team), inTime);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static DateOnly? ReferralDateOf(in PersonView p, in AssessmentRecord a)
    {
        if (a.ReferralKey == LinkKey.None) return null;
        foreach (ref readonly var r in p.Referrals)
            if (r.ReferralKey == a.ReferralKey) return r.ReferralDate;
        return null;
    }
}

internal sealed class IcpcsWithin15WorkingDays : PersonKpi
{
    public const int TimescaleWorkingDays = 15;

    public override KpiDefinition Definition { get; } = new("icpc_15wd_12m", "ICPCs within 15 working days", Categories.Timeliness,
        KpiUnit.Percent, Polarity.High,
        "of ICPCs held in the 12 months to D (transfer-ins included), those held within 15 working days of the linked S47 start; ICPCs before their S47 start are excluded; an ICPC with no linked S47 (e.g. a transfer-in) counts as not in time",
        "CP_conf_15days", [Tables.Icpc, Tables.S47]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        foreach (ref readonly var icpc in c.Person.Icpcs)
        {
            var dates = c.InWindow(icpc.ConferenceDate);
            if (dates.IsEmpty) continue;
            var s47Start = LinkedS47Start(c.Person, icpc);
            if (s47Start > icpc.ConferenceDate) continue;
            var inTime = s47Start is { } start && c.Calendar.Between(start, icpc.ConferenceDate) <= TimescaleWorkingDays;
            sink.Outcome(dates, c.AttributeAt(icpc.ConferenceDate, icpc.Worker, icpc.Team), inTime);
        }
    }

    /// <summary>
    /// The start of the S47 named by icpc_s47_enquiry_id, or null. Only the explicit link counts: the census
    /// has no other way to tie a conference to an enquiry, and guessing would flatter transfer-ins.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static DateOnly? LinkedS47Start(in PersonView p, in IcpcRecord icpc)
    {
        if (icpc.EnquiryKey == LinkKey.None) return null;
        foreach (ref readonly var s in p.S47)
            if (s.EnquiryKey == icpc.EnquiryKey) return s.StartDate;
        return null;
    }
}

/// <summary>Shared rule of cin_visited_20wd and cp_visited_20wd.</summary>
internal static class VisitRecency
{
    /// <summary>True when a visit with the child seen falls in the last <paramref name="interval"/> working days to D.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool SeenWithin(ReadOnlySpan<VisitRecord> visits, DateOnly d, int interval, Calendar.WorkingDayCalendar calendar)
    {
        for (var i = visits.Length - 1; i >= 0; i--)
        {
            ref readonly var v = ref visits[i];
            if (v.VisitDate > d || v.Seen != true) continue;
            return calendar.Between(v.VisitDate, d) <= interval; // latest seen visit on or before D decides
        }
        return false;
    }

    /// <summary>
    /// The shared rule of cin_visited_20wd and cp_visited_20wd: a child whose plan began at least the visit
    /// interval before D is in the denominator, and met the standard when seen within that interval.
    /// </summary>
    public static void MeasurePlan(in ChildHistory c, KpiSink sink, int date, DateOnly planStart, ReadOnlySpan<VisitRecord> visits, Attribution who)
    {
        var interval = c.Settings.VisitIntervalWorkingDays;
        var asAt = c.Dates[date];
        if (!c.Calendar.AtLeastWorkingDaysBetween(planStart, asAt, interval)) return;
        sink.Outcome(date, who, SeenWithin(visits, asAt, interval, c.Calendar));
    }

    /// <summary>Latest visit with the child seen on or before D.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DateOnly? LatestSeen(ReadOnlySpan<VisitRecord> visits, DateOnly d, DateOnly? notBefore = null)
    {
        for (var i = visits.Length - 1; i >= 0; i--)
        {
            ref readonly var v = ref visits[i];
            if (v.VisitDate <= d && v.Seen == true) return notBefore is { } nb && v.VisitDate < nb ? null : v.VisitDate;
        }
        return null;
    }
}

internal sealed class CinVisitedWithin20WorkingDays : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("cin_visited_20wd", "CIN with a visit in last 20 working days", Categories.Timeliness,
        KpiUnit.Percent, Polarity.High,
        "of children on a CIN plan at D whose earliest open plan began >= 20 working days before D, those seen on a CIN visit in the last 20 working days to D",
        null, [Tables.CinPlans, Tables.CinVisits]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        for (var dates = c.OnCinPlan; !dates.IsEmpty; dates = dates.WithoutFirst)
        {
            var d = dates.First;
            ref readonly var facts = ref c.Facts[d];
            ref readonly var plan = ref c.Person.CinPlans[facts.CinPlanIndex];
            VisitRecency.MeasurePlan(c, sink, d, facts.CinPlanStart!.Value, c.Person.CinVisits, c.AttributeNow(d, plan.Worker, plan.Team));
        }
    }
}

internal sealed class CpVisitedWithin20WorkingDays : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("cp_visited_20wd", "CP with a visit in last 20 working days", Categories.Timeliness,
        KpiUnit.Percent, Polarity.High,
        "of children on a CP plan at D whose earliest open plan began >= 20 working days before D, those seen on a CP visit in the last 20 working days to D",
        null, [Tables.CpPlans, Tables.CpVisits]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        for (var dates = c.OnCpPlan; !dates.IsEmpty; dates = dates.WithoutFirst)
        {
            var d = dates.First;
            VisitRecency.MeasurePlan(c, sink, d, c.Facts[d].CpPlanStart!.Value, c.Person.CpVisits, c.AttributeNow(d));
        }
    }
}

internal sealed class CaredForVisitedInTimescale : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("cla_visited_in_timescale", "Cared for children visited within statutory timescales", Categories.Timeliness,
        KpiUnit.Percent, Polarity.High,
        "of cla_open children, those whose next visit is not yet overdue at D (Care Planning Regulations 2010 reg. 28, simplified: placement start + 7 days, then every 6 weeks, or 3 months in a long-term placement after the first year)",
        null, [Tables.ClaEpisodes, Tables.ClaVisits]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        for (var dates = c.CaredFor; !dates.IsEmpty; dates = dates.WithoutFirst)
        {
            var d = dates.First;
            var asAt = c.Dates[d];
            sink.Outcome(d, c.AttributeNow(d), CaredForVisitDue(c.Person, c.Facts[d], asAt, c.Settings) >= asAt);
        }
    }

    /// <summary>The date the next statutory visit is due, as at <paramref name="d"/> (also shown in the child snapshot).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static DateOnly CaredForVisitDue(in PersonView person, in CohortFacts facts, DateOnly d, KpiRuleSettings settings)
    {
        DateOnly placementStart;
        string? type = null;
        if (facts.PlacementAtD >= 0)
        {
            ref readonly var placement = ref person.Placements[facts.PlacementAtD];
            placementStart = placement.StartDate;
            type = placement.PlacementType;
        }
        else
        {
            placementStart = facts.CareStart!.Value; // no placement row open at D: the period of care stands in
        }

        var lastSeen = VisitRecency.LatestSeen(person.ClaVisits, d, notBefore: placementStart);
        if (lastSeen is not { } v) return placementStart.AddDays(settings.ClaFirstVisitDays);
        var longTerm = placementStart < d.AddYears(-1) && type is not null && settings.LongTermPlacementTypes.Contains(type);
        return longTerm ? v.AddMonths(settings.ClaLongTermVisitIntervalMonths) : v.AddDays(settings.ClaVisitIntervalDays);
    }
}

internal sealed class CinPlansAuthorisedWithin20WorkingDays : PersonKpi
{
    public const int TimescaleWorkingDays = 20;

    public override KpiDefinition Definition { get; } = new("cin_plans_authorised_20wd", "CIN plans authorised within 20 working days", Categories.Timeliness,
        KpiUnit.Percent, Polarity.High,
        "of CIN plans started in the 12 months to D, those authorised within 20 working days of the plan start; no authorisation = not in time",
        null, [Tables.CinPlans]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        foreach (ref readonly var p in c.Person.CinPlans)
        {
            var dates = c.InWindow(p.StartDate);
            if (dates.IsEmpty) continue;
            var inTime = p.AuthorisedDate is { } auth && c.Calendar.Between(p.StartDate, auth) <= TimescaleWorkingDays;
            sink.Outcome(dates, c.AttributeAt(p.StartDate, p.Worker, p.Team), inTime);
        }
    }
}

internal sealed class CinReviewsOnTime : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("cin_reviews_on_time", "CIN review meetings held on time", Categories.Timeliness,
        KpiUnit.Percent, Polarity.High, "of CIN reviews due in the 12 months to D, those held on or before the due date", null, [Tables.CinReviews]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        foreach (ref readonly var r in c.Person.CinReviews)
        {
            var dates = c.InWindow(r.DueDate);
            if (dates.IsEmpty) continue;
            sink.Outcome(dates, c.AttributeAt(r.DueDate, IdMap.None, IdMap.None), r.HeldDate is { } held && held <= r.DueDate);
        }
    }
}
