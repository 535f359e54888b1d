namespace KpiPipeline.Cli.Bench;

/// <summary>How a KPI's value follows from its numerator and denominator (kpi-catalogue.md, "Conventions").</summary>
internal enum DuckKpiUnit
{
    /// <summary>value = numerator, denominator null.</summary>
    Count,
    /// <summary>value = numerator ÷ denominator × 100; null when the denominator is 0.</summary>
    Percent,
    /// <summary>value = numerator ÷ population × 10,000; denominator = population.</summary>
    RatePer10k,
    /// <summary>value = numerator ÷ denominator (average caseload); null when the denominator is 0.</summary>
    Ratio,
    /// <summary>value = numerator ÷ 12 (starts in the 12 weeks to D); denominator 12.</summary>
    PerWeekOver12Weeks,
}

/// <summary>
/// One LA-level KPI: its catalogue id, unit, the drop tables its definition reads (any absent → null
/// value) and the embedded SQL file giving its numerator and denominator. A rate has no SQL of its own:
/// it takes the count of <see cref="RateOf"/>.
/// </summary>
internal sealed record DuckKpiDefinition(string Id, DuckKpiUnit Unit, IReadOnlyList<string> Tables, string? RateOf = null)
{
    public string SqlResource => $"{Id}.sql";
}

/// <summary>Every LA-level KPI of kpi-catalogue.md, in catalogue order.</summary>
internal static class DuckKpiDefinitions
{
    private const string Contacts = "ssd_contacts", Referrals = "ssd_cin_episodes", Assessments = "ssd_cin_assessments",
        S47 = "ssd_s47_enquiry", Icpc = "ssd_initial_cp_conference", CinPlans = "ssd_cin_plans", CpPlans = "ssd_cp_plans",
        ClaEpisodes = "ssd_cla_episodes", Placements = "ssd_cla_placement", LegalStatus = "ssd_legal_status",
        CinVisits = "ssd_cin_visits", CpVisits = "ssd_cp_visits", ClaVisits = "ssd_cla_visits", CareLeavers = "ssd_care_leavers",
        Person = "ssd_person", Involvements = "ssd_involvements", Supervision = "ext_case_supervision",
        Workforce = "ext_workforce", CinReviews = "ext_cin_reviews";

    // cla_open's exclusion of short-breaks-only children reads ssd_legal_status, so every KPI built on
    // cla_open (and open_cases) lists it.
    private static readonly string[] ClaOpen = [ClaEpisodes, LegalStatus];
    private static readonly string[] OpenCases = [CinPlans, CpPlans, ClaEpisodes, LegalStatus];

    public static IReadOnlyList<DuckKpiDefinition> All(bool assessmentTimelinessFromReferral) =>
    [
        // Demand
        new("contacts_12m", DuckKpiUnit.Count, [Contacts]),
        new("referrals_12m", DuckKpiUnit.Count, [Referrals]),
        new("referrals_12m_rate", DuckKpiUnit.RatePer10k, [Referrals], RateOf: "referrals_12m"),
        new("contact_conversion_12m", DuckKpiUnit.Percent, [Contacts, Referrals]),
        new("assessments_12m", DuckKpiUnit.Count, [Assessments]),
        new("assessments_12m_rate", DuckKpiUnit.RatePer10k, [Assessments], RateOf: "assessments_12m"),
        new("assessments_open", DuckKpiUnit.Count, [Assessments]),
        new("cin_plans_open", DuckKpiUnit.Count, [CinPlans]),
        new("s47_children_12m", DuckKpiUnit.Count, [S47]),
        new("s47_12m_rate", DuckKpiUnit.RatePer10k, [S47]),
        new("cp_plans_open", DuckKpiUnit.Count, [CpPlans]),
        new("cp_plans_open_rate", DuckKpiUnit.RatePer10k, [CpPlans], RateOf: "cp_plans_open"),
        new("cla_open", DuckKpiUnit.Count, ClaOpen),
        new("cla_open_rate", DuckKpiUnit.RatePer10k, ClaOpen, RateOf: "cla_open"),
        new("cla_placed_with_parents", DuckKpiUnit.Percent, [.. ClaOpen, Placements]),
        new("cin_plan_starts_weekly", DuckKpiUnit.PerWeekOver12Weeks, [CinPlans]),
        // Timeliness
        new("contacts_decided_24h_12m", DuckKpiUnit.Percent, [Contacts]),
        new("assessments_45wd_12m", DuckKpiUnit.Percent,
            assessmentTimelinessFromReferral ? [Assessments, Referrals] : [Assessments]),
        new("icpc_15wd_12m", DuckKpiUnit.Percent, [Icpc, S47]),
        new("cin_visited_20wd", DuckKpiUnit.Percent, [CinPlans, CinVisits]),
        new("cp_visited_20wd", DuckKpiUnit.Percent, [CpPlans, CpVisits]),
        new("cla_visited_in_timescale", DuckKpiUnit.Percent, [.. ClaOpen, Placements, ClaVisits]),
        new("cin_plans_authorised_20wd", DuckKpiUnit.Percent, [CinPlans]),
        new("cin_reviews_on_time", DuckKpiUnit.Percent, [CinReviews]),
        // Effectiveness
        new("rereferrals_12m", DuckKpiUnit.Percent, [Referrals]),
        new("assessments_nfa_12m", DuckKpiUnit.Percent, [Assessments]),
        new("cp_subsequent_12m", DuckKpiUnit.Percent, [CpPlans]),
        // Management and workforce
        new("open_cases", DuckKpiUnit.Count, OpenCases),
        new("case_supervision_recorded", DuckKpiUnit.Percent, [.. OpenCases, Supervision]),
        new("management_oversight_recorded", DuckKpiUnit.Percent, [.. OpenCases, Supervision]),
        new("caseload_avg", DuckKpiUnit.Ratio, [Involvements]),
        new("vacancy_rate", DuckKpiUnit.Percent, [Workforce]),
        new("agency_rate", DuckKpiUnit.Percent, [Workforce]),
        new("sickness_absence_rate", DuckKpiUnit.Percent, [Workforce]),
        // Outcomes
        new("cla_3plus_placements_12m", DuckKpiUnit.Percent, [.. ClaOpen, Placements]),
        new("cla_3plus_social_workers_12m", DuckKpiUnit.Percent, [.. ClaOpen, Involvements]),
        new("care_leavers_19_21_eet", DuckKpiUnit.Percent, [CareLeavers, Person]),
    ];
}
