using KpiPipeline.Benchmarks;
using KpiPipeline.Cli.Bench;
using KpiPipeline.Lake;
using KpiPipeline.Pipeline;
using KpiPipeline.Synthetic;

namespace KpiPipeline.Tests.EndToEnd;

/// <summary>
/// generate → kpi run → read the published Parquet back with DuckDB, and compare every LA-level KPI with
/// the independent DuckDB implementation written from the catalogue (cli/Bench/Sql) over the same CSVs.
/// </summary>
public sealed class EngineAgreesWithDuckDbTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kpi-e2e-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("2023-05-31", 1)]
    [InlineData("2024-02-29", 7)]   // a leap day: the 12-month window starts 28 Feb 2023
    public async Task Every_la_kpi_matches_the_independent_duckdb_computation(string asOf, int seed)
    {
        var date = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);
        var drop = Path.Combine(_root, "drop");
        SyntheticDropGenerator.Generate(new GeneratorOptions("343", date, drop, seed, Scale: 0.4));
        var lakeDir = Path.Combine(_root, "lake");
        var reference = ReferenceDataLoader.Load();
        var result = await new SnapshotRunner(reference).RunAsync(new RunRequest(drop, new FolderLakeStore(lakeDir), RunTrigger.Cli));
        Assert.True(result.Succeeded, result.Error);

        var population = reference.Population("343", date)!.Value;
        var duck = DuckDbKpis.Compute(drop, date, ReferencePack.LoadEmbedded().BankHolidays, population);
        var engine = KpiAgreement.ReadLakeLaKpis(lakeDir);

        var agreement = KpiAgreement.Compare(duck, engine);
        Assert.True(agreement.Agrees, string.Join("\n", agreement.Disagreements));
        var compared = agreement.Compared;
        Assert.True(compared >= 35, $"only {compared} KPIs compared");
        Assert.True(engine["cla_open"].Value > 100, "the synthetic drop should have a cared-for cohort");
    }
}
