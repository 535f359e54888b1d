using KpiPipeline.Extract;
using KpiPipeline.Model;
using KpiPipeline.Tests.TestSupport;

namespace KpiPipeline.Tests.Extract;

/// <summary>Each contract table lands in the right model fields.</summary>
public class DropReaderMappingTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Contract_table_order_is_the_models()
    {
        Assert.Equal(Tables.All, DropSchema.Specs.Select(s => s.Name));
        Assert.Equal(new[] { Tables.Person }, DropSchema.RequiredTables);
    }

    [Fact]
    public void Person_dates()
    {
        var data = new TestDrop().Table(Tables.Person, "pers_person_id,pers_dob,pers_expected_dob,pers_death_date,pers_sex",
            "007,2012-03-04,,,M", "008,,2023-08-01,,", "009,2001-01-01,,2020-02-02,F").Read().Data;

        Assert.Equal(new PersonRecord(data.People.Find("007"), D(2012, 3, 4), null, null), data.Persons.For(data.People.Find("007"))[0]);
        Assert.Equal(D(2023, 8, 1), data.Persons.For(data.People.Find("008"))[0].ExpectedBirthDate);
        Assert.Equal(D(2020, 2, 2), data.Persons.For(data.People.Find("009"))[0].DeathDate);
    }

    [Fact]
    public void Department_and_professionals_become_team_and_worker_info()
    {
        var data = new TestDrop()
            .Table(Tables.Department, "dept_team_id,dept_team_name,dept_team_parent_id,dept_team_parent_name",
                "T1,Assessment Team A,S1,Assessment", "T2,Locality North,S2,Localities 1")
            .Table(Tables.Professionals,
                "prof_professional_id,prof_professional_name,prof_email,prof_professional_department,prof_manager_id,prof_agency_worker_flag,prof_professional_job_title",
                "W1,Ann Smith,ann@la.gov.uk,T1,M1,N,Social Worker",
                "M1,Mo Jones,mo@la.gov.uk,Locality North,,No,Team Manager",
                "W2,,,,,Y,")
            .Read().Data;

        var t1 = data.Teams.Find("T1");
        Assert.Equal(new TeamInfo(t1, "Assessment Team A", "Assessment"), data.TeamInfo[t1]);
        var w1 = data.WorkerInfo[data.Workers.Find("W1")]!;
        Assert.Equal(("Ann Smith", "ann@la.gov.uk", t1, data.Workers.Find("M1"), (bool?)false, "Social Worker"),
            (w1.Name, w1.Email, w1.Team, w1.Manager, w1.Agency, w1.JobTitle));
        // A team given by name resolves to that team's id.
        Assert.Equal(data.Teams.Find("T2"), data.WorkerInfo[data.Workers.Find("M1")]!.Team);
        var w2 = data.WorkerInfo[data.Workers.Find("W2")]!;
        Assert.Equal((IdMap.None, IdMap.None, (bool?)true), (w2.Team, w2.Manager, w2.Agency));
    }

    [Fact]
    public void Manager_missing_from_professionals_is_warned_about()
    {
        var result = new TestDrop()
            .Table(Tables.Professionals, "prof_professional_id,prof_manager_id", "W1,M9", "W2,W1")
            .Read();
        var issue = Assert.Single(result.Issues);
        Assert.Equal((DropRules.UnknownWorker, 2L, "W1"), (issue.Rule, issue.SourceRow, issue.RecordId));
        Assert.Null(result.Data.WorkerInfo[result.Data.Workers.Find("M9")]);
    }

    [Fact]
    public void Contacts_with_decision_time()
    {
        var data = new TestDrop().Table(Tables.Contacts, "cont_contact_id,cont_person_id,cont_contact_date,cont_decision_date",
            "c1,007,2023-05-30T09:00,2023-05-30 17:30:00", "c2,007,2023-05-31,").Read().Data;

        var contacts = data.Contacts.For(data.People.Find("007"));
        Assert.Equal(new DateTime(2023, 5, 30, 17, 30, 0), contacts[0].DecidedAt);
        Assert.Null(contacts[1].DecidedAt);
        Assert.Equal(D(2023, 5, 31), contacts[1].ContactDate);
    }

    [Fact]
    public void Cin_episodes_become_referrals()
    {
        var data = new TestDrop()
            .Table(Tables.Department, "dept_team_id,dept_team_name", "T1,Assessment")
            .Table(Tables.CinEpisodes, "cine_referral_id,cine_person_id,cine_referral_date,cine_close_date,cine_referral_nfa,cine_referral_team,cine_referral_worker_id",
                "r1,007,2023-01-10,2023-02-01,Y,T1,W1", "r2,007,2023-03-01,,,,")
            .Read().Data;

        var refs = data.Referrals.For(data.People.Find("007"));
        Assert.Equal(new ReferralRecord(data.People.Find("007"), LinkKey.Of("r1"), D(2023, 1, 10), D(2023, 2, 1), true,
            data.Teams.Find("T1"), data.Workers.Find("W1")), refs[0]);
        Assert.Equal((false, (DateOnly?)null, IdMap.None, IdMap.None), (refs[1].Nfa, refs[1].CloseDate, refs[1].Team, refs[1].Worker));
        Assert.Null(data.WorkerInfo[data.Workers.Find("W1")]); // ssd_professionals absent: no info, no warning
    }

    [Theory]
    [InlineData("Y", "", true)]
    [InlineData("N", "{\"NFA_FLAG\":\"Y\"}", false)] // the column wins over the JSON
    [InlineData("", "{\"NFA_FLAG\":\"Y\",\"STRATEGY_DISCUSSION_FLAG\":\"N\"}", true)]
    [InlineData("", "[{\"NFA_FLAG\":\"N\"}]", false)]
    [InlineData("", "{\"outcomes\":{\"nfa_flag\":true}}", true)]
    [InlineData("", "{\"OUTCOME_NFA_FLAG\":1}", true)]
    [InlineData("", "{\"OUTCOME_NFA_FLAG\":\"\"}", null)]
    [InlineData("", "{\"OTHER_FLAG\":\"Y\"}", null)]
    [InlineData("", "", null)]
    public void Assessment_nfa_outcome_from_column_or_json(string column, string json, bool? expected)
    {
        var quoted = "\"" + json.Replace("\"", "\"\"") + "\"";
        var result = new TestDrop().Table(Tables.Assessments,
            "cina_assessment_id,cina_person_id,cina_referral_id,cina_assessment_start_date,cina_assessment_auth_date,cina_assessment_outcome_json,cina_assessment_outcome_nfa",
            $"a1,007,r1,2023-05-01,2023-05-20,{quoted},{column}").Read();

        var a = Assert.Single(result.Data.Assessments.All.ToArray());
        Assert.Equal(expected, a.OutcomeNfa);
        Assert.Equal((LinkKey.Of("r1"), D(2023, 5, 1), (DateOnly?)D(2023, 5, 20)), (a.ReferralKey, a.StartDate, a.AuthorisedDate));
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Assessment_outcome_json_that_does_not_parse_is_a_warning()
    {
        var result = new TestDrop().Table(Tables.Assessments,
            "cina_assessment_id,cina_person_id,cina_assessment_start_date,cina_assessment_outcome_json",
            "a1,007,2023-05-01,\"{NFA_FLAG: Y\"").Read();
        Assert.Null(Assert.Single(result.Data.Assessments.All.ToArray()).OutcomeNfa);
        Assert.Equal(DropRules.BadJson, Assert.Single(result.Issues).Rule);
    }

    [Fact]
    public void S47_and_icpc_link_through_the_enquiry_id()
    {
        var data = new TestDrop()
            .Table(Tables.S47, "s47e_s47_enquiry_id,s47e_referral_id,s47e_person_id,s47e_s47_start_date,s47e_s47_end_date",
                "s1,r1,007,2023-04-01,2023-04-10")
            .Table(Tables.Icpc, "icpc_icpc_id,icpc_s47_enquiry_id,icpc_person_id,icpc_icpc_date,icpc_icpc_transfer_in",
                "i1,s1,007,2023-04-20,N", "i2,,007,2023-05-20,Yes")
            .Read().Data;

        var s47 = Assert.Single(data.S47Enquiries.All.ToArray());
        var icpcs = data.Icpcs.All.ToArray();
        Assert.Equal(s47.EnquiryKey, icpcs[0].EnquiryKey);
        Assert.Equal(LinkKey.Of("r1"), s47.ReferralKey);
        Assert.Equal((D(2023, 4, 1), (DateOnly?)D(2023, 4, 10)), (s47.StartDate, s47.EndDate));
        Assert.Equal((LinkKey.None, true, D(2023, 5, 20)), (icpcs[1].EnquiryKey, icpcs[1].TransferIn, icpcs[1].ConferenceDate));
        Assert.False(icpcs[0].TransferIn);
    }

    [Fact]
    public void Cin_and_cp_plans()
    {
        var result = new TestDrop()
            .Table(Tables.CinPlans, "cinp_cin_plan_id,cinp_person_id,cinp_cin_plan_start_date,cinp_cin_plan_end_date,cinp_cin_plan_auth_date",
                "cp1,007,2023-01-01,,2023-01-05")
            .Table(Tables.CpPlans, "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,cppl_previous_cp_plans",
                "pp1,007,2022-01-01,2022-12-01,2", "pp2,007,2023-02-01,,", "pp3,007,2023-03-01,,-1")
            .Read();

        Assert.Equal(new CinPlanRecord(0, D(2023, 1, 1), null, D(2023, 1, 5), IdMap.None, IdMap.None), result.Data.CinPlans.All[0]);
        var cp = result.Data.CpPlans.All.ToArray();
        Assert.Equal(new int?[] { 2, null, null }, cp.Select(p => p.PreviousPlans));
        Assert.Equal(D(2022, 12, 1), cp[0].EndDate);
        Assert.Equal(DropRules.BadNumber, Assert.Single(result.Issues).Rule); // -1 previous plans
    }

    [Fact]
    public void Placement_person_is_derived_from_the_cla_id()
    {
        var result = new TestDrop()
            .Table(Tables.ClaEpisodes, "clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_episode_ceased_date,clae_cla_id",
                "e1,007,2022-01-01,2022-06-01,CLA1", "e2,007,2022-06-01,,CLA1", "e3,008,2023-01-01,,CLA2")
            .Table(Tables.ClaPlacement, "clap_cla_placement_id,clap_cla_id,clap_person_id,clap_cla_placement_start_date,clap_cla_placement_type,clap_cla_placement_end_date",
                "pl1,CLA1,,2022-01-01,u1,2022-03-01", "pl2,CLA2,,2023-01-01,P1,", "pl3,CLA9,,2023-01-01,U4,", "pl4,,008,2023-02-01,,")
            .Read();

        var data = result.Data;
        var p7 = data.People.Find("007");
        var p8 = data.People.Find("008");
        Assert.Equal(new PlacementRecord(p7, D(2022, 1, 1), D(2022, 3, 1), "U1"), Assert.Single(data.Placements.For(p7).ToArray()));
        Assert.Equal(new[] { "P1", null }, data.Placements.For(p8).ToArray().Select(p => p.PlacementType));
        Assert.Equal(2, data.ClaEpisodes.For(p7).Length);

        var issue = Assert.Single(result.Issues);
        Assert.Equal((DropRules.PersonUnresolved, 4L, "pl3", Severity.Error), (issue.Rule, issue.SourceRow, issue.RecordId, issue.Severity));
        Assert.Equal(1, result.RowsRejected);
    }

    [Fact]
    public void Placement_person_column_may_be_left_out_when_the_cla_id_is_there()
    {
        var data = new TestDrop()
            .Table(Tables.ClaEpisodes, "clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_id", "e1,007,2022-01-01,CLA1")
            .Table(Tables.ClaPlacement, "clap_cla_placement_id,clap_cla_id,clap_cla_placement_start_date", "pl1,CLA1,2022-01-01")
            .Read().Data;
        Assert.Equal(data.People.Find("007"), Assert.Single(data.Placements.All.ToArray()).Person);

        var e = Assert.Throws<DropRejectedException>(() => new TestDrop()
            .Table(Tables.ClaPlacement, "clap_cla_placement_id,clap_cla_placement_start_date", "pl1,2022-01-01").Read());
        Assert.Equal("ssd_cla_placement.csv: required column 'clap_person_id' is missing (nor is 'clap_cla_id', from which it could be derived)", e.Message);
    }

    [Fact]
    public void Legal_status_visits_and_care_leavers()
    {
        var data = new TestDrop()
            .Table(Tables.LegalStatus, "lega_legal_status_id,lega_person_id,lega_legal_status,lega_legal_status_start_date,lega_legal_status_end_date",
                "l1,007,c2,2022-01-01,", "l2,007,V2,2021-01-01,2021-02-01")
            .Table(Tables.CinVisits, "cinv_cin_visit_id,cinv_person_id,cinv_cin_visit_date,cinv_cin_visit_seen,cinv_cin_visit_seen_alone", "v1,007,2023-05-01,Y,N")
            .Table(Tables.CpVisits, "cppv_cp_visit_id,cppv_person_id,cppv_cp_plan_id,cppv_cp_visit_date,cppv_cp_visit_seen", "v1,007,pp1,2023-05-02 10:30,0")
            .Table(Tables.ClaVisits, "clav_cla_visit_id,clav_cla_id,clav_person_id,clav_cla_visit_date,clav_cla_visit_seen", "v1,CLA1,007,02/05/2023,")
            .Table(Tables.CareLeavers, "clea_table_id,clea_person_id,clea_care_leaver_in_touch,clea_care_leaver_activity,clea_care_leaver_latest_contact",
                "cl1,007,yes,f2,2023-04-01")
            .Read().Data;

        var ls = data.LegalStatuses.All.ToArray();
        Assert.Equal(new[] { "V2", "C2" }, ls.Select(l => l.Code)); // ordered by start date within the child
        Assert.Same(ls[1].Code, data.LegalStatuses.All[1].Code);
        Assert.Equal(new VisitRecord(0, D(2023, 5, 1), true), data.CinVisits.All[0]);
        Assert.Equal(new VisitRecord(0, D(2023, 5, 2), false), data.CpVisits.All[0]);
        Assert.Equal(new VisitRecord(0, D(2023, 5, 2), null), data.ClaVisits.All[0]);
        Assert.Equal(new CareLeaverRecord(0, "F2", "YES", D(2023, 4, 1), IdMap.None, IdMap.None), data.CareLeavers.All[0]);
    }

    [Fact]
    public void Involvements_case_worker_role_and_team()
    {
        var data = new TestDrop()
            .Table(Tables.Department, "dept_team_id,dept_team_name", "T1,One")
            .Table(Tables.Professionals, "prof_professional_id,prof_professional_department", "W1,T1")
            .Table(Tables.Involvements, "invo_involvements_id,invo_professional_id,invo_professional_role_id,invo_professional_team,invo_person_id,invo_involvement_start_date,invo_involvement_end_date",
                "i1,W1,cw,T1,007,2023-01-01,2023-03-01", "i2,W1,IRO,,007,2023-02-01,")
            .Read().Data;

        var invs = data.Involvements.All.ToArray();
        Assert.Equal(new InvolvementRecord(0, data.Workers.Find("W1"), data.Teams.Find("T1"), true, D(2023, 1, 1), D(2023, 3, 1)), invs[0]);
        Assert.Equal((false, IdMap.None, (DateOnly?)null), (invs[1].IsCaseWorker, invs[1].Team, invs[1].EndDate));
    }

    [Fact]
    public void Supervision_reviews_workforce_and_audits()
    {
        var result = new TestDrop()
            .Table(Tables.Department, "dept_team_id,dept_team_name", "T1,One")
            .Table(Tables.Supervision, "supv_id,supv_person_id,supv_date,supv_type,supv_by_professional_id",
                "s1,007,2023-05-01,Supervision,W1", "s2,007,2023-05-02,OVERSIGHT,", "s3,007,2023-05-03,chat,")
            .Table(Tables.CinReviews, "cinr_id,cinr_person_id,cinr_cin_plan_id,cinr_due_date,cinr_held_date", "r1,007,cp1,2023-05-10,2023-05-08")
            .Table(Tables.Workforce, "wf_team_id,wf_month,wf_establishment_fte,wf_employed_fte,wf_agency_fte,wf_vacancy_fte,wf_sickness_days_lost,wf_working_days",
                "T1,2023-04-01,10,8.5,1,0.5,3,20", "T1,2023-05-15,,8,1,1,,", "T1,2023-05-01,,8,1,1,,")
            .Table(Tables.Audits, "audt_id,audt_person_id,audt_date,audt_theme,audt_grade,audt_moderated_grade,audt_team",
                "a1,007,2023-05-01,x,GOOD,RI,T1", "a2,,2023-05-02,,outstanding,,", "a3,007,2023-05-03,,Good,excellent,")
            .Read();

        var data = result.Data;
        Assert.Equal(new[] { SupervisionKind.Supervision, SupervisionKind.Oversight }, data.Supervision.All.ToArray().Select(s => s.Kind));
        Assert.Equal(new CinReviewRecord(0, D(2023, 5, 10), D(2023, 5, 8)), data.CinReviews.All[0]);
        Assert.Equal(new WorkforceRecord(data.Teams.Find("T1"), D(2023, 4, 1), 10, 8.5, 1, 0.5, 3, 20), data.Workforce[0]);
        Assert.Equal(D(2023, 5, 1), data.Workforce[1].Month); // moved to the 1st
        Assert.Equal(2, data.Workforce.Count); // the 2023-05-01 row then repeats (T1, May)
        Assert.Equal(new[] { AuditGrade.RequiresImprovement, AuditGrade.Outstanding, AuditGrade.Good }, data.Audits.Select(a => a.Grade));
        Assert.Equal((IdMap.None, IdMap.None), (data.Audits[1].Person, data.Audits[1].Team));

        Assert.Equal(new[]
        {
            (Tables.Supervision, DropRules.BadCode, 4L),
            (Tables.Workforce, DropRules.MonthNotFirstDay, 3L),
            (Tables.Workforce, DropRules.DuplicateKey, 4L),
            (Tables.Audits, DropRules.BadCode, 4L),
        }, result.Issues.Select(i => (i.Table, i.Rule, i.SourceRow)));
    }

    [Fact]
    public void Absent_optional_tables_are_empty_and_not_present()
    {
        var data = new TestDrop().Table(Tables.Contacts, "cont_contact_id,cont_person_id,cont_contact_date", "c1,007,2023-05-30").Read().Data;

        Assert.Equal(new[] { Tables.Contacts, Tables.Person }, data.TablesPresent.Order());
        Assert.False(data.Has(Tables.CinEpisodes));
        Assert.Equal(0, data.Referrals.RowCount);
        Assert.Equal(0, data.Referrals.For(0).Length);
        Assert.Empty(data.Workforce);
        Assert.Empty(data.TeamInfo);
    }

    [Fact]
    public void Unknown_team_and_worker_are_warned_only_when_their_table_is_present()
    {
        var result = new TestDrop()
            .Table(Tables.Department, "dept_team_id,dept_team_name", "T1,One")
            .Table(Tables.CinEpisodes, "cine_referral_id,cine_person_id,cine_referral_date,cine_referral_team,cine_referral_worker_id",
                "r1,007,2023-05-01,T9,W9")
            .Read();

        var issue = Assert.Single(result.Issues);
        Assert.Equal((DropRules.UnknownTeam, "cine_referral_team 'T9' is not a team in ssd_department"), (issue.Rule, issue.Message));
        var r = result.Data.Referrals.All[0];
        Assert.Equal(("T9", "W9"), (result.Data.Teams[r.Team], result.Data.Workers[r.Worker]));
    }
}
