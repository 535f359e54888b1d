using System.Diagnostics;
using KpiPipeline.Kpis;
using KpiPipeline.Lake;
using KpiPipeline.Lake.Tables;
using KpiPipeline.Pipeline;
using KpiPipeline.Reporting;
using KpiPipeline.Synthetic;

namespace KpiPipeline.Tests.Reporting;

/// <summary>
/// A folder lake holding one snapshot published by the real pipeline from a small generated drop
/// (LA 343 as at 2023-05-31, scale 0.2: ~120k rows), built once for every board-pack test and deleted
/// afterwards. Also renders the pack once (latest snapshot) so tests read the same page.
/// </summary>
public sealed class BoardPackLakeFixture : IAsyncLifetime
{
    public static readonly DateOnly AsOf = new(2023, 5, 31);
    public const string La = "343";

    private readonly string _root = Directory.CreateTempSubdirectory("kpi-boardpack-").FullName;

    public string LakeFolder => Path.Combine(_root, "lake");
    public ILakeStore Lake { get; private set; } = null!;
    public RunResult Run { get; private set; } = null!;
    public IList<KpiRow> KpiRows { get; private set; } = null!;
    public IList<KpiTrendRow> TrendRows { get; private set; } = null!;
    /// <summary>The page for the latest snapshot (date not given).</summary>
    public string Html { get; private set; } = "";
    public BoardPackSummary Summary { get; private set; } = null!;
    public TimeSpan GenerateTime { get; private set; }
    public TimeSpan PipelineTime { get; private set; }
    public TimeSpan RenderTime { get; private set; }

    /// <summary>LA-level rows the scorecard shows: everything at LA level except the audit grades, which have their own table.</summary>
    public IReadOnlyList<KpiRow> ScorecardRows => KpiRows
        .Where(r => r.Breakdown == KpiRow.Breakdowns.La && !AuditKpis.ByGrade.Any(g => g.Definition.Id == r.KpiId)).ToList();

    public async Task InitializeAsync()
    {
        var sw = Stopwatch.StartNew();
        var drop = Path.Combine(_root, "drop");
        SyntheticDropGenerator.Generate(new GeneratorOptions(La, AsOf, drop, Seed: 1, Scale: 0.2));
        GenerateTime = sw.Elapsed;

        sw.Restart();
        Lake = new FolderLakeStore(LakeFolder);
        Run = await new SnapshotRunner(ReferenceDataLoader.Load()).RunAsync(new RunRequest(drop, Lake, RunTrigger.Cli));
        PipelineTime = sw.Elapsed;
        if (!Run.Succeeded) throw new InvalidOperationException("The pipeline run the board-pack tests need failed: " + Run.Error);

        var publisher = new SnapshotPublisher(Lake);
        KpiRows = (await publisher.ReadTableAsync<KpiRow>(La, AsOf, LakeTables.Kpi))!;
        TrendRows = (await publisher.ReadTableAsync<KpiTrendRow>(La, AsOf, LakeTables.KpiTrend))!;

        sw.Restart();
        var writer = new StringWriter();
        Summary = await BoardPack.RenderAsync(Lake, La, null, writer, CancellationToken.None);
        Html = writer.ToString();
        RenderTime = sw.Elapsed;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class BoardPackCollection : ICollectionFixture<BoardPackLakeFixture>
{
    public const string Name = "board pack lake (343, scale 0.2)";
}
