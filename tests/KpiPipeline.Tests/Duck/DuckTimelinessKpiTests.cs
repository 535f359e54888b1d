using KpiPipeline.Cli.Bench;
using static KpiPipeline.Tests.Duck.DuckAssert;

namespace KpiPipeline.Tests.Duck;

/// <summary>
/// Timeliness KPIs at D = 2023-05-31 with the England &amp; Wales bank holidays (2023: 7 and 10 April,
/// 1, 8 and 29 May). Working-day counts in the comments were worked out by hand from that calendar.
/// </summary>
public sealed class DuckTimelinessKpiTests
{
    private static DuckTestDrop AssessmentDrop() => new DuckTestDrop()
        .Table("ssd_cin_episodes",
            "r1,p1,2023-03-20",
            "r5,p5,2023-03-21")
        .Table("ssd_cin_assessments",
            // 21 Mar -> 30 May 2023: 50 weekdays less Good Friday, Easter Monday, 1 May, 8 May, 29 May = 45.
            "a1,p1,r1,2023-03-21,2023-05-30,,",
            "a2,p2,,2023-03-20,2023-05-30,,",       // one more working day: 46, late
            "a3,p3,r404,2023-05-31,2023-05-31,,",   // same day: 0 working days (referral id not in the drop)
            "a4,p4,,2022-03-01,2022-05-31,,",       // authorised on D - 1 year: outside the window
            "a5,p5,r5,2023-04-01,2023-05-30,,");    // 41 working days from its start, 45 from its referral

    [Fact]
    public void Assessments_within_45_working_days_count_bank_holidays_and_weekends_and_45_is_in_time_46_is_not()
    {
        using var drop = AssessmentDrop();
        var k = drop.Compute();
        Percent(k, "assessments_45wd_12m", 3, 4);   // a1 (45), a3 (0), a5; a2 (46) is late
    }

    [Fact]
    public void Assessment_timeliness_from_the_referral_date_when_switched_on()
    {
        using var drop = AssessmentDrop();
        var k = drop.Compute(options: new DuckKpiOptions(AssessmentTimelinessFromReferral: true));
        // a1 from its referral (20 Mar) is 46 working days: late; a3's referral is missing, so its own start is used.
        Percent(k, "assessments_45wd_12m", 2, 4);
    }

    [Fact]
    public void Contacts_decided_within_24_hours_include_exactly_24_hours_and_count_undecided_as_late()
    {
        using var drop = new DuckTestDrop().Table("ssd_contacts",
            "c1,p1,2023-05-01T09:00,2023-05-02T09:00",     // exactly 24 h
            "c2,p1,2023-05-01T09:00,2023-05-02T09:01",     // 24 h 1 min
            "c3,p2,2023-05-01T09:00,",                      // no decision
            "c4,p3,2023-05-03,2023-05-03 18:00",            // date only = midnight; 18 h
            "c5,p4,2022-05-31T09:00,2022-05-31T10:00");    // outside the window
        var k = drop.Compute();
        Percent(k, "contacts_decided_24h_12m", 2, 4);
    }

    [Fact]
    public void Icpc_within_15_working_days_of_the_linked_s47_excludes_icpcs_before_their_s47()
    {
        using var drop = new DuckTestDrop()
            .Table("ssd_s47_enquiry",
                "s1,p1,2023-04-03",
                "s2,p2,2023-04-03",
                "s3,p3,2023-05-10",
                "s4,p4,2023-05-10")
            .Table("ssd_initial_cp_conference",
                "i1,s1,p1,2023-04-26",   // 3 Apr -> 26 Apr: 15 working days (Easter inside): in time
                "i2,s2,p2,2023-04-27",   // 16: late
                "i3,s3,p3,2023-05-10",   // same day as the S47: 0
                "i4,s4,p4,2023-05-09",   // before its S47: excluded
                "i5,,p5,2023-05-01",     // transfer-in with no S47: in the denominator, not in time
                "i6,s1,p1,2022-05-31",   // outside the window
                "i7,s99,p6,2023-05-02"); // S47 not in the drop: not in time
        var k = drop.Compute();
        Percent(k, "icpc_15wd_12m", 2, 5);
    }

    private static DuckTestDrop CinVisitDrop() => new DuckTestDrop()
        .Table("ssd_cin_plans",
            "c1,c1,2023-05-01,,",   // wd(1 May, D) = 20: eligible at N = 20
            "c2,c2,2023-05-02,,",   // 19: too recent
            "c3,c3,2023-01-01,,",
            "c4,c4,2023-01-01,,",
            "c5,c5,2023-01-01,,",
            "c6,c6,2023-01-01,,",
            "c7a,c7,2023-05-15,,",  // recent plan, but the earliest open plan...
            "c7b,c7,2023-01-01,,")  // ...began on 1 Jan
        .Table("ssd_cin_visits",
            "v1,c1,2023-05-01,Y",   // wd(V, D) = 20: in time
            "v2,c2,2023-05-31,Y",
            "v3,c3,2023-04-27,Y",   // 21: late
            "v4,c4,2023-05-31,Y",   // on D: 0
            "v5,c5,2023-05-30,N",   // not seen
            "v6,c5,2023-06-01,Y",   // after D
            "v7,c7,2023-05-20,Y");  // a Saturday; 7

