using DuckDB.NET.Data;
using KpiPipeline.Cli.Bench;
using static KpiPipeline.Tests.Duck.DuckAssert;

namespace KpiPipeline.Tests.Duck;

/// <summary>Reading a drop (contract CSV conventions, absent tables, bad input) and writing the result.</summary>
public sealed class DuckInputAndOutputTests
{
    private static readonly string[] CatalogueIds =
    [
        "contacts_12m", "referrals_12m", "referrals_12m_rate", "contact_conversion_12m", "assessments_12m",
        "assessments_12m_rate", "assessments_open", "cin_plans_open", "s47_children_12m", "s47_12m_rate",
        "cp_plans_open", "cp_plans_open_rate", "cla_open", "cla_open_rate", "cla_placed_with_parents",
        "cin_plan_starts_weekly", "contacts_decided_24h_12m", "assessments_45wd_12m", "icpc_15wd_12m",
        "cin_visited_20wd", "cp_visited_20wd", "cla_visited_in_timescale", "cin_plans_authorised_20wd",
        "cin_reviews_on_time", "rereferrals_12m", "assessments_nfa_12m", "cp_subsequent_12m", "open_cases",
        "case_supervision_recorded", "management_oversight_recorded", "caseload_avg", "vacancy_rate",
        "agency_rate", "sickness_absence_rate", "cla_3plus_placements_12m", "cla_3plus_social_workers_12m",
        "care_leavers_19_21_eet",
    ];

    [Fact]
    public void Every_la_level_kpi_of_the_catalogue_is_returned_once_in_catalogue_order()
    {
        using var drop = new DuckTestDrop();
        var ids = DuckDbKpis.Compute(drop.Folder, DuckTestDrop.D, DuckTestDrop.BankHolidays, 1000).Select(k => k.KpiId);
        Assert.Equal(CatalogueIds, ids);
    }

    [Fact]
    public void Empty_tables_give_zero_counts_and_null_values_for_zero_denominators()
    {
        using var drop = new DuckTestDrop().Empty([.. DuckTestDrop.Headers.Keys]);
        var k = drop.Compute();

        Count(k, "contacts_12m", 0);
        Count(k, "open_cases", 0);
        Kpi(k, "referrals_12m_rate", 0, DuckTestDrop.Population, 0);
        Kpi(k, "cin_plan_starts_weekly", 0, 12, 0);
        foreach (var id in new[] { "contact_conversion_12m", "cla_placed_with_parents", "assessments_45wd_12m", "icpc_15wd_12m",
                     "cin_visited_20wd", "rereferrals_12m", "case_supervision_recorded", "vacancy_rate", "sickness_absence_rate",
                     "cla_3plus_placements_12m", "care_leavers_19_21_eet", "caseload_avg" })
        {
            Kpi(k, id, 0, 0, null);
        }
    }

    [Fact]
    public void A_zero_population_gives_null_rates()
    {
        using var drop = new DuckTestDrop().Table("ssd_cin_episodes", "r1,p1,2023-01-01");
        var k = drop.Compute(population: 0);
        Kpi(k, "referrals_12m_rate", 1, 0, null);
    }

    [Fact]
    public void Kpis_reading_an_absent_table_are_null_and_the_others_are_computed()
    {
        using var drop = new DuckTestDrop().Table("ssd_contacts", "c1,p1,2023-01-01T10:00,2023-01-01T11:00");
        var k = drop.Compute();

        Count(k, "contacts_12m", 1);
        Percent(k, "contacts_decided_24h_12m", 1, 1);
        foreach (var id in CatalogueIds.Except(["contacts_12m", "contacts_decided_24h_12m"]))
        {
            Null(k, id);
        }
    }

    [Fact]
    public void Csv_conventions_bom_crlf_quotes_free_column_order_extra_columns_and_value_forms()
    {
        // Columns reordered, an unknown extra column, a quoted id with a comma, a BOM and CRLF line ends.
        using var drop = new DuckTestDrop()
            .Raw("ssd_contacts.csv",
                "\uFEFFcont_decision_date,extra_col,cont_contact_date,cont_person_id,cont_contact_id\r\n" +
                "2023-05-02 09:00:00,x,2023-05-01 09:00:00,\"007,A\",c1\r\n" +       // space-separated datetimes, 24 h
                "02/05/2023 10:00,y,01/05/2023,p2,c2\r\n" +                            // dd/MM/yyyy forms: 34 h, late
                "\"2023-05-01T12:30\",\"\",2023-05-01T12:00,p3,c3\r\n")                // quoted values, HH:mm
            .Table("ssd_cin_plans", "c1,1,2023-01-01,,")
            .Table("ssd_cin_visits",
                "v1,1,2023-05-30,yes");
        var k = drop.Compute();
        Count(k, "contacts_12m", 3);
        Percent(k, "contacts_decided_24h_12m", 2, 3);
        Percent(k, "cin_visited_20wd", 1, 1);
    }

