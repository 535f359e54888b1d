using static KpiPipeline.Tests.Duck.DuckAssert;

namespace KpiPipeline.Tests.Duck;

/// <summary>Effectiveness KPIs at D = 2023-05-31.</summary>
public sealed class DuckEffectivenessKpiTests
{
    [Fact]
    public void Rereferral_counts_a_previous_referral_exactly_one_year_earlier_but_not_one_a_day_older_or_the_same_day()
    {
        using var drop = new DuckTestDrop().Table("ssd_cin_episodes",
            "r1,P1,2022-05-31",     // outside the window, but is P1's previous referral...
            "r2,P1,2023-05-31",     // ...exactly one year before: a re-referral
            "r3,P2,2022-05-30",
            "r4,P2,2023-05-31",     // previous referral one year and a day before: not
            "r5,P3,2023-01-10",
            "r6,P3,2023-01-10",     // same day as r5: neither is "before" the other
            "r7,P4,2022-12-01",
            "r8,P4,2023-02-01",     // re-referral
            "r9,5,2023-01-01",
            "r10,05,2023-03-01");   // "05" is not child "5"
        var k = drop.Compute();
        Count(k, "referrals_12m", 8);
        Percent(k, "rereferrals_12m", 2, 8);
    }

    [Fact]
    public void Rereferral_one_year_before_29_February_is_28_February()
    {
        using var drop = new DuckTestDrop().Table("ssd_cin_episodes",
            "r1,P1,2023-02-28",
            "r2,P1,2024-02-29",     // 29 Feb 2024 - 1 year = 28 Feb 2023: a re-referral
            "r3,P2,2023-02-27",
            "r4,P2,2024-02-29");    // not
        var k = drop.Compute(new DateOnly(2024, 3, 31));
        Percent(k, "rereferrals_12m", 1, 2);
    }

    [Fact]
    public void Nfa_uses_the_outcome_column_first_then_the_json_flag()
    {
        using var drop = new DuckTestDrop().Table("ssd_cin_assessments",
            "n1,p1,,2023-01-01,2023-02-01,,Y",
            "n2,p2,,2023-01-01,2023-02-01,\"{\"\"NFA_FLAG\"\": \"\"Y\"\"}\",N",      // column says no: no
            "n3,p3,,2023-01-01,2023-02-01,\"{\"\"NFA_FLAG\"\": \"\"Y\"\", \"\"S47_FLAG\"\": \"\"N\"\"}\",",
            "n4,p4,,2023-01-01,2023-02-01,\"{\"\"NFA_FLAG\"\": \"\"\"\"}\",",      // empty flag
            "n5,p5,,2023-01-01,2023-02-01,,",
            "n6,p6,,2022-01-01,2022-05-31,,Y");                                   // outside the window
        var k = drop.Compute();
        Percent(k, "assessments_nfa_12m", 2, 5);
    }

    [Fact]
    public void Cp_plans_for_a_subsequent_time_use_history_however_old_or_the_previous_plans_count()
    {
        using var drop = new DuckTestDrop().Table("ssd_cp_plans",
            "q0,X,2015-01-01,2015-06-01,",
            "q1,X,2023-01-01,,",        // earlier plan in 2015: subsequent
            "q2,Y,2023-02-01,,2",       // previous_cp_plans = 2: subsequent
            "q3,Z,2023-03-01,,0",       // first plan
            "q4a,W,2023-04-01,,",       // two plans starting the same day: neither is earlier
            "q4b,W,2023-04-01,,",
            "q5a,V,2023-05-01,2023-05-20,",
            "q5b,V,2023-05-20,,");      // subsequent to q5a
        var k = drop.Compute();
        Percent(k, "cp_subsequent_12m", 3, 7);
    }
}
