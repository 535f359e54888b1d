using static KpiPipeline.Tests.Duck.DuckAssert;

namespace KpiPipeline.Tests.Duck;

/// <summary>Demand KPIs at D = 2023-05-31; the window is (2022-05-31, 2023-05-31].</summary>
public sealed class DuckDemandKpiTests
{
    [Fact]
    public void Window_excludes_D_minus_one_year_and_includes_D_for_contacts_referrals_s47_and_assessments()
    {
        using var drop = new DuckTestDrop()
            .Table("ssd_contacts",
                "c1,p1,2022-05-31T10:00,",          // D - 1 year: excluded
                "c2,p1,2022-06-01 00:00,",          // first day of the window
                "c3,p2,2023-05-31T23:59:59,",       // D, late in the day: included
                "c4,p2,2023-06-01T00:00,",          // after D
                "c5,p3,31/05/2023,")                // dd/MM/yyyy on D
            .Table("ssd_cin_episodes",
                "r1,p1,2022-05-31",
                "r2,p1,2022-06-01",
                "r3,p2,2023-05-31",
                "r4,p2,2023-06-01")
            .Table("ssd_s47_enquiry",
                "s1,007,2023-01-10",
                "s2,7,2023-02-10",
                "s3,007,2023-03-10",                // second enquiry of child 007
                "s4,8,2022-05-31")                  // D - 1 year: excluded
            .Table("ssd_cin_assessments",
                "a1,p1,,2022-04-01,2022-05-31,,",   // authorised on D - 1 year: not in the window, not open
                "a2,p1,,2023-04-01,2023-05-31,,",   // authorised on D: in the window, not open
                "a3,p2,,2023-05-01,,,",             // not authorised: open
                "a4,p3,,2023-05-31,2023-06-01,,",   // started on D, authorised after D: open
                "a5,p4,,2023-06-01,,,");            // starts after D: not open

        var k = drop.Compute();

        Count(k, "contacts_12m", 3);
        Count(k, "referrals_12m", 2);
        Kpi(k, "referrals_12m_rate", 2, DuckTestDrop.Population, 2 / DuckTestDrop.Population * 10_000);
        Percent(k, "contact_conversion_12m", 2, 3);
        Count(k, "s47_children_12m", 2);          // "007" and "7" are different children
        Kpi(k, "s47_12m_rate", 3, DuckTestDrop.Population, 3 / DuckTestDrop.Population * 10_000); // episodes, not children
        Count(k, "assessments_12m", 1);
        Kpi(k, "assessments_12m_rate", 1, DuckTestDrop.Population, 0.2);
        Count(k, "assessments_open", 2);
    }

    [Fact]
    public void Plans_ended_on_D_are_not_open_and_weekly_starts_use_the_84_days_to_D()
    {
        using var drop = new DuckTestDrop()
            .Table("ssd_cin_plans",
                "p1,1,2023-01-01,,",                // open-ended
                "p2,2,2023-01-01,2023-05-31,",      // ended on D: not open
                "p3,3,2023-01-01,2023-06-01,",      // ends after D: open
                "p4,4,2023-05-31,,",                // starts on D: open, and a start in the 12 weeks
                "p5,5,2023-06-01,,",                // starts after D
                "p6,1,2023-03-09,,",                // second open plan of child 1; D - 83 days: in the 12 weeks
                "p7,9,2023-03-08,2023-03-10,")      // D - 84 days: not in the 12 weeks
            .Table("ssd_cp_plans",
                "q1,007,2023-01-01,,",
                "q2,7,2022-01-01,,",
                "q3,8,2022-01-01,2023-05-31,");

        var k = drop.Compute();

        Count(k, "cin_plans_open", 3);            // children 1, 3, 4
        Kpi(k, "cin_plan_starts_weekly", 2, 12, 2.0 / 12);
        Count(k, "cp_plans_open", 2);             // "007" and "7"
        Kpi(k, "cp_plans_open_rate", 2, DuckTestDrop.Population, 0.4);
    }

    [Fact]
    public void Cla_open_excludes_children_whose_only_legal_status_at_D_is_short_breaks()
    {
        using var drop = new DuckTestDrop()
            .Table("ssd_cla_episodes",
                "e1,A,2022-01-01,",
                "e2,B,2022-01-01,",
                "e3,C,2022-01-01,",
                "e4,D2,2022-01-01,",
                "e5,E,2022-01-01,",
                "e6,F,2022-01-01,2023-05-31",       // ceased on D: not open
                "e7,G,2022-01-01,",
                "e8,A,2023-01-01,")                 // second open episode of A: still one child
            .Table("ssd_legal_status",
                "l1,A,C2,2022-01-01,",
                "l2,B,V3,2022-01-01,",              // V3 only: excluded
                "l3,C,V4,2022-01-01,",              // V4 open...
                "l4,C,C2,2022-01-01,2023-05-31",    // ...C2 ended on D, so only V4 at D: excluded
                "l5,D2,V3,2022-01-01,",             // V3 with C2: included
                "l6,D2,C2,2022-01-01,",
                "l7,G,V3,2022-01-01,2023-05-31",    // V3 ended on D, C2 open: included
                "l8,G,C2,2022-01-01,",
                "l9,F,C2,2022-01-01,")              // E has no legal status at all: included
            .Table("ssd_cla_placement",
                "pl1,A,2022-01-01,P1,",             // A placed with parents
                "pl2,D2,2022-01-01,U1,",
                "pl3,E,2022-01-01,P1,2023-05-31",   // E's P1 ended on D...
                "pl4,E,2023-05-31,U3,",             // ...and a U3 placement started on D
                "pl5,G,2022-01-01,P1,",             // G: two open placements, the later start (U1) is the placement at D
                "pl6,G,2023-02-01,U1,");

        var k = drop.Compute();

        Count(k, "cla_open", 4);                  // A, D2, E, G
        Kpi(k, "cla_open_rate", 4, DuckTestDrop.Population, 0.8);
        Percent(k, "cla_placed_with_parents", 1, 4);
    }
}