    [Fact]
    public void The_manifest_names_each_table_file()
    {
        using var drop = new DuckTestDrop()
            .Raw("contacts_extract.csv", DuckTestDrop.Headers["ssd_contacts"] + "\nc1,p1,2023-01-01,\nc2,p1,2023-01-02,\n")
            .Raw("ssd_contacts.csv", DuckTestDrop.Headers["ssd_contacts"] + "\nc1,p1,2023-01-01,\n")
            .Raw("manifest.json", """
                {"la_code":"343","extract_date":"2023-05-31","tables":{
                  "ssd_contacts":{"file":"contacts_extract.csv","rows":2,"sha256":"not-checked-here"}}}
                """);
        var k = drop.Compute();
        Count(k, "contacts_12m", 2);
    }

    [Fact]
    public void A_value_in_no_accepted_form_fails_naming_file_row_and_column_without_quoting_the_value()
    {
        using var drop = new DuckTestDrop().Table("ssd_cin_plans",
            "c1,1,2023-01-01,,",
            "c2,2,2023-13-45,,",
            "c3,3,2023-01-01,,");
        var e = Assert.Throws<InvalidDataException>(() => drop.Compute());
        Assert.Contains("ssd_cin_plans.csv", e.Message);
        Assert.Contains("data row 2", e.Message);
        Assert.Contains("cinp_cin_plan_start_date", e.Message);
        Assert.DoesNotContain("2023-13-45", e.Message);
    }

    [Fact]
    public void A_bad_boolean_fails_and_lenient_mode_reads_bad_values_as_null()
    {
        using var drop = new DuckTestDrop()
            .Table("ssd_cin_plans", "c1,1,2023-01-01,,", "c2,2,2023-01-01,,")
            .Table("ssd_cin_visits", "v1,1,2023-05-30,Y", "v2,2,2023-05-30,maybe");
        var e = Assert.Throws<InvalidDataException>(() => drop.Compute());
        Assert.Contains("ssd_cin_visits.csv: data row 2, column 'cinv_cin_visit_seen'", e.Message);

        var k = drop.Compute(options: new DuckKpiOptions(FailOnInvalidValues: false));
        Percent(k, "cin_visited_20wd", 1, 2);      // "maybe" is read as not seen
    }

    [Fact]
    public void A_missing_required_column_fails_naming_file_and_column()
    {
        using var drop = new DuckTestDrop().Raw("ssd_cin_episodes.csv", "cine_referral_id,cine_person_id\nr1,p1\n");
        var e = Assert.Throws<InvalidDataException>(() => drop.Compute());
        Assert.Equal("ssd_cin_episodes.csv: required column 'cine_referral_date' is missing (table ssd_cin_episodes).", e.Message);
    }

