using KpiPipeline.Kpis.Engine;
using KpiPipeline.Kpis.Families;

namespace KpiPipeline.Kpis;

/// <summary>The registry of child-based KPIs, in scorecard order. Add a new one here and in its family file.</summary>
public static class PersonKpis
{
    public static IReadOnlyList<PersonKpi> All { get; } =
    [
        new ContactsLast12Months(),
        new ReferralsLast12Months(),
        new AssessmentsLast12Months(),
        new OpenAssessments(),
        new ChildrenOnCinPlan(),
        new ChildrenSubjectToS47(),
        new S47EnquiriesLast12Months(),
        new ChildrenOnCpPlan(),
        new CaredForChildren(),
        new CaredForPlacedWithParents(),
        new CinPlanStartsPerWeek(),
        new ContactsDecidedWithin24Hours(),
        new AssessmentsWithin45WorkingDays(),
        new IcpcsWithin15WorkingDays(),
        new CinVisitedWithin20WorkingDays(),
        new CpVisitedWithin20WorkingDays(),
        new CaredForVisitedInTimescale(),
        new CinPlansAuthorisedWithin20WorkingDays(),
        new CinReviewsOnTime(),
        new ReReferralsWithin12Months(),
        new AssessmentsEndingInNfa(),
        new CpPlansForSubsequentTime(),
        new OpenCases(),
        new CaseSupervisionRecorded(),
        new ManagementOversightRecorded(),
        new CaredForWith3PlusPlacements(),
        new CaredForWith3PlusSocialWorkers(),
        new CareLeaversInEet(),
    ];

    /// <summary><see cref="All"/> as an array, for the per-child loop.</summary>
    internal static PersonKpi[] Ordered { get; } = All.ToArray();

    /// <summary>Indexes in <see cref="All"/> of the KPIs that can count a child with no case history (contacts only).</summary>
    internal static int[] WithoutCaseHistory { get; } =
        Enumerable.Range(0, All.Count).Where(k => !All[k].NeedsCaseHistory).ToArray();
}

/// <summary>Every KPI the pipeline publishes (dim_kpi), in scorecard order.</summary>
public static class KpiCatalogue
{
    public static IReadOnlyList<KpiDefinition> All => Ordered.Value;

    private static readonly Lazy<IReadOnlyList<KpiDefinition>> Ordered = new(Build);

    /// <summary>The seed scorecard's order: each rate right after its count, families in board order.</summary>
    private static readonly string[] ScorecardOrder =
    [
        "contacts_12m", "referrals_12m", "contact_conversion_12m", "referrals_12m_rate",
        "assessments_12m", "assessments_12m_rate", "assessments_open", "cin_plans_open", "cin_plan_starts_weekly",
        "s47_children_12m", "s47_enquiries_12m", "s47_12m_rate", "cp_plans_open", "cp_plans_open_rate",
        "cla_open", "cla_open_rate", "cla_placed_with_parents",
        "contacts_decided_24h_12m", "assessments_45wd_12m", "icpc_15wd_12m", "cin_visited_20wd", "cp_visited_20wd",
        "cla_visited_in_timescale", "cin_plans_authorised_20wd", "cin_reviews_on_time",
        "rereferrals_12m", "assessments_nfa_12m", "cp_subsequent_12m",
        "open_cases", "case_supervision_recorded", "management_oversight_recorded", "caseload_avg", "caseload_avg_6m",
        "vacancy_rate", "agency_rate", "sickness_absence_rate",
        "cla_3plus_placements_12m", "cla_3plus_social_workers_12m", "care_leavers_19_21_eet",
    ];

    private static IReadOnlyList<KpiDefinition> Build()
    {
        var list = new List<KpiDefinition>();
        list.AddRange(PersonKpis.All.Select(k => k.Definition));
        list.AddRange(DerivedKpis.Rates.Select(r => r.Definition));
        list.Add(DerivedKpis.ContactConversion);
        list.Add(Caseloads.Average);
        list.Add(Caseloads.SixMonthAverage);
        list.AddRange(WorkforceKpis.Definitions);
        list.AddRange(AuditKpis.ByGrade.Select(g => g.Definition));
        var duplicate = list.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"KPI id '{duplicate.Key}' is defined twice.");
        // Anything not placed in ScorecardOrder (the audit grades) keeps its place at the end.
        return list.OrderBy(d => Array.IndexOf(ScorecardOrder, d.Id) is var i && i >= 0 ? i : ScorecardOrder.Length).ToList();
    }

    public static KpiDefinition Get(string id) => All.FirstOrDefault(d => d.Id == id)
        ?? throw new KeyNotFoundException($"No KPI '{id}' in the catalogue.");
}
