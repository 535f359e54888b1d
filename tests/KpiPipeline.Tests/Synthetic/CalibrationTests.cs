namespace KpiPipeline.Tests.Synthetic;

/// <summary>
/// The acceptance test of the generator: at scale 1 the fictional LA must look like the seed
/// (Sefton, May 2023) when measured with the catalogue's definitions — volumes within ±10% of the
/// seed's figures, rates inside a loose band around the seed's values.
/// </summary>
[Collection(SyntheticDropCollection.Name)]
public sealed class CalibrationTests(SyntheticDropFixture drop)
{
    [Theory]
    [InlineData("contacts_12m", 13608)]
    [InlineData("referrals_12m", 4161)]
    [InlineData("assessments_12m", 4716)]
    [InlineData("cin_plans_open", 772)]
    [InlineData("s47_children_12m", 2018)]
    [InlineData("cp_plans_open", 334)]
    [InlineData("cla_open", 616)]
    [InlineData("assessments_open", 498)]
    [InlineData("cin_plan_starts_weekly", 16)]
    public void Volume_is_within_ten_percent_of_the_seed(string kpi, double seed)
    {
        var value = drop.Figures[kpi];
        Assert.InRange(value, seed * 0.9, seed * 1.1);
    }

    [Theory]
    [InlineData("contacts_decided_24h_pct", 18, 28)]        // seed 22.8
    [InlineData("assessments_45wd_pct", 52, 68)]            // seed 62.3
    [InlineData("icpc_15wd_pct", 78, 94)]                   // seed 88.2
    [InlineData("cin_visited_20wd_pct", 52, 70)]            // seed 61.9
    [InlineData("cp_visited_20wd_pct", 84, 96)]             // seed 89.8
    [InlineData("cla_visited_in_timescale_pct", 78, 93)]    // seed 86.8
    [InlineData("cin_plans_auth_20wd_pct", 45, 65)]         // seed 53.5
    [InlineData("cin_reviews_on_time_pct", 52, 68)]         // "4 out of 10 late or not held"
    [InlineData("rereferrals_pct", 18, 32)]                 // seed 26.4
    [InlineData("assessments_nfa_pct", 42, 58)]             // seed 49.5
    [InlineData("cp_subsequent_pct", 11, 24)]               // seed 17.2
    [InlineData("case_supervision_pct", 58, 76)]            // seed 67.7
    [InlineData("management_oversight_pct", 50, 66)]        // seed 58.0
    [InlineData("cla_3plus_placements_pct", 5, 13)]         // seed 8.5
    [InlineData("cla_3plus_social_workers_pct", 11, 24)]    // seed 17.4
    [InlineData("care_leavers_19_21_eet_pct", 27, 47)]      // seed 36.7
    [InlineData("cla_placed_with_parents_pct", 9, 17)]      // seed "just under 13%"
    [InlineData("audits_per_month_12m", 15, 25)]            // seed 20–22 a month
    [InlineData("audits_ri_pct", 55, 80)]                   // seed 68% RI
    [InlineData("vacancy_rate_pct", 15, 30)]
    [InlineData("agency_rate_pct", 25, 45)]
    [InlineData("sickness_pct", 3, 5.5)]                    // seed 4.22%
    public void Rate_is_in_the_seed_range(string kpi, double min, double max)
    {
        Assert.InRange(drop.Figures[kpi], min, max);
    }

    [Fact]
    public void Short_break_children_are_present_but_not_counted_as_cared_for()
    {
        // Children whose only legal status at D is V3/V4 have open CLA episodes; the catalogue excludes them.
        Assert.InRange(drop.Figures["short_break_only_open"], 10, 150);
    }

    [Fact]
    public void Every_open_case_and_open_assessment_has_an_allocated_case_worker()
    {
        Assert.Equal(0, drop.Figures["open_cases_without_open_cw_involvement"]);
    }

    [Fact]
    public void Services_are_exactly_the_seed_services_with_one_to_four_teams_each()
    {
        var teams = drop.Db.Rows("SELECT dept_team_parent_name, count(*) FROM ssd_department GROUP BY 1");
        Assert.Equal(
            new[] { "Assessment", "CWCN", "Care Experienced", "Cared For", "Localities 1", "Localities 2", "Young Peoples Team" },
            teams.Select(t => t.Key).Order(StringComparer.Ordinal));
        Assert.All(teams, t => Assert.InRange(t.Value, 1, 4));
    }

    [Theory]
    [InlineData("Assessment", 22)]
    [InlineData("Localities 1", 16)]
    [InlineData("Localities 2", 19)]
    [InlineData("CWCN", 19)]
    [InlineData("Cared For", 14)]
    [InlineData("Young Peoples Team", 11)]
    [InlineData("Care Experienced", 15)]
    public void Average_caseload_per_service_is_near_the_seed(string service, double seedCurrent)
    {
        var caseload = drop.Db.CaseloadByService().Single(r => r.Key == service).Value;
        Assert.InRange(caseload, seedCurrent * 0.85, seedCurrent * 1.15);
    }

    [Fact]
    public void Caseloads_are_steady_over_the_previous_months()
    {
        // Trends and 6-month averages are recomputed from this one drop, so earlier month-ends must look alike.
        var now = drop.Db.CaseloadByService().ToDictionary(r => r.Key, r => r.Value);
        foreach (var monthEnd in new[] { new DateOnly(2023, 4, 30), new DateOnly(2022, 11, 30) })
        {
            foreach (var (service, value) in drop.Db.CaseloadByService(monthEnd))
                Assert.True(Math.Abs(value - now[service]) <= now[service] * 0.15, $"{service} at {monthEnd}: {value:F1} vs {now[service]:F1} now");
        }
    }
}
