using KpiPipeline.Kpis;
using KpiPipeline.Model;
using KpiPipeline.Tests.TestSupport;

namespace KpiPipeline.Tests.Kpis;

public class OutcomeAndManagementKpiTests
{
    private const string Day = "2023-05-31";

    [Fact]
    public void Rereferral_exactly_one_year_earlier_counts_and_a_year_and_a_day_does_not()
    {
        var b = new CaseDataBuilder()
            .Referral("a", "2022-03-01").Referral("a", "2023-03-01")   // exactly one year: repeat
            .Referral("b", "2022-02-28").Referral("b", "2023-03-01")   // one year and a day: not
            .Referral("c", "2023-01-10").Referral("c", "2023-01-10");  // same day: neither is "before" the other
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((1.0, 4.0), h.Fraction("rereferrals_12m"));
    }

    [Fact]
    public void Assessment_nfa_share_of_authorised_assessments()
    {
        var b = new CaseDataBuilder()
            .Assessment("a", "2023-01-01", "2023-02-01", nfa: true).Assessment("b", "2023-01-01", "2023-02-01", nfa: false)
            .Assessment("c", "2023-01-01", "2023-02-01").Assessment("d", "2023-05-01", nfa: true); // d not authorised
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((1.0, 3.0), h.Fraction("assessments_nfa_12m"));
    }

    [Fact]
    public void Subsequent_cp_plans_from_history_or_the_previous_plans_column()
    {
        var b = new CaseDataBuilder()
            .CpPlan("a", "2015-01-01", "2015-06-01").CpPlan("a", "2023-01-01")   // earlier plan years ago: subsequent
            .CpPlan("b", "2023-02-01", previous: 2)                               // history before the extract: subsequent
            .CpPlan("c", "2023-02-01", previous: 0);
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((2.0, 3.0), h.Fraction("cp_subsequent_12m"));
    }

    [Fact]
    public void Supervision_within_30_working_days_of_D_on_open_cases()
    {
        // Between(14 Apr 2023, 31 May 2023) = 30; Between(13 Apr, 31 May) = 31.
        var b = new CaseDataBuilder()
            .CinPlan("a", "2023-01-01").Supervision("a", "2023-04-14").Supervision("a", "2023-04-13", SupervisionKind.Oversight)
            .CpPlan("b", "2023-01-01").Supervision("b", "2023-04-13").Supervision("b", "2023-06-01")
            .Cla("c", "2023-01-01").Supervision("c", "2023-05-31", SupervisionKind.Oversight)
            .Assessment("d", "2023-05-01").Supervision("d", "2023-05-30"); // open assessment only: not an open case
        var h = KpiHarness.Run(b, Day);
        Assert.Equal(3, h.Value("open_cases"));
        Assert.Equal((1.0, 3.0), h.Fraction("case_supervision_recorded"));
        Assert.Equal((1.0, 3.0), h.Fraction("management_oversight_recorded"));
    }

    [Fact]
    public void Three_plus_placements_and_social_workers_overlapping_the_last_12_months()
    {
        var b = new CaseDataBuilder()
            .Cla("a", "2020-01-01")
            .Placement("a", "2020-01-01", "2022-05-31")  // ended on D-1y: does not overlap
            .Placement("a", "2022-05-31", "2022-09-01").Placement("a", "2022-09-01", "2023-01-01").Placement("a", "2023-01-01")
            .Cla("b", "2020-01-01")
            .Placement("b", "2020-01-01", "2022-06-01").Placement("b", "2022-06-01")
            .Involvement("b", "w1", "2020-01-01", "2022-07-01").Involvement("b", "w2", "2022-07-01", "2022-09-01")
            .Involvement("b", "w3", "2022-09-01").Involvement("b", "w3", "2020-01-01", "2020-02-01")
            .Involvement("b", "w4", "2022-09-01", role: "IRO");   // not a case worker
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((1.0, 2.0), h.Fraction("cla_3plus_placements_12m"));
        Assert.Equal((1.0, 2.0), h.Fraction("cla_3plus_social_workers_12m"));
        Assert.Equal(3, h.Child("a").Placements12m);
        Assert.Equal(3, h.Child("b").SocialWorkers12m);
    }

    [Fact]
    public void Care_leavers_aged_19_to_21_on_D_with_eet_activity()
    {
        var b = new CaseDataBuilder()
            .Person("a", dob: "2004-05-31").CareLeaver("a", "F1")        // 19th birthday on D: in
            .Person("b", dob: "2001-06-01").CareLeaver("b", "G4", "NO")  // 21, turns 22 tomorrow: in, not EET
            .Person("c", dob: "2001-05-31").CareLeaver("c", "F2")        // 22 on D: out
            .Person("d", dob: "2004-06-01").CareLeaver("d", "P1")        // 18: out
            .Person("e", dob: "2003-01-01").CareLeaver("e", null, "NO"); // not in touch, no activity: in, not EET
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((1.0, 3.0), h.Fraction("care_leavers_19_21_eet"));
    }

