using KpiPipeline.Benchmarks;

namespace KpiPipeline.Tests.Benchmarks;

/// <summary>
/// Statistical-neighbour means pinned against DfE's published figures and the seed scorecard (Sefton,
/// Improvement Board, May 2023). Each mean is recomputed here from the raw parquet values of the
/// neighbours, named as ../shared/reference/README.md lists them, and must equal both the calculator's
/// result and the figure the seed prints (rounded as the seed prints it).
/// </summary>
public class SnPinTests
{
    // README.md: "Sefton (LA 343) statistical neighbours, April 2021 model".
    private static readonly string[] SeftonApril2021 =
    [
        "Wirral", "Lancashire", "Stockton-on-Tees", "North Tyneside", "Nottinghamshire", "Bury", "Wigan",
        "Derbyshire", "Darlington", "Calderdale",
    ];

    // dfe/sn_lists_long.csv, model May2025, la_code 343 (LAIT spells County Durham "Durham").
    private static readonly string[] SeftonMay2025 =
    [
        "Wirral", "St. Helens", "Wigan", "Lancashire", "Halton", "Durham", "Stockton-on-Tees", "Knowsley",
        "Darlington", "Bury",
    ];

    private static readonly ReferencePack Pack = ReferencePack.LoadEmbedded();

    [Theory]
    // The check: assessments completed within 45 working days, April 2021 model, year 2022 → seed 89.2.
    [InlineData("Continue_Assess_Comp", "april2021", 2022, 89.2, 1)]
    // Second or subsequent CP plans: 2022 mean 25.13 → the seed's "25".
    [InlineData("PrevRegCPR", "april2021", 2022, 25.0, 0)]
    // Care leavers 19–21 in EET: the seed's "50" is the 2021 mean (49.8); 2022 (51.6) does not give it.
    [InlineData("CareLeaverEET", "april2021", 2021, 50.0, 0)]
    // S47 rate: the seed's 207.5 is reproduced only by the May 2025 neighbours' 2019 mean (207.48). The seed
    // predates that model, so this is a numeric coincidence; it is kept as a pin of the computation.
    [InlineData("Section_47", "may2025", 2019, 207.5, 1)]
    public void Sefton_sn_mean_matches_dfe_values_and_the_seed(string measure, string model, int year, double seed, int decimals)
    {
        var names = model == "april2021" ? SeftonApril2021 : SeftonMay2025;
        var raw = LaitRaw.ValuesByAreaName(measure, year, names);
        Assert.Equal(10, raw.Count); // every neighbour found by name in the parquet
        var present = raw.Values.OfType<double>().ToList();
        var byHand = present.Average();

        var options = new BenchmarkOptions { SnModel = SnModels.Parse(model), BenchmarkYear = year };
        var benchmark = new BenchmarkCalculator(Pack).Compute(measure, "343", new DateOnly(2023, 5, 1), options);

        Assert.Equal(present.Count, benchmark.SnCount);
        Assert.NotNull(benchmark.SnAverage);
        Assert.Equal(byHand, benchmark.SnAverage!.Value, 9);
        Assert.Equal(seed, Math.Round(benchmark.SnAverage.Value, decimals, MidpointRounding.AwayFromZero));
        Assert.Equal(year, benchmark.BenchmarkYear);
        Assert.Equal(model, benchmark.SnModel);
    }

    [Fact]
    public void Default_as_published_choice_for_the_seed_date_gives_89_2()
    {
        // The seed is dated May 2023: the April 2021 model was in force and the 2022 figures (out 1 Nov 2022) the latest.
        var b = new BenchmarkCalculator(Pack).Compute("Continue_Assess_Comp", "343", new DateOnly(2023, 5, 31));
        Assert.Equal("april2021", b.SnModel);
        Assert.Equal(2022, b.BenchmarkYear);
        Assert.Equal(89.2, Math.Round(b.SnAverage!.Value, 1));
        Assert.Equal(10, b.SnCount);
    }

    [Fact]
    public void Pack_neighbours_of_sefton_match_the_readme_list()
    {
        var names = Pack.Neighbours("343", SnModel.April2021).Select(code => Pack.Area(code).Name).ToArray();
        Assert.Equal(SeftonApril2021, names);
        Assert.Equal(SeftonMay2025, Pack.Neighbours("343", SnModel.May2025).Select(code => Pack.Area(code).Name).ToArray());
    }

    [Theory]
    // Seed figures no year or model of LAIT reproduces (means of both models, 2016–2025, checked):
    // referrals rate 579.3 (nearest 577.6 May2025/2022), CP rate 63.5 (max 57.4), CLA rate 89
    // (89.9 April2021/2021), ICPC in 15 days 82.5 (nearest 82.99 / 81.96), re-referrals 21.1 (nearest 21.41).
    [InlineData("CPP_Total_Rateper10,000", 579.3, 1)]
    [InlineData("CPP_rate", 63.5, 1)]
    [InlineData("LAC", 89.0, 0)]
    [InlineData("CP_conf_15days", 82.5, 1)]
    [InlineData("ReReferral", 21.1, 1)]
    public void Seed_figures_that_no_lait_year_reproduces_stay_unmatched(string measure, double seed, int decimals)
    {
        // Guards the report's claim: if a refreshed pack starts matching, the note in docs/reference-pack.md is stale.
        var calculator = new BenchmarkCalculator(Pack);
        foreach (var model in new[] { SnModel.April2021, SnModel.May2025 })
        {
            foreach (var year in Pack.PublishedYears(measure))
            {
                var b = calculator.Compute(measure, "343", new DateOnly(2025, 12, 1), new BenchmarkOptions { SnModel = model, BenchmarkYear = year });
                Assert.NotEqual(seed, Math.Round(b.SnAverage!.Value, decimals, MidpointRounding.AwayFromZero));
            }
        }
    }
}
