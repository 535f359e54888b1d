using KpiPipeline.Kpis;
using KpiPipeline.Tests.TestSupport;

namespace KpiPipeline.Tests.Kpis;

// D = Wed 31 May 2023. Working days counted back from D (inclusive): 31 May = 1st, 2 May = 20th,
// Fri 28 Apr = 21st (1 May, 8 May and 29 May are bank holidays). So Between(28 Apr, D) = 20 and
// Between(27 Apr, D) = 21; Between(14 Apr, D) = 30 and Between(13 Apr, D) = 31.
public class TimelinessKpiTests
{
    private const string Day = "2023-05-31";

    [Fact]
    public void Contacts_decided_within_24_hours_inclusive_and_undecided_count_as_late()
    {
        var b = new CaseDataBuilder()
            .Contact("a", "2023-05-01T09:00", "2023-05-02T09:00")   // exactly 24h: in time
            .Contact("b", "2023-05-01T09:00", "2023-05-02T09:01")   // 24h01: late
            .Contact("c", "2023-05-01T09:00")                       // no decision: late
            .Contact("d", "2023-05-31T18:00", "2023-05-31T18:00");  // same minute: in time
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((2.0, 4.0), h.Fraction("contacts_decided_24h_12m"));
        Assert.Equal(50.0, h.Value("contacts_decided_24h_12m"));
    }

    [Fact]
    public void Assessments_45_vs_46_working_days_across_bank_holidays()
    {
        // From 1 Mar 2023, 9 May = 45 working days and 10 May = 46 (hand count in CalendarTests).
        var b = new CaseDataBuilder()
            .Assessment("a", "2023-03-01", authorised: "2023-05-09")
            .Assessment("b", "2023-03-01", authorised: "2023-05-10")
            .Assessment("c", "2023-05-31", authorised: "2023-05-31")  // same day = 0 working days
            .Assessment("d", "2022-04-01", authorised: "2022-05-31"); // authorised on D-1y: outside the window
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((2.0, 3.0), h.Fraction("assessments_45wd_12m"));
    }

    [Fact]
    public void Assessment_timeliness_can_be_measured_from_the_referral_date()
    {
        var b = new CaseDataBuilder()
            .Referral("a", "2023-02-01", id: "R1")
            .Assessment("a", "2023-03-01", authorised: "2023-05-09", referralId: "R1");
        var fromStart = KpiHarness.Run(b, Day);
        Assert.Equal(100.0, fromStart.Value("assessments_45wd_12m"));
        var fromReferral = new KpiHarness(b.Build(), Day, settings: KpiRuleSettings.Default with { AssessmentTimelinessFromReferral = true });
        Assert.Equal(0.0, fromReferral.Value("assessments_45wd_12m"));
    }

    [Fact]
    public void Icpc_within_15_working_days_of_the_linked_s47()
    {
        // S47 from Tue 2 May 2023: 15 working days later is Wed 24 May (8 May is a bank holiday).
        var b = new CaseDataBuilder()
            .S47("a", "2023-05-02", id: "S1").Icpc("a", "2023-05-24", s47Id: "S1")
            .S47("b", "2023-05-02", id: "S2").Icpc("b", "2023-05-25", s47Id: "S2")
            .S47("c", "2023-05-10", id: "S3").Icpc("c", "2023-05-09", s47Id: "S3")      // before its S47: excluded
            .S47("d", "2023-05-30", id: "S4").Icpc("d", "2023-05-30", s47Id: "S4")    // same day = 0 working days
            .Icpc("e", "2023-05-30", transferIn: true)                                // transfer-in, no linked S47: not in time
            .S47("f", "2023-05-01").Icpc("f", "2023-05-03");                          // no link recorded: not in time
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((2.0, 5.0), h.Fraction("icpc_15wd_12m"));
    }