    [Fact]
    public void Cin_visits_in_the_last_20_working_days_among_plans_begun_at_least_20_working_days_before_D()
    {
        using var drop = CinVisitDrop();
        var k = drop.Compute();
        Percent(k, "cin_visited_20wd", 3, 6);   // eligible c1 c3 c4 c5 c6 c7; visited c1 c4 c7
    }

    [Fact]
    public void Visit_interval_is_configurable()
    {
        using var drop = CinVisitDrop();
        var k = drop.Compute(options: new DuckKpiOptions(VisitIntervalWorkingDays: 21));
        Percent(k, "cin_visited_20wd", 3, 5);   // c1 (20) no longer eligible; c3 (21) now in time
    }

    [Fact]
    public void Cp_visits_need_the_child_seen_in_any_boolean_form()
    {
        using var drop = new DuckTestDrop()
            .Table("ssd_cp_plans",
                "q1,007,2023-01-01,,",
                "q2,7,2023-01-01,,",
                "q3,8,2023-01-01,,",
                "q4,9,2023-05-25,,")              // 3 working days before D: not eligible
            .Table("ssd_cp_visits",
                "v1,007,q1,2023-05-02,Yes",       // 19 working days
                "v2,7,q2,2023-05-02,No",          // not seen
                "v3,8,q3,2023-04-20,1",           // 26 working days
                "v4,9,q4,2023-05-30,true");
        var k = drop.Compute();
        Percent(k, "cp_visited_20wd", 1, 3);
    }

    private static DuckTestDrop ClaVisitDrop()
    {
        var children = Enumerable.Range(1, 12).Select(i => $"k{i}").ToArray();
        return new DuckTestDrop()
            .Table("ssd_cla_episodes", children.Select(c => $"e{c},{c},2020-01-01,").ToArray())
            .Empty("ssd_legal_status")
            .Table("ssd_cla_placement",
                "p1,k1,2023-05-25,U3,",             // no visit: due S + 7 = 1 Jun >= D
                "p2,k2,2023-05-24,U3,",             // due 31 May = D: in timescale
                "p3,k3,2023-05-23,U3,",             // due 30 May
                "p4,k4,2023-01-01,U1,",             // V 19 Apr + 42 days = 31 May
                "p5,k5,2023-01-01,U1,",             // V 18 Apr + 42 = 30 May
                "p6,k6,2021-01-01,U4,",             // long-term, S > 1 year before D: V 31 Mar + 3 months = 30 Jun
                "p7,k7,2021-01-01,U3,",             // not long-term: V 31 Mar + 42 = 12 May
                "p8,k8,2022-05-31,U1,",             // S exactly one year before D: not "more than": 42 days
                "p9,k9,2022-05-30,U1,",             // S one year and a day before D: 3 months
                "p10,k10,2023-05-20,U3,",           // visit before the placement start is ignored: due 27 May
                "p11,k11,2023-01-01,U3,",           // latest seen visit 1 Mar: due 12 Apr
                "p12,k12,2022-01-01,U3,2023-05-31") // placement ended on D: no placement at D
            .Table("ssd_cla_visits",
                "v4,,k4,2023-04-19,Y",
                "v5,,k5,2023-04-18,Y",
                "v6,,k6,2023-03-31,Y",
                "v7,,k7,2023-03-31,Y",
                "v8,,k8,2023-03-31,Y",
                "v9,,k9,2023-03-31,Y",
                "v10,,k10,2023-05-10,Y",
                "v11a,,k11,2023-05-30,N",
                "v11b,,k11,2023-03-01,Y",
                "v12,,k12,2023-05-30,Y");
    }

    [Fact]
    public void Cla_visit_due_dates_follow_placement_start_6_weeks_and_3_months_for_long_term_placements()
    {
        using var drop = ClaVisitDrop();
        var k = drop.Compute();
        Percent(k, "cla_visited_in_timescale", 5, 12);   // k1 k2 k4 k6 k9
    }

    [Fact]
    public void Long_term_placement_types_are_configurable()
    {
        using var drop = ClaVisitDrop();
        var k = drop.Compute(options: new DuckKpiOptions(LongTermPlacementTypes: ["U1", "U4", "u3"]));
        // k7 (U3, placed in 2021) now gets 3 months from its 31 Mar visit; k10, k11 began within the year.
        Percent(k, "cla_visited_in_timescale", 6, 12);
    }

    [Fact]
    public void Cin_plans_authorised_within_20_working_days_and_reviews_held_by_their_due_date()
    {
        using var drop = new DuckTestDrop()
            .Table("ssd_cin_plans",
                "a,p1,2023-04-20,,2023-05-22",      // 20 working days (1 and 8 May inside)
                "b,p2,2023-04-20,,2023-05-23",      // 21
                "c,p3,2023-04-20,,",                // never authorised
                "d,p4,2023-05-31,,2023-05-31",      // same day
                "e,p5,2022-05-31,,2022-05-31")      // outside the window
            .Table("ext_cin_reviews",
                "r1,p1,2023-03-01,2023-03-01",      // held on the due date
                "r2,p1,2023-03-01,2023-03-02",      // a day late
                "r3,p2,2023-05-31,",                // not held
                "r4,p3,2023-04-01,2023-03-15",      // held early
                "r5,p4,2022-05-31,2022-05-31");     // due outside the window
        var k = drop.Compute();
        Percent(k, "cin_plans_authorised_20wd", 2, 4);
        Percent(k, "cin_reviews_on_time", 2, 4);
    }
}