    [Fact]
    public void Caseload_average_per_worker_team_service_and_la()
    {
        var b = new CaseDataBuilder()
            .Team("T1", "Localities 1").Team("T2", "Cared For")
            .Worker("w1", "T1", manager: "m1").Worker("w2", "T1").Worker("w3", "T2")
            .Involvement("a", "w1", "2023-01-01").Involvement("a", "w1", "2023-02-01")   // same child twice: once
            .Involvement("b", "w1", "2023-01-01")
            .Involvement("c", "w2", "2023-01-01")
            .Involvement("d", "w3", "2023-01-01").Involvement("e", "w3", "2023-01-01").Involvement("f", "w3", "2023-01-01")
            .Involvement("g", "w2", "2023-01-01", "2023-05-31")   // ended on D
            .CinPlan("a", "2023-01-01");
        var h = KpiHarness.Run(b, Day);
        Assert.Equal(2.0, h.Value("caseload_avg"));                              // 6 children / 3 workers
        Assert.Equal(1.5, h.At("caseload_avg", Breakdown.Team, "T1")!.Value[0]);  // 3 / 2
        Assert.Equal(3.0, h.At("caseload_avg", Breakdown.Service, "Cared For")!.Value[0]);
        Assert.Equal(2.0, h.At("caseload_avg", Breakdown.Worker, "w1")!.Value[0]);
        // Month-ends Apr..Nov 2022: from Jan 2023 only, so the six previous month-ends are not all known.
        Assert.Null(h.Value("caseload_avg_6m"));
    }

    [Fact]
    public void Six_month_caseload_average_is_the_mean_of_six_previous_month_ends()
    {
        var b = new CaseDataBuilder().Worker("w1", "T1").Team("T1", "Assessment")
            .Involvement("a", "w1", "2022-01-01").Involvement("b", "w1", "2022-01-01")
            .Involvement("c", "w1", "2023-03-15");   // month-ends Apr 30 and Mar 31 see 3, Oct–Feb see 2
        var h = KpiHarness.Run(b, Day);
        Assert.Equal(3.0, h.Value("caseload_avg"));
        Assert.Equal((3 + 3 + 2 + 2 + 2 + 2) / 6.0, h.Value("caseload_avg_6m")!.Value, 9);
    }

    [Fact]
    public void Workforce_rates_for_the_month_containing_D_and_sickness_over_12_months()
    {
        var b = new CaseDataBuilder().Team("T1", "Assessment").Team("T2", "Localities 1")
            .Workforce("T1", "2023-05-01", employed: 8, agency: 2, vacancy: 2, sicknessDays: 4, workingDays: 20)
            .Workforce("T2", "2023-05-01", employed: 12, agency: 0, vacancy: 0, sicknessDays: 0, workingDays: 20)
            .Workforce("T1", "2022-05-01", employed: 8, agency: 8, vacancy: 8, sicknessDays: 100, workingDays: 20); // outside 12 months
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((2.0, 22.0), h.Fraction("vacancy_rate"));
        Assert.Equal((2.0, 22.0), h.Fraction("agency_rate"));
        Assert.Equal((4.0, 400.0), h.Fraction("sickness_absence_rate"));
        Assert.Equal(20.0, h.At("vacancy_rate", Breakdown.Team, "T1")!.Value[0]);
    }

    [Fact]
    public void Audits_by_grade_in_the_month_of_D()
    {
        var b = new CaseDataBuilder()
            .Audit("2023-05-01", AuditGrade.Good).Audit("2023-05-31", AuditGrade.RequiresImprovement)
            .Audit("2023-05-15", AuditGrade.RequiresImprovement).Audit("2023-04-30", AuditGrade.Inadequate);
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((1.0, 3.0), h.Fraction("audits_good_month"));
        Assert.Equal((2.0, 3.0), h.Fraction("audits_ri_month"));
        Assert.Equal((0.0, 3.0), h.Fraction("audits_inadequate_month"));
        Assert.Equal((1.0, 1.0), h.Fraction("audits_inadequate_month", date: 1));
    }

    [Fact]
    public void Breakdowns_use_the_allocation_open_at_D_then_the_records_own_team()
    {
        var b = new CaseDataBuilder().Team("T1", "Localities 1").Team("T2", "Localities 2").Worker("w1", "T1").Worker("w2", "T2")
            .CinPlan("a", "2023-01-01", team: "T2").Involvement("a", "w1", "2023-01-01")   // allocation wins: T1
            .CinPlan("b", "2023-01-01", worker: "w2")                                      // no allocation: the plan's worker -> T2
            .CinPlan("c", "2023-01-01");                                                   // nothing: unallocated
        var h = KpiHarness.Run(b, Day);
        Assert.Equal(1, h.At("cin_plans_open", Breakdown.Team, "T1")!.Value[0]);
        Assert.Equal(1, h.At("cin_plans_open", Breakdown.Service, "Localities 2")!.Value[0]);
        Assert.Equal(1, h.At("cin_plans_open", Breakdown.Worker, "w1")!.Value[0]);
        Assert.Equal(3, h.Value("cin_plans_open"));
    }
}
