using System.Diagnostics;
using KpiPipeline.Extract;
using KpiPipeline.Lake;
using KpiPipeline.Pipeline;
using KpiPipeline.Storage;
using KpiPipeline.Tests.TestSupport;

namespace KpiPipeline.Tests.Integration;

/// <summary>
/// The real SnapshotRunner behind the ops services, over Azure Blob Storage (Azurite): checks that the blob
/// lake gives the runner's raw copy, atomic publication and quarantine the same behaviour as the folder lake.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RealRunnerOnAzuriteTests(AzuriteFixture azurite)
{
    private static readonly DateOnly D = new(2023, 5, 31);
    private static readonly Lazy<ReferenceData> Reference = new(() => ReferenceDataLoader.Load());

    private static TestDrop SmallDrop() => new TestDrop("343", D)
        .Table("ssd_person", "pers_person_id,pers_dob", "007,2015-01-01", "7,2016-02-02", "c3,2004-05-31")
        .Table("ssd_cp_plans", "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date",
            "P1,007,2023-01-10,", "P2,7,2022-11-01,2023-05-31")
        .Table("ssd_cp_visits", "cppv_cp_visit_id,cppv_person_id,cppv_cp_plan_id,cppv_cp_visit_date,cppv_cp_visit_seen", "V1,007,P1,2023-05-02,Y");

    private async Task<PipelineOps> OpsAsync()
    {
        var values = new Dictionary<string, string>
        {
            ["KPI_LAKE"] = azurite.ConnectionString,
            ["KPI_LANDING"] = azurite.ConnectionString,
            ["KPI_LANDING_CONTAINER"] = AzuriteFixture.UniqueName("landing"),
            ["KPI_LAKE_CONTAINER"] = AzuriteFixture.UniqueName("lake"),
            ["KPI_OPS_CONTAINER"] = AzuriteFixture.UniqueName("ops"),
            ["KPI_RUNS_TABLE"] = AzuriteFixture.UniqueTableName("runs"),
        };
        var ops = PipelineOps.Create(OpsSettings.From(k => values.GetValueOrDefault(k)), new SnapshotRunner(Reference.Value));
        await ops.EnsureStorageAsync();
        return ops;
    }

    /// <summary>Uploads a drop folder to landing the way an LA would: tables first, manifest last.</summary>
    private static async Task<string> UploadAsync(PipelineOps ops, string folder)
    {
        var prefix = $"343/{D:yyyy-MM-dd}/";
        foreach (var file in Directory.GetFiles(folder).Where(f => Path.GetFileName(f) != DropManifest.FileName))
            await ops.Landing.GetBlobClient(prefix + Path.GetFileName(file)).UploadAsync(file, overwrite: true);
        await ops.Landing.GetBlobClient(prefix + DropManifest.FileName).UploadAsync(Path.Combine(folder, DropManifest.FileName), overwrite: true);
        return prefix + DropManifest.FileName;
    }

    /// <summary>Published data files (everything under curated/ except the run log and commit records, which name the run).</summary>
    private static async Task<SortedDictionary<string, string>> DataFilesAsync(ILakeStore lake)
    {
        var all = await TestDrops.HashesAsync(lake, "curated/");
        return new SortedDictionary<string, string>(
            all.Where(kv => !kv.Key.StartsWith("curated/run/", StringComparison.Ordinal) && !kv.Key.StartsWith("curated/snapshots/", StringComparison.Ordinal))
               .ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);
    }

    [Fact]
    public async Task Ingest_publishes_and_replays_are_byte_identical_on_blob_storage()
    {
        var ops = await OpsAsync();
        using var drop = SmallDrop().WriteTemp();
        var manifest = await UploadAsync(ops, drop.Folder);

        var clock = Stopwatch.StartNew();
        var ingest = await ops.Ingest.IngestAsync(manifest);
        var ingestMs = clock.ElapsedMilliseconds;

        Assert.True(ingest.Kind == RunOutcomeKind.Succeeded, ingest.Reason);
        var row = await ops.Ledger.GetAsync("343", D);
        Assert.Equal(RunStatus.Succeeded, row!.Status);
        Assert.Equal(ingest.Result!.InputSha256, row.InputSha256);
        Assert.True(row.RowsWritten!["kpi"] > 0);
        Assert.True(await ops.Lake.ExistsAsync($"raw/343/{D:yyyy-MM-dd}/ssd_person.csv"));
        var afterIngest = await DataFilesAsync(ops.Lake);
        Assert.Contains(afterIngest.Keys, k => k.StartsWith("curated/kpi/la_code=343/snapshot_date=2023-05-31/", StringComparison.Ordinal));

        Assert.Equal(RunOutcomeKind.Succeeded, (await ops.Replay.ReplayAsync("343", D)).Kind);
        var afterFirst = await DataFilesAsync(ops.Lake);
        Assert.Equal(RunOutcomeKind.Succeeded, (await ops.Replay.ReplayAsync("343", D)).Kind);
        var afterSecond = await DataFilesAsync(ops.Lake);

        Assert.Equal(afterIngest, afterFirst);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Equal(3, (await ops.Ledger.GetAsync("343", D))!.Attempts);
        Console.WriteLine($"small drop ingest-to-published through Azurite: {ingestMs} ms");
    }

    [Fact]
    public async Task A_rejected_drop_fails_in_the_ledger_is_quarantined_and_publishes_nothing()
    {
        var ops = await OpsAsync();
        using var bad = new TestDrop("343", D)
            .Table("ssd_person", "pers_person_id", "007")
            .Table("ssd_cp_plans", "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_end_date", "P1,007,")
            .WriteTemp();

        var outcome = await ops.Ingest.IngestAsync(await UploadAsync(ops, bad.Folder));

        Assert.Equal(RunOutcomeKind.Failed, outcome.Kind);
        var row = await ops.Ledger.GetAsync("343", D);
        Assert.Equal(RunStatus.Failed, row!.Status);
        Assert.Contains("cppl_cp_plan_start_date", row.Error);
        Assert.Empty(await DataFilesAsync(ops.Lake));
        var quarantined = new List<string>();
        await foreach (var p in ops.Lake.ListAsync("quarantine/343/2023-05-31/")) quarantined.Add(p);
        Assert.Contains(quarantined, p => p.EndsWith("/" + Quarantine.ReasonFileName, StringComparison.Ordinal));
    }
}
