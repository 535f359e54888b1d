using KpiPipeline.Benchmarks;

namespace KpiPipeline.Tests.Benchmarks;

/// <summary>The shipped pack's look-ups: population rule, bank holidays, published values.</summary>
public class ReferencePackTests
{
    private static readonly ReferencePack Pack = ReferencePack.LoadEmbedded();

    [Fact]
    public void Population_switches_to_the_new_mid_year_estimate_on_30_june()
    {
        // Sefton: mid-2022 53,472; mid-2023 54,154 (ONS, children 0–17).
        Assert.Equal(new PopulationEstimate("343", 2022, 53472), Pack.PopulationEstimateAt("343", new DateOnly(2023, 6, 29)));
        Assert.Equal(new PopulationEstimate("343", 2023, 54154), Pack.PopulationEstimateAt("343", new DateOnly(2023, 6, 30)));
        Assert.Equal(54760, Pack.Population("343", new DateOnly(2031, 1, 1))); // newest estimate carries on
    }

    [Fact]
    public void At_31_march_the_rule_gives_dfe_choice_of_mid_n_minus_1_and_reproduces_lait_rates()
    {
        var population = Pack.PopulationEstimateAt("343", new DateOnly(2022, 3, 31));
        Assert.Equal(2021, population.MidYear);
        // LAIT 2022: Sefton 594 looked-after children → rate 112; 337 CP plans → rate 63.6.
        var cla = Pack.Published("LACnum", "343", 2022)!.Value;
        var cp = Pack.Published("CPP_Num", "343", 2022)!.Value;
        Assert.Equal(Pack.Published("LAC", "343", 2022), Math.Round(cla / population.Population0To17 * 10_000));
        Assert.Equal(Pack.Published("CPP_rate", "343", 2022), Math.Round(cp / population.Population0To17 * 10_000, 1));
    }

    [Fact]
    public void Population_before_coverage_or_suppressed_is_a_clear_error()
    {
        var early = Assert.Throws<InvalidOperationException>(() => Pack.Population("343", new DateOnly(2012, 6, 29)));
        Assert.Contains("2012-06-29", early.Message);
        // North Northamptonshire exists from mid-2021 only.
        Assert.Throws<InvalidOperationException>(() => Pack.Population("940", new DateOnly(2021, 6, 29)));
        Assert.Equal(2021, Pack.PopulationEstimateAt("940", new DateOnly(2021, 6, 30)).MidYear);
        // ONS shows "x" for the old Dorset council (835) mid-2015 to mid-2018.
        var suppressed = Assert.Throws<InvalidOperationException>(() => Pack.Population("835", new DateOnly(2018, 7, 1)));
        Assert.Contains("suppressed", suppressed.Message);
        Assert.Throws<KeyNotFoundException>(() => Pack.Population("999", new DateOnly(2020, 1, 1)));
    }

    [Fact]
    public void Bank_holidays_are_england_and_wales_only_with_their_coverage()
    {
        Assert.Equal(2012, Pack.BankHolidayFirstYear);
        Assert.Equal(2028, Pack.BankHolidayLastYear);
        Assert.Equal(Pack.BankHolidays.Order().ToArray(), Pack.BankHolidays.ToArray());
        Assert.Contains(new DateOnly(2022, 9, 19), Pack.BankHolidays); // State Funeral of Queen Elizabeth II
        Assert.Contains(new DateOnly(2023, 5, 8), Pack.BankHolidays);  // Coronation of King Charles III
        Assert.Contains(new DateOnly(2025, 8, 25), Pack.BankHolidays); // E&W summer bank holiday
        Assert.DoesNotContain(new DateOnly(2025, 8, 4), Pack.BankHolidays);  // Scotland's summer bank holiday
        Assert.DoesNotContain(new DateOnly(2026, 11, 30), Pack.BankHolidays); // St Andrew's Day (Scotland)
        Assert.DoesNotContain(new DateOnly(2024, 3, 18), Pack.BankHolidays);  // St Patrick's Day substitute (NI)
        Assert.Equal(8, Pack.BankHolidays.Count(d => d.Year == 2025));
    }

    [Fact]
    public void Published_values_are_cleaned_of_binary_noise_and_dashes_become_missing()
    {
        // The parquet holds "34.700000000000003" for Sefton's 2022 agency rate, and "-" for City of London's CP plans in 2016.
        Assert.Equal(34.7, Pack.Published("Work_Force_Agecy_Rate", "343", 2022));
        Assert.Null(Pack.Published("CPP_Num", "201", 2016));
        Assert.Equal(84.5, Pack.England("Continue_Assess_Comp", 2022));
        Assert.Equal("981", Pack.RegionCodeFor("Continue_Assess_Comp", "343"));
        Assert.Equal(Polarity.High, Pack.Measure("Continue_Assess_Comp").Polarity);
        Assert.Equal(Polarity.Low, Pack.Measure("ReReferral").Polarity);
        Assert.Equal(Polarity.None, Pack.Measure("Section_47").Polarity);
    }

    [Fact]
    public void Every_catalogue_measure_is_in_the_pack_for_every_lait_year()
    {
        foreach (var code in ReferencePackImporter.CatalogueMeasures)
        {
            Assert.Equal(Enumerable.Range(2016, 10), Pack.PublishedYears(code));
            Assert.True(Pack.AllLaValues(code, 2024).Count > 140, code);
        }
    }

    [Fact]
    public void A_pack_whose_file_does_not_match_its_manifest_is_refused()
    {
        using var t = new TestPack();
        t.Area("970", "England", "england").Measure("M", "high");
        t.Load();
        File.AppendAllText(Path.Combine(t.Dir, "areas.csv"), "999,Extra,la,\n");
        var e = Assert.Throws<InvalidDataException>(() => ReferencePack.Load(t.Dir));
        Assert.Contains("areas.csv", e.Message);
        Assert.Contains("SHA-256", e.Message);
    }
}