    [Fact]
    public void Cin_visits_in_last_20_working_days_for_plans_started_at_least_20_working_days_ago()
    {
        var b = new CaseDataBuilder()
            .CinPlan("a", "2023-04-28").CinVisit("a", "2023-04-28")        // plan 20 wd old (in scope); visit 20 wd ago: in time
            .CinPlan("b", "2023-04-01").CinVisit("b", "2023-04-27")        // visit 21 wd ago: late
            .CinPlan("c", "2023-05-02")                                   // plan 19 wd old: not in scope
            .CinPlan("d", "2023-01-01").CinVisit("d", "2023-05-30", seen: false).CinVisit("d", "2023-03-01") // not seen doesn't count
            .CinPlan("e", "2023-01-01").CinVisit("e", "2023-06-01");       // visit after D doesn't count
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((1.0, 4.0), h.Fraction("cin_visited_20wd"));
    }

    [Fact]
    public void Cp_visits_use_cp_visits_and_the_earliest_open_plan()
    {
        var b = new CaseDataBuilder()
            .CpPlan("a", "2023-01-01").CpPlan("a", "2023-05-30").CpVisit("a", "2023-05-15")
            .CpPlan("b", "2023-01-01").CinVisit("b", "2023-05-15");  // a CIN visit is not a CP visit
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((1.0, 2.0), h.Fraction("cp_visited_20wd"));
    }

    [Fact]
    public void Cared_for_visit_due_dates_follow_the_placement_and_long_term_rules()
    {
        var b = new CaseDataBuilder()
            // New placement 24 May, no visit: due 31 May (S + 7) = D -> in time.
            .Cla("a", "2023-05-24").Placement("a", "2023-05-24", type: "U3")
            // Placement 23 May, no visit: due 30 May < D -> late.
            .Cla("b", "2023-05-23").Placement("b", "2023-05-23", type: "U3")
            // Visit 19 Apr: due 31 May (V + 42) -> in time.
            .Cla("c", "2022-01-01").Placement("c", "2023-01-01", type: "U3").ClaVisit("c", "2023-04-19")
            // Visit 18 Apr: due 30 May -> late.
            .Cla("d", "2022-01-01").Placement("d", "2023-01-01", type: "U3").ClaVisit("d", "2023-04-18")
            // Long-term (U1) placement over a year old, visit 1 Mar: due 1 Jun (V + 3 months) -> in time.
            .Cla("e", "2020-01-01").Placement("e", "2021-01-01", type: "U1").ClaVisit("e", "2023-03-01")
            // Same but placement not over a year old: V + 42 = 12 Apr -> late.
            .Cla("f", "2020-01-01").Placement("f", "2022-06-01", type: "U1").ClaVisit("f", "2023-03-01")
            // A visit before the current placement started does not count: due = S + 7 = 17 May -> late.
            .Cla("g", "2020-01-01").Placement("g", "2023-05-10", type: "U3").ClaVisit("g", "2023-05-09");
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((3.0, 7.0), h.Fraction("cla_visited_in_timescale"));
        Assert.Equal(new DateOnly(2023, 6, 1), h.Child("e").NextVisitDue);
        Assert.True(h.Child("g").VisitOverdue);
    }

    [Fact]
    public void Cin_plans_authorised_within_20_working_days_and_unauthorised_are_late()
    {
        var b = new CaseDataBuilder()
            .CinPlan("a", "2023-04-28", authorised: "2023-05-31")   // 20 wd: in time
            .CinPlan("b", "2023-04-27", authorised: "2023-05-31")   // 21 wd: late
            .CinPlan("c", "2023-05-01")                             // not authorised: late
            .CinPlan("d", "2022-05-31", authorised: "2022-06-01");  // started on D-1y: outside window
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((1.0, 3.0), h.Fraction("cin_plans_authorised_20wd"));
    }

    [Fact]
    public void Cin_reviews_held_on_or_before_due_date()
    {
        var b = new CaseDataBuilder()
            .CinReview("a", "2023-05-10", "2023-05-10").CinReview("a", "2023-05-11", "2023-05-12").CinReview("b", "2023-05-31", null)
            .CinReview("c", "2023-06-01", null);
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((1.0, 3.0), h.Fraction("cin_reviews_on_time"));
    }
}
