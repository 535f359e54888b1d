namespace KpiPipeline.Tests.Synthetic;

/// <summary>
/// The events of each child must hang together the way a case system records them: every
/// reference resolves, nothing ends before it starts, an assessment follows its referral, an ICPC
/// follows its S47 and starts its CP plan, visits fall inside the plan or care period they belong to.
/// Each query counts violations, so a failure names the rule that broke.
/// </summary>
[Collection(SyntheticDropCollection.Name)]
public sealed class ConsistencyTests(SyntheticDropFixture drop)
{
    private static string D(string column) => $"CAST({column} AS DATE)";

    public static TheoryData<string, string> Rules => new()
    {
        { "assessment before its referral", $"SELECT count(*) FROM ssd_cin_assessments a JOIN ssd_cin_episodes r ON r.cine_referral_id = a.cina_referral_id WHERE {D("a.cina_assessment_start_date")} < {D("r.cine_referral_date")}" },
        { "assessment authorised before it started", $"SELECT count(*) FROM ssd_cin_assessments WHERE {D("cina_assessment_auth_date")} < {D("cina_assessment_start_date")}" },
        { "assessment referral id unknown", "SELECT count(*) FROM ssd_cin_assessments WHERE cina_referral_id NOT IN (SELECT cine_referral_id FROM ssd_cin_episodes)" },
        { "referral closed before it opened", $"SELECT count(*) FROM ssd_cin_episodes WHERE {D("cine_close_date")} < {D("cine_referral_date")}" },
        { "S47 before its referral", $"SELECT count(*) FROM ssd_s47_enquiry s JOIN ssd_cin_episodes r ON r.cine_referral_id = s.s47e_referral_id WHERE {D("s.s47e_s47_start_date")} < {D("r.cine_referral_date")}" },
        { "S47 ends before it starts", $"SELECT count(*) FROM ssd_s47_enquiry WHERE {D("s47e_s47_end_date")} < {D("s47e_s47_start_date")}" },
        { "ICPC before its S47", $"SELECT count(*) FROM ssd_initial_cp_conference i JOIN ssd_s47_enquiry s ON s.s47e_s47_enquiry_id = i.icpc_s47_enquiry_id WHERE {D("i.icpc_icpc_date")} < {D("s.s47e_s47_start_date")}" },
        { "ICPC S47 id unknown", "SELECT count(*) FROM ssd_initial_cp_conference WHERE icpc_s47_enquiry_id IS NOT NULL AND icpc_s47_enquiry_id NOT IN (SELECT s47e_s47_enquiry_id FROM ssd_s47_enquiry)" },
        { "ICPC without S47 that is not a transfer-in", "SELECT count(*) FROM ssd_initial_cp_conference WHERE icpc_s47_enquiry_id IS NULL AND icpc_icpc_transfer_in <> 'Y'" },
        { "CP plan not starting on its ICPC date", $"SELECT count(*) FROM ssd_cp_plans p JOIN ssd_initial_cp_conference i ON i.icpc_icpc_id = p.cppl_icpc_id WHERE {D("p.cppl_cp_plan_start_date")} <> {D("i.icpc_icpc_date")}" },
        { "ICPC and CP plan links disagree", "SELECT count(*) FROM ssd_initial_cp_conference i JOIN ssd_cp_plans p ON p.cppl_cp_plan_id = i.icpc_cp_plan_id WHERE p.cppl_icpc_id IS DISTINCT FROM i.icpc_icpc_id" },
        { "ICPC with CP outcome but no plan", "SELECT count(*) FROM ssd_initial_cp_conference WHERE icpc_icpc_outcome_cp_flag = 'Y' AND icpc_cp_plan_id IS NULL" },
        { "CIN plan ends before it starts", $"SELECT count(*) FROM ssd_cin_plans WHERE {D("cinp_cin_plan_end_date")} <= {D("cinp_cin_plan_start_date")}" },
        { "CP plan ends before it starts", $"SELECT count(*) FROM ssd_cp_plans WHERE {D("cppl_cp_plan_end_date")} <= {D("cppl_cp_plan_start_date")}" },
        { "CIN and CP plan open together", $"""
            SELECT count(*) FROM ssd_cin_plans c JOIN ssd_cp_plans p ON p.cppl_person_id = c.cinp_person_id
            WHERE {D("p.cppl_cp_plan_start_date")} < coalesce({D("c.cinp_cin_plan_end_date")}, DATE '9999-12-31')
              AND {D("c.cinp_cin_plan_start_date")} < coalesce({D("p.cppl_cp_plan_end_date")}, DATE '9999-12-31')
            """ },
        { "CLA episode ends before it starts", $"SELECT count(*) FROM ssd_cla_episodes WHERE {D("clae_cla_episode_ceased_date")} < {D("clae_cla_episode_start_date")}" },
        { "CLA episode before entering care", $"SELECT count(*) FROM ssd_cla_episodes WHERE {D("clae_cla_episode_start_date")} < {D("clae_entered_care_date")}" },
        { "CLA episode placement unknown", "SELECT count(*) FROM ssd_cla_episodes WHERE clae_cla_placement_id NOT IN (SELECT clap_cla_placement_id FROM ssd_cla_placement)" },
        { "placement ends before it starts", $"SELECT count(*) FROM ssd_cla_placement WHERE {D("clap_cla_placement_end_date")} <= {D("clap_cla_placement_start_date")}" },
        { "legal status ends before it starts", $"SELECT count(*) FROM ssd_legal_status WHERE {D("lega_legal_status_end_date")} <= {D("lega_legal_status_start_date")}" },
        { "involvement ends before it starts", $"SELECT count(*) FROM ssd_involvements WHERE {D("invo_involvement_end_date")} <= {D("invo_involvement_start_date")}" },
        { "CIN visit outside every CIN plan", $"""
            SELECT count(*) FROM ssd_cin_visits v WHERE NOT EXISTS (SELECT 1 FROM ssd_cin_plans p WHERE p.cinp_person_id = v.cinv_person_id
              AND {D("v.cinv_cin_visit_date")} >= {D("p.cinp_cin_plan_start_date")} AND (p.cinp_cin_plan_end_date IS NULL OR {D("v.cinv_cin_visit_date")} < {D("p.cinp_cin_plan_end_date")}))
            """ },
        { "CP visit outside its plan", $"""
            SELECT count(*) FROM ssd_cp_visits v JOIN ssd_cp_plans p ON p.cppl_cp_plan_id = v.cppv_cp_plan_id
            WHERE v.cppv_person_id <> p.cppl_person_id OR {D("v.cppv_cp_visit_date")} < {D("p.cppl_cp_plan_start_date")}
               OR (p.cppl_cp_plan_end_date IS NOT NULL AND {D("v.cppv_cp_visit_date")} >= {D("p.cppl_cp_plan_end_date")})
            """ },
        { "CLA visit outside its period of care", $"""
            SELECT count(*) FROM ssd_cla_visits v WHERE NOT EXISTS (SELECT 1 FROM ssd_cla_placement p WHERE p.clap_cla_id = v.clav_cla_id AND p.clap_person_id = v.clav_person_id
              AND {D("v.clav_cla_visit_date")} >= {D("p.clap_cla_placement_start_date")} AND (p.clap_cla_placement_end_date IS NULL OR {D("v.clav_cla_visit_date")} < {D("p.clap_cla_placement_end_date")}))
            """ },
        { "event after the extract date", """
            SELECT (SELECT count(*) FROM ssd_contacts WHERE CAST(cont_contact_date AS TIMESTAMP) > DATE '2023-06-01')
                 + (SELECT count(*) FROM ssd_cin_visits WHERE CAST(cinv_cin_visit_date AS DATE) > DATE '2023-05-31')
                 + (SELECT count(*) FROM ssd_cin_assessments WHERE CAST(cina_assessment_auth_date AS DATE) > DATE '2023-05-31')
                 + (SELECT count(*) FROM ext_case_supervision WHERE CAST(supv_date AS DATE) > DATE '2023-05-31')
            """ },
        { "person id unknown", """
            SELECT count(*) FROM (SELECT cont_person_id AS pid FROM ssd_contacts UNION SELECT cine_person_id FROM ssd_cin_episodes
                UNION SELECT invo_person_id FROM ssd_involvements UNION SELECT clea_person_id FROM ssd_care_leavers
                UNION SELECT supv_person_id FROM ext_case_supervision UNION SELECT clap_person_id FROM ssd_cla_placement)
            WHERE pid NOT IN (SELECT pers_person_id FROM ssd_person)
            """ },
        { "worker or team unknown", """
            SELECT (SELECT count(*) FROM ssd_involvements WHERE invo_professional_id NOT IN (SELECT prof_professional_id FROM ssd_professionals))
                 + (SELECT count(*) FROM ssd_involvements WHERE invo_professional_team NOT IN (SELECT dept_team_id FROM ssd_department))
                 + (SELECT count(*) FROM ssd_professionals WHERE prof_manager_id IS NOT NULL AND prof_manager_id NOT IN (SELECT prof_professional_id FROM ssd_professionals))
                 + (SELECT count(*) FROM ssd_professionals WHERE prof_professional_department NOT IN (SELECT dept_team_id FROM ssd_department))
            """ },
        { "involvement team differs from the worker's team", "SELECT count(*) FROM ssd_involvements i JOIN ssd_professionals p ON p.prof_professional_id = i.invo_professional_id WHERE p.prof_professional_department <> i.invo_professional_team" },
        { "cared-for child with no legal status at D", """
            SELECT count(*) FROM ssd_cla_episodes e WHERE CAST(clae_cla_episode_start_date AS DATE) <= DATE '2023-05-31'
              AND (clae_cla_episode_ceased_date IS NULL OR CAST(clae_cla_episode_ceased_date AS DATE) > DATE '2023-05-31')
              AND NOT EXISTS (SELECT 1 FROM ssd_legal_status l WHERE l.lega_person_id = e.clae_person_id AND CAST(lega_legal_status_start_date AS DATE) <= DATE '2023-05-31'
                  AND (lega_legal_status_end_date IS NULL OR CAST(lega_legal_status_end_date AS DATE) > DATE '2023-05-31'))
            """ },
        { "care leaver outside ages 16-25", """
            SELECT count(*) FROM ssd_care_leavers l JOIN ssd_person p ON p.pers_person_id = l.clea_person_id
            WHERE date_sub('year', CAST(p.pers_dob AS DATE), DATE '2023-05-31') NOT BETWEEN 16 AND 25
            """ },
        { "care leaver activity not an SSDA903 code", "SELECT count(*) FROM ssd_care_leavers WHERE clea_care_leaver_activity NOT IN ('F1','P1','F2','P2','F4','P4','F5','P5','G4','G5','G6')" },
        { "duplicate person id", "SELECT count(*) - count(DISTINCT pers_person_id) FROM ssd_person" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_has_no_violations(string rule, string countViolationsSql)
    {
        var violations = drop.Db.Scalar(countViolationsSql);
        Assert.True(violations == 0, $"{rule}: {violations} violations");
    }

    [Fact]
    public void Repeat_referrals_and_repeat_cp_plans_exist()
    {
        Assert.True(drop.Db.Scalar("SELECT count(*) FROM (SELECT cine_person_id FROM ssd_cin_episodes GROUP BY 1 HAVING count(*) >= 3)") > 100);
        Assert.True(drop.Db.Scalar("SELECT count(*) FROM ssd_cp_plans WHERE CAST(cppl_previous_cp_plans AS INT) > 0") > 50);
    }

    [Fact]
    public void Legal_statuses_cover_care_orders_section20_and_short_breaks()
    {
        var codes = drop.Db.Rows("SELECT lega_legal_status, count(*) FROM ssd_legal_status GROUP BY 1").ToDictionary(r => r.Key, r => r.Value);
        foreach (var code in new[] { "C1", "C2", "E1", "V2", "V4" }) Assert.True(codes.GetValueOrDefault(code) > 0, $"no legal status {code}");
    }
}
