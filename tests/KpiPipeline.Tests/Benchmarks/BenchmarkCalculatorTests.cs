using KpiPipeline.Benchmarks;

namespace KpiPipeline.Tests.Benchmarks;

public class BenchmarkCalculatorTests
{
    private static readonly ReferencePack Real = ReferencePack.LoadEmbedded();

    [Fact]
    public void May_2025_model_takes_over_on_its_publication_day()
    {
        Assert.Equal(SnModel.April2021, BenchmarkCalculator.SelectModel(new DateOnly(2025, 5, 27), BenchmarkOptions.Default));
        Assert.Equal(SnModel.May2025, BenchmarkCalculator.SelectModel(new DateOnly(2025, 5, 28), BenchmarkOptions.Default));

        var calculator = new BenchmarkCalculator(Real);
        Assert.Equal("april2021", calculator.Compute("ReReferral", "343", new DateOnly(2025, 5, 27)).SnModel);
        Assert.Equal("may2025", calculator.Compute("ReReferral", "343", new DateOnly(2025, 5, 28)).SnModel);
        // The option pins the model whatever the date.
        var pinned = new BenchmarkOptions { SnModel = SnModel.April2021 };
        Assert.Equal("april2021", calculator.Compute("ReReferral", "343", new DateOnly(2025, 12, 1), pinned).SnModel);
    }

    [Fact]
    public void Benchmark_year_moves_on_the_publication_cutoff()
    {
        var calculator = new BenchmarkCalculator(Real);
        Assert.Equal(2021, calculator.SelectYear("ReReferral", new DateOnly(2022, 10, 31), BenchmarkOptions.Default));
        Assert.Equal(2022, calculator.SelectYear("ReReferral", new DateOnly(2022, 11, 1), BenchmarkOptions.Default));
        Assert.Equal(2022, calculator.SelectYear("ReReferral", new DateOnly(2023, 5, 31), BenchmarkOptions.Default));

        var earlier = new BenchmarkOptions { PublicationCutoff = new PublicationCutoff(10, 27) };
        Assert.Equal(2021, calculator.SelectYear("ReReferral", new DateOnly(2022, 10, 26), earlier));
        Assert.Equal(2022, calculator.SelectYear("ReReferral", new DateOnly(2022, 10, 27), earlier));
    }

    [Fact]
    public void Benchmark_year_after_the_pack_ends_uses_its_newest_year_and_an_override_must_exist()
    {
        var calculator = new BenchmarkCalculator(Real);
        Assert.Equal(2025, calculator.SelectYear("ReReferral", new DateOnly(2030, 1, 1), BenchmarkOptions.Default));
        Assert.Equal(2019, calculator.SelectYear("ReReferral", new DateOnly(2030, 1, 1), new BenchmarkOptions { BenchmarkYear = 2019 }));
        var e = Assert.Throws<ArgumentException>(() =>
            calculator.SelectYear("ReReferral", new DateOnly(2023, 1, 1), new BenchmarkOptions { BenchmarkYear = 2031 }));
        Assert.Contains("2031", e.Message);
        var none = Assert.Throws<InvalidOperationException>(() =>
            calculator.SelectYear("ReReferral", new DateOnly(2016, 10, 31), BenchmarkOptions.Default));
        Assert.Contains("ReReferral", none.Message);
    }

    [Fact]
    public void Sefton_2022_benchmark_agrees_with_an_independent_reading_of_the_parquet()
    {
        const string measure = "Continue_Assess_Comp"; // high is good
        var b = new BenchmarkCalculator(Real).Compute(measure, "343", new DateOnly(2023, 5, 31));

        var published = LaitRaw.ValuesByAreaName(measure, 2022, ["Sefton", "England", "North West"]);
        Assert.Equal(published["Sefton"], b.LaPublished);
        Assert.Equal(published["England"], b.England);
        Assert.Equal(published["North West"], b.Region);

        var (q1, median, q3, above, _) = LaitRaw.LaDistribution(measure, 2022, b.LaPublished!.Value);
        var v = b.LaPublished.Value;
        var expectedBand = v <= q1 ? "D" : v <= median ? "C" : v <= q3 ? "B" : "A";
        Assert.Equal(expectedBand, b.QuartileBand);
        Assert.Equal(above + 1, b.Rank);
    }

    [Fact]
    public void Low_is_good_rank_counts_lower_values_as_better()
    {
        const string measure = "ReReferral";
        var b = new BenchmarkCalculator(Real).Compute(measure, "343", new DateOnly(2023, 5, 31));
        var (q1, median, q3, _, below) = LaitRaw.LaDistribution(measure, 2022, b.LaPublished!.Value);
        var v = b.LaPublished.Value;
        Assert.Equal(v <= q1 ? "A" : v <= median ? "B" : v <= q3 ? "C" : "D", b.QuartileBand);
        Assert.Equal(below + 1, b.Rank);
    }

