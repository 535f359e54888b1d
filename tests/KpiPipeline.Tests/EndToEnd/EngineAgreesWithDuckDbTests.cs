using DuckDB.NET.Data;
using KpiPipeline.Benchmarks;
using KpiPipeline.Cli.Bench;
using KpiPipeline.Kpis;
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
        var engine = ReadLaKpis(lakeDir);

        var compared = 0;
        foreach (var expected in duck)
        {
            Assert.True(engine.TryGetValue(expected.KpiId, out var actual), $"{expected.KpiId} is not in the lake");
            AssertClose(expected.KpiId, "value", expected.Value, actual.Value);
            // The lake publishes no numerator/denominator for plain counts (lake-contract.md).
            var plainCount = KpiCatalogue.Get(expected.KpiId).Unit == KpiUnit.Count && actual.Numerator is null && actual.Denominator is null;
            if (!plainCount)
            {
                AssertClose(expected.KpiId, "numerator", expected.Numerator, actual.Numerator);
                AssertClose(expected.KpiId, "denominator", expected.Denominator, actual.Denominator);
            }
            compared++;
        }
        Assert.True(compared >= 35, $"only {compared} KPIs compared");
        Assert.True(engine["cla_open"].Value > 100, "the synthetic drop should have a cared-for cohort");
    }

    private static Dictionary<string, (double? Numerator, double? Denominator, double? Value)> ReadLaKpis(string lakeDir)
    {
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"""
            SELECT kpi_id, numerator, denominator, value
            FROM read_parquet('{Path.Combine(lakeDir, "curated", "kpi", "**", "*.parquet")}', hive_partitioning = false)
            WHERE breakdown = 'la'
            """;
        using var r = cmd.ExecuteReader();
        var rows = new Dictionary<string, (double?, double?, double?)>();
        double? At(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        while (r.Read()) rows[r.GetString(0)] = (At(1), At(2), At(3));
        return rows;
    }

    private static void AssertClose(string kpi, string what, double? expected, double? actual)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{kpi} {what}: DuckDB {expected?.ToString() ?? "null"}, engine {actual?.ToString() ?? "null"}");
            return;
        }
        Assert.True(Math.Abs(expected.Value - actual.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value)),
            $"{kpi} {what}: DuckDB {expected}, engine {actual}");
    }
}
