using KpiPipeline.Kpis;
using KpiPipeline.Model;
using KpiPipeline.Tests.TestSupport;

namespace KpiPipeline.Tests.Kpis;

// Snapshot D = Wed 31 May 2023 throughout; the 12-month window is (31 May 2022, 31 May 2023].
public class DemandKpiTests
{
    private const string Day = "2023-05-31";

    [Fact]
    public void Contacts_window_excludes_exactly_one_year_back_and_includes_D()
    {
        var b = new CaseDataBuilder()
            .Contact("a", "2022-05-31T10:00")   // D - 1 year: outside
            .Contact("a", "2022-06-01T00:00")   // first day in
            .Contact("b", "2023-05-31T23:59")   // D itself: in
            .Contact("c", "2023-06-01T09:00");  // after D: out
        var h = KpiHarness.Run(b, Day);
        Assert.Equal(2, h.Value("contacts_12m"));
        Assert.Null(h.La("contacts_12m").Numerator[0]); // plain counts carry no numerator/denominator
    }

    [Fact]
    public void Referrals_count_each_referral_and_rate_uses_population()
    {
        var b = new CaseDataBuilder()
            .Referral("a", "2022-07-01").Referral("a", "2023-01-01").Referral("b", "2023-05-31").Referral("c", "2022-05-31")
            .Contact("a", "2022-07-01T09:00").Contact("b", "2023-05-30T09:00").Contact("b", "2023-05-31T09:00").Contact("z", "2023-04-01T09:00");
        var h = KpiHarness.Run(b, Day, population: 20_000);
        Assert.Equal(3, h.Value("referrals_12m"));
        Assert.Equal(3 / 20_000.0 * 10_000, h.Value("referrals_12m_rate")!.Value, 9);
        Assert.Equal(20_000, h.La("referrals_12m_rate").Denominator[0]);
        Assert.Equal(75.0, h.Value("contact_conversion_12m")); // 3 referrals / 4 contacts
    }

    [Fact]
    public void Rates_are_null_with_a_reason_when_population_is_unknown()
    {
        var h = KpiHarness.Run(new CaseDataBuilder().Referral("a", "2023-01-01"), Day, population: null);
        Assert.Null(h.Value("referrals_12m_rate"));
        Assert.Contains("population", h.La("referrals_12m_rate").Note);
    }

    [Fact]
    public void Open_assessments_count_started_not_authorised_by_D()
    {
        var b = new CaseDataBuilder()
            .Assessment("a", "2023-05-01")                       // open
            .Assessment("b", "2023-05-01", authorised: "2023-05-31") // authorised on D: not open
            .Assessment("c", "2023-05-31")                       // started on D: open
            .Assessment("d", "2023-06-01")                       // not started yet
            .Assessment("e", "2023-04-01", authorised: "2023-06-02"); // authorised after D: open at D
        var h = KpiHarness.Run(b, Day);
        Assert.Equal(3, h.Value("assessments_open"));
        Assert.Equal(1, h.Value("assessments_12m"));
    }

    [Fact]
    public void Cin_and_cp_count_distinct_children_with_plans_open_at_D_and_ended_on_D_is_closed()
    {
        var b = new CaseDataBuilder()
            .CinPlan("a", "2023-01-01").CinPlan("a", "2023-02-01")     // two open plans, one child
            .CinPlan("b", "2023-01-01", end: "2023-05-31")             // ended on D: not open
            .CinPlan("c", "2023-01-01", end: "2023-06-01")             // ends after D: open
            .CpPlan("d", "2023-05-31").CpPlan("e", "2022-01-01", end: "2023-05-31");
        var h = KpiHarness.Run(b, Day);
        Assert.Equal(2, h.Value("cin_plans_open"));
        Assert.Equal(1, h.Value("cp_plans_open"));
    }

    [Fact]
    public void Leading_zero_ids_are_different_children()
    {
        var b = new CaseDataBuilder().CinPlan("007", "2023-01-01").CinPlan("7", "2023-01-01").CinPlan("007", "2023-02-01");
        var h = KpiHarness.Run(b, Day);
        Assert.Equal(2, h.Value("cin_plans_open"));
    }