    [Fact]
    public void Kpi_polarity_overrides_lait_polarity()
    {
        // LAIT gives the S47 rate no polarity; the catalogue calls it low-is-good.
        var calculator = new BenchmarkCalculator(Real);
        var lait = calculator.Compute("Section_47", "343", new DateOnly(2023, 5, 31));
        Assert.Null(lait.QuartileBand);
        Assert.Null(lait.Rank);
        var kpi = calculator.Compute("Section_47", "343", new DateOnly(2023, 5, 31), polarity: Polarity.Low);
        Assert.NotNull(kpi.QuartileBand);
        Assert.NotNull(kpi.Rank);
        Assert.Equal(lait.SnAverage, kpi.SnAverage);
    }

    [Fact]
    public void Missing_neighbour_values_are_left_out_of_the_mean_and_the_count()
    {
        using var t = new TestPack();
        t.Area("970", "England", "england").Area("981", "North West", "region")
            .Area("100", "Home", "la", "981").Measure("M", "high");
        var neighbours = Enumerable.Range(101, 10).Select(i => i.ToString()).ToArray();
        foreach (var n in neighbours) t.Area(n, "LA " + n, "la", "981");
        t.Neighbours("april2021", "100", neighbours).Neighbours("may2025", "100", neighbours);
        // Neighbours 101..107 publish 10, 20, ... 70; 108 and 109 are suppressed; 110 has no row at all.
        for (var i = 0; i < 7; i++) t.Value("M", 2022, neighbours[i], 10 * (i + 1));
        t.Value("M", 2022, "108", null).Value("M", 2022, "109", null);
        t.Value("M", 2022, "100", 55).Value("M", 2022, "970", 50).Value("M", 2022, "981", 45);

        var b = new BenchmarkCalculator(t.Load()).Compute("M", "100", new DateOnly(2023, 1, 1));

        Assert.Equal(new Benchmark("M", 2022, "april2021", 40, 7, 50, 45, 55, "B", 3), b);
    }

    [Fact]
    public void No_neighbour_values_gives_a_null_average_and_zero_count()
    {
        using var t = new TestPack();
        t.Area("970", "England", "england").Area("981", "North West", "region").Area("100", "Home", "la", "981").Measure("M", "low");
        var neighbours = Enumerable.Range(101, 10).Select(i => i.ToString()).ToArray();
        foreach (var n in neighbours) t.Area(n, "LA " + n, "la", "981");
        t.Neighbours("april2021", "100", neighbours).Value("M", 2022, "100", 5);

        var b = new BenchmarkCalculator(t.Load()).Compute("M", "100", new DateOnly(2023, 1, 1));

        Assert.Null(b.SnAverage);
        Assert.Equal(0, b.SnCount);
        Assert.Null(b.England);
        Assert.Equal("A", b.QuartileBand); // the only LA value is every cut point
        Assert.Equal(1, b.Rank);
    }

    [Fact]
    public void London_boroughs_compare_with_inner_or_outer_london_else_london()
    {
        using var t = new TestPack();
        t.Area("202", "Camden", "la", "987").Area("970", "England", "england")
            .Area("986", "London", "region").Area("987", "London (Inner)", "region")
            .Measure("Split", "high").Measure("WholeOnly", "high")
            .Value("Split", 2022, "986", 1).Value("Split", 2022, "987", 2)
            .Value("WholeOnly", 2022, "986", 3).Value("WholeOnly", 2022, "987", null);
        var pack = t.Load();

        Assert.Equal(2, pack.Region("Split", "202", 2022));
        Assert.Equal("986", pack.RegionCodeFor("WholeOnly", "202"));
        Assert.Equal(3, pack.Region("WholeOnly", "202", 2022));
    }

    [Fact]
    public void Unknown_measure_or_la_is_a_clear_error()
    {
        var calculator = new BenchmarkCalculator(Real);
        Assert.Contains("NoSuchMeasure", Assert.Throws<KeyNotFoundException>(
            () => calculator.Compute("NoSuchMeasure", "343", new DateOnly(2023, 1, 1))).Message);
        Assert.Contains("928", Assert.Throws<KeyNotFoundException>(
            () => calculator.Compute("ReReferral", "928", new DateOnly(2025, 12, 1))).Message); // Northamptonshire, gone by May 2025
    }
}