    [Fact]
    public void A_snapshot_date_outside_the_bank_holiday_calendar_is_an_error()
    {
        using var drop = new DuckTestDrop();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => drop.Compute(new DateOnly(2029, 1, 31)));
        Assert.Contains("2012-01-01..2028-12-31", e.Message);
    }

    [Fact]
    public void A_date_outside_the_calendar_in_a_working_day_count_is_an_error_naming_the_kpi()
    {
        using var drop = new DuckTestDrop().Table("ssd_cin_assessments", "a1,p1,,2011-12-30,2012-02-01,,");
        var e = Assert.Throws<InvalidDataException>(() => drop.Compute(new DateOnly(2012, 3, 31)));
        Assert.StartsWith("KPI assessments_45wd_12m: a date used in a working-day count is outside the bank-holiday calendar (2012-01-01..2028-12-31)", e.Message);
    }

    [Fact]
    public void A_plan_open_since_before_the_calendar_is_eligible_when_the_covered_days_already_reach_the_interval()
    {
        // CIN plan from 2010, still open at D: the covered days alone exceed 20 working days, so the answer is exact.
        using var drop = new DuckTestDrop()
            .Table("ssd_cin_plans", "cp1,p1,2010-06-01,,")
            .Table("ssd_cin_visits", "v1,p1,2023-05-30,Y");
        var k = drop.Compute();
        Percent(k, "cin_visited_20wd", 1, 1);
    }

    [Fact]
    public void An_empty_holiday_list_is_rejected()
    {
        using var drop = new DuckTestDrop();
        Assert.Throws<ArgumentException>(() => DuckDbKpis.Compute(drop.Folder, DuckTestDrop.D, [], 1000));
    }

    [Fact]
    public void Results_are_written_to_parquet_when_asked()
    {
        using var drop = new DuckTestDrop()
            .Table("ssd_contacts", "c1,p1,2023-01-01,", "c2,p2,2023-02-01,")
            .Table("ssd_cin_episodes", "r1,p1,2023-01-02");
        var parquet = Path.Combine(drop.Folder, "out", "kpis.parquet");
        var returned = drop.Compute(parquetOut: parquet);

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT kpi_id, snapshot_date, numerator, denominator, value FROM read_parquet('{parquet}')";
        using var reader = cmd.ExecuteReader();
        var rows = new List<(string Id, DateOnly Date, double? N, double? Den, double? V)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), DateOnly.FromDateTime(reader.GetDateTime(1)),
                reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4)));
        }
        Assert.Equal(CatalogueIds, rows.Select(r => r.Id));
        Assert.All(rows, r => Assert.Equal(DuckTestDrop.D, r.Date));
        var conversion = rows.Single(r => r.Id == "contact_conversion_12m");
        Assert.Equal((1.0, 2.0, 50.0), (conversion.N, conversion.Den, conversion.V));
        Assert.All(rows, r => Assert.Equal(returned[r.Id].Value, r.V));
    }

    [Fact]
    public void Timed_computation_reports_a_phase_per_loaded_table_and_per_kpi_query()
    {
        using var drop = new DuckTestDrop().Table("ssd_contacts", "c1,p1,2023-01-01,");
        var run = DuckDbKpis.ComputeTimed(drop.Folder, DuckTestDrop.D, DuckTestDrop.BankHolidays, 1000);

        var names = run.Phases.Select(p => p.Name).ToList();
        Assert.Contains("load ssd_contacts", names);
        Assert.DoesNotContain("load ssd_cin_episodes", names);          // absent: nothing to load
        Assert.Contains("kpi contacts_12m", names);
        Assert.DoesNotContain("kpi referrals_12m", names);              // its table is absent: not queried
        Assert.All(run.Phases, p => Assert.True(p.Elapsed >= TimeSpan.Zero));
        Assert.Equal(1, run.Kpis.Single(k => k.KpiId == "contacts_12m").Value);
    }

    [Fact]
    public void A_malformed_row_or_a_non_utf8_file_fails_naming_the_file_and_line_without_quoting_the_row()
    {
        using var ragged = new DuckTestDrop().Raw("ssd_cin_episodes.csv",
            "cine_referral_id,cine_person_id,cine_referral_date\nr1,p1,2023-01-01\nr2,p2,2023-01-02,SECRET\n");
        var e = Assert.Throws<InvalidDataException>(() => ragged.Compute());
        Assert.Equal("ssd_cin_episodes.csv: unreadable CSV (Invalid Input Error: CSV Error on Line: 3: Expected Number of Columns: 3 Found: 4)", e.Message);
        Assert.Null(e.InnerException);   // DuckDB's own message quotes the row

        using var latin1 = new DuckTestDrop();
        File.WriteAllBytes(Path.Combine(latin1.Folder, "ssd_cin_episodes.csv"),
            [.. "cine_referral_id,cine_person_id,cine_referral_date\nr1,Ren"u8, 0xE9, .. ",2023-01-01\n"u8]);
        e = Assert.Throws<InvalidDataException>(() => latin1.Compute());
        Assert.StartsWith("ssd_cin_episodes.csv: unreadable CSV (Invalid Input Error: CSV Error on Line: 2: Invalid unicode", e.Message);
        Assert.DoesNotContain("Ren", e.Message);
    }
}