    [Fact]
    public void S47_children_are_distinct_but_the_rate_counts_enquiries()
    {
        var b = new CaseDataBuilder()
            .S47("a", "2022-08-01").S47("a", "2023-03-01").S47("b", "2022-05-31");
        var h = KpiHarness.Run(b, Day, population: 10_000);
        Assert.Equal(1, h.Value("s47_children_12m"));
        Assert.Equal(2, h.Value("s47_enquiries_12m"));
        Assert.Equal(2.0, h.Value("s47_12m_rate")!.Value, 9);
    }

    [Fact]
    public void Short_break_only_children_are_not_cared_for()
    {
        var b = new CaseDataBuilder()
            .Cla("a", "2023-01-01").Legal("a", "C2", "2023-01-01")
            .Cla("b", "2023-01-01").Legal("b", "V3", "2023-01-01")
            .Cla("c", "2023-01-01").Legal("c", "V4", "2023-01-01").Legal("c", "E1", "2023-03-01")
            .Cla("d", "2023-01-01") // no legal status recorded: the episode counts
            .Cla("e", "2023-01-01", ceased: "2023-05-31").Legal("e", "C2", "2023-01-01");
        var h = KpiHarness.Run(b, Day);
        Assert.Equal(3, h.Value("cla_open"));
    }

    [Fact]
    public void Placed_with_parents_is_a_share_of_cared_for_children()
    {
        var b = new CaseDataBuilder()
            .Cla("a", "2022-01-01").Placement("a", "2022-01-01", "2023-03-01", "U1").Placement("a", "2023-03-01", type: "P1")
            .Cla("b", "2022-01-01").Placement("b", "2022-01-01", type: "U3")
            .Cla("c", "2022-01-01").Placement("c", "2022-01-01", "2023-05-31", "P1"); // P1 ended on D
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((1.0, 3.0), h.Fraction("cla_placed_with_parents"));
        Assert.Equal(100.0 / 3, h.Value("cla_placed_with_parents")!.Value, 9);
    }

    [Fact]
    public void Zero_denominator_gives_null_not_zero()
    {
        var h = KpiHarness.Run(new CaseDataBuilder().Contact("a", "2023-05-01T09:00"), Day);
        Assert.Null(h.Value("cla_placed_with_parents"));
        Assert.Equal(0.0, h.Fraction("cla_placed_with_parents").Den);
        Assert.Equal(0, h.Value("cla_open"));
    }

    [Fact]
    public void Cin_plan_starts_per_week_uses_the_12_weeks_to_D()
    {
        // 12 weeks = 84 days: window (8 Mar 2023, 31 May 2023].
        var b = new CaseDataBuilder().CinPlan("a", "2023-03-08").CinPlan("b", "2023-03-09").CinPlan("c", "2023-05-31").CinPlan("d", "2023-06-01");
        var h = KpiHarness.Run(b, Day);
        Assert.Equal((2.0, 12.0), h.Fraction("cin_plan_starts_weekly"));
        Assert.Equal(2 / 12.0, h.Value("cin_plan_starts_weekly")!.Value, 9);
    }

    [Fact]
    public void Missing_table_gives_null_and_a_reason()
    {
        var b = new CaseDataBuilder().Cla("a", "2022-01-01").Without(Tables.ClaVisits);
        var h = KpiHarness.Run(b, Day);
        Assert.Null(h.Value("cla_visited_in_timescale"));
        Assert.Contains("ssd_cla_visits", h.La("cla_visited_in_timescale").Note);
        Assert.Equal(1, h.Value("cla_open"));
    }

    [Fact]
    public void Previous_value_and_trend_are_computed_at_month_ends()
    {
        var b = new CaseDataBuilder().CpPlan("a", "2023-04-30").CpPlan("b", "2023-05-01").CpPlan("c", "2022-01-01", end: "2023-04-30");
        var h = KpiHarness.Run(b, Day);
        var s = h.La("cp_plans_open");
        Assert.Equal(new DateOnly(2023, 4, 30), h.Result.Dates.All[1]);
        Assert.Equal(new DateOnly(2022, 5, 31), h.Result.Dates.All[12]);
        Assert.Equal(2, s.Value[0]);   // a, b
        Assert.Equal(1, s.Value[1]);   // at 30 Apr: a started that day; c ended that day
        Assert.Equal(1, s.Value[2]);   // at 31 Mar: c only
    }
}
