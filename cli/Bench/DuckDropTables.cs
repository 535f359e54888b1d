namespace KpiPipeline.Cli.Bench;

/// <summary>How a CSV column is turned into a typed DuckDB column (extract-contract.md, "CSV conventions").</summary>
internal enum DuckColumnKind
{
    /// <summary>Identifier: kept as the exact string (leading zeros kept, never parsed as a number).</summary>
    Id,
    /// <summary>Code list value (legal status, placement type, role...): trimmed and upper-cased.</summary>
    Code,
    /// <summary>Date: yyyy-MM-dd or dd/MM/yyyy (a datetime form is accepted and its time dropped).</summary>
    Date,
    /// <summary>Datetime: yyyy-MM-ddTHH:mm[:ss], yyyy-MM-dd HH:mm[:ss] (a date-only form means midnight).</summary>
    DateTime,
    /// <summary>Boolean: Y/N, Yes/No, true/false, 1/0 (any letter case).</summary>
    Bool,
    /// <summary>Decimal number (FTE, days, counts).</summary>
    Number,
    /// <summary>JSON text (outcome flags); must be well-formed.</summary>
    Json,
}

/// <summary>A column the DuckDB side reads, with whether the contract marks it required (R).</summary>
internal sealed record DuckColumn(string Name, DuckColumnKind Kind, bool Required);

/// <summary>
/// One table of the drop as the DuckDB side loads it: the columns it uses (typed), plus every other
/// column the contract marks required, which must be present in the header even though no KPI reads it.
/// </summary>
internal sealed record DuckTable(string Name, IReadOnlyList<DuckColumn> Columns, IReadOnlyList<string> OtherRequired)
{
    public IEnumerable<string> RequiredColumns =>
        Columns.Where(c => c.Required).Select(c => c.Name).Concat(OtherRequired);
}

/// <summary>The tables of extract-contract.md that at least one LA-level KPI reads.</summary>
internal static class DuckDropTables
{
    private static DuckColumn R(string name, DuckColumnKind kind) => new(name, kind, true);
    private static DuckColumn O(string name, DuckColumnKind kind) => new(name, kind, false);

    private const DuckColumnKind Id = DuckColumnKind.Id, Code = DuckColumnKind.Code, Date = DuckColumnKind.Date,
        DateTime = DuckColumnKind.DateTime, Bool = DuckColumnKind.Bool, Number = DuckColumnKind.Number, Json = DuckColumnKind.Json;

    public static readonly IReadOnlyList<DuckTable> All =
    [
        new("ssd_person", [R("pers_person_id", Id), O("pers_dob", Date)], []),
        new("ssd_involvements",
            [R("invo_professional_id", Id), O("invo_professional_role_id", Code), R("invo_person_id", Id),
             R("invo_involvement_start_date", Date), O("invo_involvement_end_date", Date)],
            ["invo_involvements_id"]),
        new("ssd_contacts",
            [R("cont_contact_date", DateTime), O("cont_decision_date", DateTime)],
            ["cont_contact_id", "cont_person_id"]),
        new("ssd_cin_episodes",
            [R("cine_referral_id", Id), R("cine_person_id", Id), R("cine_referral_date", Date)], []),
        new("ssd_cin_assessments",
            [O("cina_referral_id", Id), R("cina_assessment_start_date", Date), O("cina_assessment_auth_date", Date),
             O("cina_assessment_outcome_json", Json), O("cina_assessment_outcome_nfa", Bool)],
            ["cina_assessment_id", "cina_person_id"]),
        new("ssd_s47_enquiry",
            [R("s47e_s47_enquiry_id", Id), R("s47e_person_id", Id), R("s47e_s47_start_date", Date)], []),
        new("ssd_initial_cp_conference",
            [O("icpc_s47_enquiry_id", Id), R("icpc_icpc_date", Date)],
            ["icpc_icpc_id", "icpc_person_id"]),
        new("ssd_cin_plans",
            [R("cinp_person_id", Id), R("cinp_cin_plan_start_date", Date), O("cinp_cin_plan_end_date", Date),
             O("cinp_cin_plan_auth_date", Date)],
            ["cinp_cin_plan_id"]),
        new("ssd_cp_plans",
            [R("cppl_person_id", Id), R("cppl_cp_plan_start_date", Date), O("cppl_cp_plan_end_date", Date),
             O("cppl_previous_cp_plans", Number)],
            ["cppl_cp_plan_id"]),
        new("ssd_cla_episodes",
            [R("clae_person_id", Id), R("clae_cla_episode_start_date", Date), O("clae_cla_episode_ceased_date", Date)],
            ["clae_cla_episode_id"]),
        new("ssd_cla_placement",
            [R("clap_cla_placement_id", Id), R("clap_person_id", Id), R("clap_cla_placement_start_date", Date),
             O("clap_cla_placement_type", Code), O("clap_cla_placement_end_date", Date)], []),
        new("ssd_legal_status",
            [R("lega_person_id", Id), R("lega_legal_status", Code), R("lega_legal_status_start_date", Date),
             O("lega_legal_status_end_date", Date)],
            ["lega_legal_status_id"]),
        new("ssd_cin_visits",
            [R("cinv_person_id", Id), R("cinv_cin_visit_date", Date), O("cinv_cin_visit_seen", Bool)],
            ["cinv_cin_visit_id"]),
        new("ssd_cp_visits",
            [R("cppv_person_id", Id), R("cppv_cp_visit_date", Date), O("cppv_cp_visit_seen", Bool)],
            ["cppv_cp_visit_id"]),
        new("ssd_cla_visits",
            [R("clav_person_id", Id), R("clav_cla_visit_date", Date), O("clav_cla_visit_seen", Bool)],
            ["clav_cla_visit_id"]),
        new("ssd_care_leavers",
            [R("clea_person_id", Id), O("clea_care_leaver_activity", Code)],
            ["clea_table_id"]),
        new("ext_case_supervision",
            [R("supv_person_id", Id), R("supv_date", Date), R("supv_type", Code)],
            ["supv_id"]),
        new("ext_workforce",
            [R("wf_month", Date), R("wf_employed_fte", Number), R("wf_agency_fte", Number), R("wf_vacancy_fte", Number),
             O("wf_sickness_days_lost", Number), O("wf_working_days", Number)],
            ["wf_team_id"]),
        new("ext_cin_reviews",
            [R("cinr_due_date", Date), O("cinr_held_date", Date)],
            ["cinr_id", "cinr_person_id"]),
    ];
}
