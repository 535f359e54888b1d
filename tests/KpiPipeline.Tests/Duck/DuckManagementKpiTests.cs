using static KpiPipeline.Tests.Duck.DuckAssert;

namespace KpiPipeline.Tests.Duck;

/// <summary>Management, workforce and outcome KPIs at D = 2023-05-31.</summary>
public sealed class DuckManagementKpiTests
{
    [Fact]
    public void Open_cases_supervision_and_oversight_within_30_working_days()
    {
        using var drop = new DuckTestDrop()
            .Table("ssd_cin_plans", "c1,1,2023-01-01,,")
            .Table("ssd_cp_plans", "q1,2,2023-01-01,,", "q2,1,2023-01-01,,")
            .Table("ssd_cla_episodes", "e1,3,2023-01-01,", "e2,4,2023-01-01,")
            .Table("ssd_legal_status", "l1,4,V4,2023-01-01,")       // child 4: short breaks only, not an open case
            .Table("ext_case_supervision",
                "s1,1,2023-04-14,SUPERVISION",      // Fri 14 Apr -> D: 30 working days: recorded
                "s2,2,2023-04-13,SUPERVISION",      // 31: too old
                "s3,3,2023-06-01,SUPERVISION",      // after D
                "s4,2,2023-05-31,oversight",        // on D (type compared case-insensitively)
                "s5,1,2023-04-13,OVERSIGHT",        // 31
                "s6,4,2023-05-31,SUPERVISION");     // not an open case
        var k = drop.Compute();
        Count(k, "open_cases", 3);
        Percent(k, "case_supervision_recorded", 1, 3);
        Percent(k, "management_oversight_recorded", 1, 3);
    }

    [Fact]
    public void Caseload_counts_each_child_once_per_worker_over_workers_with_an_open_cw_allocation()
    {
        using var drop = new DuckTestDrop().Table("ssd_involvements",
            "i1,w1,CW,a,2023-01-01,",
            "i2,w1,CW,b,2023-01-01,",
            "i3,w1,CW,a,2023-02-01,",               // a again for w1: once
            "i4,w2,CW,c,2023-01-01,2023-06-01",
            "i5,w3,CW,a,2023-05-31,",               // starts on D; a counts again for a different worker
            "i6,w4,TM,e,2023-01-01,",               // not a case worker role
            "i7,w5,CW,f,2023-01-01,2023-05-31");    // ended on D
        var k = drop.Compute();
        Kpi(k, "caseload_avg", 4, 3, 4.0 / 3);
    }

    [Fact]
    public void Workforce_rates_use_the_month_of_D_and_sickness_the_twelve_months_to_D()
    {
        using var drop = new DuckTestDrop().Table("ext_workforce",
            "T1,2023-05-01,10,2,3,5,21",
            "T2,2023-05-01,5,0,1,2,",               // working days missing: May 2023 has 20 (3 bank holidays)
            "T1,2022-06-01,10,0,0,10,20",           // first month of the 12
            "T1,2022-05-01,10,0,0,100,20",          // 1 May 2022 <= D - 1 year: outside the 12 months
            "T1,2023-06-01,10,9,9,9,20");           // after D
        var k = drop.Compute();
        Percent(k, "vacancy_rate", 4, 19);          // (3+1) / (3+1 + 10+5)
        Percent(k, "agency_rate", 2, 17);           // (2+0) / (2+0 + 10+5)
        Percent(k, "sickness_absence_rate", 17, 10 * 21 + 5 * 20 + 10 * 20);
    }

    [Fact]
    public void Placements_and_social_workers_in_the_12_months_count_rows_overlapping_the_window()
    {
        using var drop = new DuckTestDrop()
            .Table("ssd_cla_episodes", "e1,k,2021-01-01,", "e2,m,2021-01-01,", "e3,n,2021-01-01,2023-05-31")
            .Empty("ssd_legal_status")
            .Table("ssd_cla_placement",
                "p1,k,2021-01-01,U1,2022-06-01",    // ended inside the window: counts
                "p2,k,2022-06-01,U1,2023-01-01",
                "p3,k,2023-01-01,U1,",
                "p4,m,2021-01-01,U1,2022-05-31",    // ended on D - 1 year: does not count
                "p5,m,2022-05-31,U1,2023-01-01",
                "p6,m,2023-01-01,U1,",
                "p7,m,2023-06-01,U1,",              // starts after D
                "p8,n,2023-01-01,U1,",              // n is not cla_open
                "p9,n,2023-02-01,U1,",
                "p10,n,2023-03-01,U1,")
            .Table("ssd_involvements",
                "i1,w1,CW,k,2021-01-01,2022-06-01",
                "i2,w2,CW,k,2022-06-01,2023-01-01",
                "i3,w3,CW,k,2023-01-01,",
                "i4,w1,CW,m,2021-01-01,2022-05-31", // ended on D - 1 year
                "i5,w2,CW,m,2022-05-31,2023-01-01",
                "i6,w3,CW,m,2023-01-01,2023-02-01",
                "i7,w3,CW,m,2023-02-01,",           // w3 again: one worker
                "i8,w4,TM,m,2023-01-01,");          // not a case worker
        var k = drop.Compute();
        Percent(k, "cla_3plus_placements_12m", 1, 2);
        Percent(k, "cla_3plus_social_workers_12m", 1, 2);
    }

    [Fact]
    public void Care_leavers_aged_19_to_21_at_D_in_education_employment_or_training()
    {
        using var drop = new DuckTestDrop()
            .Table("ssd_person",
                "a,F,2004-05-31",       // 19 on D
                "b,M,2004-06-01",       // 18 on D
                "c,F,2001-06-01",       // 21 (22 tomorrow)
                "d,M,2001-05-31",       // 22 on D
                "e,F,",                 // no date of birth
                "g,M,2003-01-01",
                "h,F,2002-02-28")
            .Table("ssd_care_leavers",
                "1,a,YES,F1",
                "2,b,YES,F1",
                "3,c,YES,G4",
                "4,d,YES,P1",
                "5,e,YES,P1",
                "6,f,YES,P1",           // not in ssd_person
                "7,g,NO,",              // not in touch: stays in the denominator
                "8,h,YES,p2");
        var k = drop.Compute();
        Percent(k, "care_leavers_19_21_eet", 2, 4);  // a, c, g, h; EET a, h
    }
}
