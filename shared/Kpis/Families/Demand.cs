using System.Runtime.CompilerServices;
using KpiPipeline.Benchmarks;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis.Families;

// Demand (kpi-catalogue.md "Demand"). Rates and the conversion rate are DerivedKpis (Kpis/DerivedKpis.cs).

internal sealed class ContactsLast12Months : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("contacts_12m", "Contacts in last 12 months", Categories.Demand,
        KpiUnit.Count, Polarity.None, "ssd_contacts with contact date in the 12 months to D", null, [Tables.Contacts]);

    public override bool NeedsCaseHistory => false;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        foreach (ref readonly var x in c.Person.Contacts)
        {
            var day = x.ContactDate;
            if (c.InWindow(day) is { IsEmpty: false } dates) sink.Count(dates, c.AttributeAt(day, IdMap.None, IdMap.None));
        }
    }
}

internal sealed class ReferralsLast12Months : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("referrals_12m", "Referrals in last 12 months", Categories.Demand,
        KpiUnit.Count, Polarity.None, "ssd_cin_episodes with referral date in the 12 months to D (each referral counts)",
        "CPP_Total_NumRef", [Tables.CinEpisodes]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        foreach (ref readonly var r in c.Person.Referrals)
            if (c.InWindow(r.ReferralDate) is { IsEmpty: false } dates) sink.Count(dates, c.AttributeAt(r.ReferralDate, r.Worker, r.Team));
    }
}

internal sealed class AssessmentsLast12Months : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("assessments_12m", "Assessments completed in last 12 months", Categories.Demand,
        KpiUnit.Count, Polarity.None, "assessments with authorisation date in the 12 months to D", null, [Tables.Assessments]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        foreach (ref readonly var a in c.Person.Assessments)
            if (a.AuthorisedDate is { } auth && c.InWindow(auth) is { IsEmpty: false } dates) sink.Count(dates, c.AttributeAt(auth, a.Worker, a.Team));
    }
}

internal sealed class OpenAssessments : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("assessments_open", "Open assessments", Categories.Demand,
        KpiUnit.Count, Polarity.None, "assessments started on or before D and not authorised by D", null, [Tables.Assessments]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        foreach (ref readonly var a in c.Person.Assessments)
        {
            // Attributed to the allocation at each date, which differs between dates.
            for (var open = c.Dates.OpenAt(a.StartDate, a.AuthorisedDate); !open.IsEmpty; open = open.WithoutFirst)
                sink.Count(open.First, c.AttributeNow(open.First, a.Worker, a.Team));
        }
    }
}

internal sealed class ChildrenOnCinPlan : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("cin_plans_open", "Children on a CIN plan", Categories.Demand,
        KpiUnit.Count, Polarity.None, "distinct children with a CIN plan open at D", null, [Tables.CinPlans]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        for (var dates = c.OnCinPlan; !dates.IsEmpty; dates = dates.WithoutFirst)
        {
            var d = dates.First;
            ref readonly var plan = ref c.Person.CinPlans[c.Facts[d].CinPlanIndex];
            sink.Count(d, c.AttributeNow(d, plan.Worker, plan.Team));
        }
    }
}

internal sealed class ChildrenSubjectToS47 : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("s47_children_12m", "Children subject to S47 enquiries", Categories.Demand,
        KpiUnit.Count, Polarity.Low, "distinct children with an S47 enquiry started in the 12 months to D", null, [Tables.S47]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        // Attributed at the child's latest S47 start in each date's window (rows are in start order): walking
        // back from the latest, an enquiry counts at the dates not already taken by a later one.
        var counted = DateSet.Empty;
        for (var i = c.Person.S47.Length - 1; i >= 0 && counted != c.Dates.All; i--)
        {
            ref readonly var s = ref c.Person.S47[i];
            var dates = c.InWindow(s.StartDate).Except(counted);
            if (dates.IsEmpty) continue;
            sink.Count(dates, c.AttributeAt(s.StartDate, s.Worker, s.Team));
            counted = new DateSet(counted.Bits | dates.Bits);
        }
    }
}

/// <summary>S47 enquiries (episodes) started in the window: the base of the LAIT-comparable rate.</summary>
internal sealed class S47EnquiriesLast12Months : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("s47_enquiries_12m", "S47 enquiries started in last 12 months", Categories.Demand,
        KpiUnit.Count, Polarity.None, "S47 enquiries (episodes) started in the 12 months to D", null, [Tables.S47]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        foreach (ref readonly var s in c.Person.S47)
            if (c.InWindow(s.StartDate) is { IsEmpty: false } dates) sink.Count(dates, c.AttributeAt(s.StartDate, s.Worker, s.Team));
    }
}

internal sealed class ChildrenOnCpPlan : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("cp_plans_open", "Children on a CP plan", Categories.Demand,
        KpiUnit.Count, Polarity.None, "distinct children with a CP plan open at D", "CPP_Num", [Tables.CpPlans]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        for (var dates = c.OnCpPlan; !dates.IsEmpty; dates = dates.WithoutFirst) sink.Count(dates.First, c.AttributeNow(dates.First));
    }
}

internal sealed class CaredForChildren : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("cla_open", "Cared for (looked after) children", Categories.Demand,
        KpiUnit.Count, Polarity.None,
        "distinct children with a CLA episode open at D, excluding those whose only legal status at D is a short break (V3/V4)",
        "LACnum", [Tables.ClaEpisodes]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        for (var dates = c.CaredFor; !dates.IsEmpty; dates = dates.WithoutFirst) sink.Count(dates.First, c.AttributeNow(dates.First));
    }
}

internal sealed class CaredForPlacedWithParents : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("cla_placed_with_parents", "Cared for children placed with parents", Categories.Demand,
        KpiUnit.Percent, Polarity.Low, "of cla_open children, those whose placement open at D has type P1", null,
        [Tables.ClaEpisodes, Tables.ClaPlacement]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        for (var dates = c.CaredFor; !dates.IsEmpty; dates = dates.WithoutFirst)
        {
            var d = dates.First;
            var placement = c.Facts[d].PlacementAtD;
            var withParents = placement >= 0 && c.Person.Placements[placement].PlacementType == "P1";
            sink.Outcome(d, c.AttributeNow(d), withParents);
        }
    }
}

internal sealed class CinPlanStartsPerWeek : PersonKpi
{
    public const int Weeks = 12;

    public override KpiDefinition Definition { get; } = new("cin_plan_starts_weekly", "Children becoming CIN per week", Categories.Demand,
        KpiUnit.Count, Polarity.None, "CIN plan starts in the 12 weeks to D (dates in (D − 84 days, D]) ÷ 12", null, [Tables.CinPlans]);

    public override KpiFormula Formula => KpiFormula.Mean;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        foreach (ref readonly var p in c.Person.CinPlans)
            if (c.Dates.InLastDays(p.StartDate, 7 * Weeks) is { IsEmpty: false } dates) sink.Add(dates, c.AttributeAt(p.StartDate, p.Worker, p.Team), 1, 0);
    }
}
