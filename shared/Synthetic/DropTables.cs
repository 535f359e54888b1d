namespace KpiPipeline.Synthetic;

/// <summary>The tables of a drop, in the order they are written.</summary>
internal enum Table
{
    Person, Department, Professionals, Involvements, Contacts, CinEpisodes, CinAssessments, S47Enquiry,
    InitialCpConference, CinPlans, CpPlans, ClaEpisodes, ClaPlacement, LegalStatus, CinVisits, CpVisits,
    ClaVisits, CareLeavers, CaseSupervision, Workforce, Audits, CinReviews,
}

/// <summary>
/// Table names and header columns exactly as extract-contract.md spells them. The generator writes
/// every column of the contract (required and optional), in this order; each writer checks the
/// number of fields per row against this list so a row can never drift from its header.
/// </summary>
internal static class DropTables
{
    public static readonly string[] Names =
    [
        "ssd_person", "ssd_department", "ssd_professionals", "ssd_involvements", "ssd_contacts", "ssd_cin_episodes",
        "ssd_cin_assessments", "ssd_s47_enquiry", "ssd_initial_cp_conference", "ssd_cin_plans", "ssd_cp_plans",
        "ssd_cla_episodes", "ssd_cla_placement", "ssd_legal_status", "ssd_cin_visits", "ssd_cp_visits",
        "ssd_cla_visits", "ssd_care_leavers", "ext_case_supervision", "ext_workforce", "ext_audits", "ext_cin_reviews",
    ];

    public static readonly string[][] Columns =
    [
        ["pers_person_id", "pers_sex", "pers_gender", "pers_ethnicity", "pers_dob", "pers_expected_dob", "pers_death_date", "pers_upn_unknown", "pers_send_flag"],
        ["dept_team_id", "dept_team_name", "dept_team_parent_id", "dept_team_parent_name"],
        ["prof_professional_id", "prof_staff_id", "prof_professional_name", "prof_social_worker_registration_no", "prof_agency_worker_flag",
         "prof_professional_job_title", "prof_professional_department", "prof_full_time_equivalency", "prof_email", "prof_manager_id"],
        ["invo_involvements_id", "invo_professional_id", "invo_professional_role_id", "invo_professional_team", "invo_person_id",
         "invo_involvement_start_date", "invo_involvement_end_date", "invo_worker_change_reason", "invo_referral_id"],
        ["cont_contact_id", "cont_person_id", "cont_contact_date", "cont_contact_source_code", "cont_contact_outcome_json", "cont_decision_date"],
        ["cine_referral_id", "cine_person_id", "cine_referral_date", "cine_cin_primary_need_code", "cine_referral_source_code", "cine_referral_nfa",
         "cine_close_reason", "cine_close_date", "cine_referral_team", "cine_referral_worker_id"],
        ["cina_assessment_id", "cina_person_id", "cina_referral_id", "cina_assessment_start_date", "cina_assessment_child_seen", "cina_assessment_auth_date",
         "cina_assessment_outcome_json", "cina_assessment_outcome_nfa", "cina_assessment_team", "cina_assessment_worker_id"],
        ["s47e_s47_enquiry_id", "s47e_referral_id", "s47e_person_id", "s47e_s47_start_date", "s47e_s47_end_date", "s47e_s47_nfa",
         "s47e_s47_outcome_json", "s47e_s47_completed_by_team", "s47e_s47_completed_by_worker_id"],
        ["icpc_icpc_id", "icpc_s47_enquiry_id", "icpc_person_id", "icpc_cp_plan_id", "icpc_referral_id", "icpc_icpc_transfer_in",
         "icpc_icpc_target_date", "icpc_icpc_date", "icpc_icpc_outcome_cp_flag", "icpc_icpc_team", "icpc_icpc_worker_id"],
        ["cinp_cin_plan_id", "cinp_referral_id", "cinp_person_id", "cinp_cin_plan_start_date", "cinp_cin_plan_end_date", "cinp_cin_plan_team",
         "cinp_cin_plan_worker_id", "cinp_cin_plan_auth_date"],
        ["cppl_cp_plan_id", "cppl_referral_id", "cppl_icpc_id", "cppl_person_id", "cppl_cp_plan_start_date", "cppl_cp_plan_end_date",
         "cppl_cp_plan_initial_category", "cppl_cp_plan_latest_category", "cppl_previous_cp_plans"],
        ["clae_cla_episode_id", "clae_person_id", "clae_cla_placement_id", "clae_cla_episode_start_date", "clae_cla_episode_start_reason",
         "clae_cla_primary_need_code", "clae_cla_episode_ceased_date", "clae_cla_episode_ceased_reason", "clae_cla_id", "clae_referral_id", "clae_entered_care_date"],
        ["clap_cla_placement_id", "clap_cla_id", "clap_person_id", "clap_cla_placement_start_date", "clap_cla_placement_type",
         "clap_cla_placement_end_date", "clap_cla_placement_change_reason", "clap_cla_placement_provider", "clap_cla_placement_urn"],
        ["lega_legal_status_id", "lega_person_id", "lega_legal_status", "lega_legal_status_start_date", "lega_legal_status_end_date"],
        ["cinv_cin_visit_id", "cinv_person_id", "cinv_cin_visit_date", "cinv_cin_visit_seen", "cinv_cin_visit_seen_alone"],
        ["cppv_cp_visit_id", "cppv_person_id", "cppv_cp_plan_id", "cppv_cp_visit_date", "cppv_cp_visit_seen", "cppv_cp_visit_seen_alone"],
        ["clav_cla_visit_id", "clav_cla_id", "clav_person_id", "clav_cla_visit_date", "clav_cla_visit_seen", "clav_cla_visit_seen_alone"],
        ["clea_table_id", "clea_person_id", "clea_care_leaver_eligibility", "clea_care_leaver_in_touch", "clea_care_leaver_latest_contact",
         "clea_care_leaver_accommodation", "clea_care_leaver_accom_suitable", "clea_care_leaver_activity", "clea_pathway_plan_review_date",
         "clea_care_leaver_personal_advisor", "clea_care_leaver_allocated_team", "clea_care_leaver_worker_id"],
        ["supv_id", "supv_person_id", "supv_date", "supv_type", "supv_by_professional_id", "supv_team"],
        ["wf_team_id", "wf_month", "wf_establishment_fte", "wf_employed_fte", "wf_agency_fte", "wf_vacancy_fte", "wf_sickness_days_lost", "wf_working_days"],
        ["audt_id", "audt_person_id", "audt_date", "audt_theme", "audt_grade", "audt_moderated_grade", "audt_team"],
        ["cinr_id", "cinr_person_id", "cinr_cin_plan_id", "cinr_due_date", "cinr_held_date"],
    ];

    public static string FileName(Table t) => Names[(int)t] + ".csv";
}
