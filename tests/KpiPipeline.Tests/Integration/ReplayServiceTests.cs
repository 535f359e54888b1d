using KpiPipeline.Pipeline;
using KpiPipeline.Storage;

namespace KpiPipeline.Tests.Integration;

/// <summary>Replay from the raw zone, on Azurite with the fake runner.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReplayServiceTests(AzuriteFixture azurite)
{
    private static readonly DateOnly D = new(2023, 5, 31);

    [Fact]
    public async Task Replay_runs_from_the_raw_copy_and_succeeds()
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        await h.Ops.Ingest.IngestAsync(await TestDrops.UploadAsync(h.Ops.Landing, "343", D));
        // The landing copy may be cleared by retention; replay must not need it.
        await foreach (var blob in h.Ops.Landing.GetBlobsAsync()) await h.Ops.Landing.DeleteBlobAsync(blob.Name);

        var outcome = await h.Ops.Replay.ReplayAsync("343", D);

        Assert.Equal(RunOutcomeKind.Succeeded, outcome.Kind);
        var replayRequest = h.Runner.Requests.Last();
        Assert.Equal(RunTrigger.Replay, replayRequest.Trigger);
        Assert.Equal(D, replayRequest.SnapshotDate);
        // The runner got the same bytes as at ingest.
        Assert.Equal(h.Runner.Inputs.First(), h.Runner.Inputs.Last());

        var row = await h.Ops.Ledger.GetAsync("343", D);
        Assert.Equal(RunStatus.Succeeded, row!.Status);
        Assert.Equal("replay", row.Trigger);
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public async Task Replaying_a_day_twice_leaves_byte_identical_blobs()
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        await h.Ops.Ingest.IngestAsync(await TestDrops.UploadAsync(h.Ops.Landing, "343", D));
        var afterIngest = await TestDrops.HashesAsync(h.Ops.Lake);

        Assert.Equal(RunOutcomeKind.Succeeded, (await h.Ops.Replay.ReplayAsync("343", D)).Kind);
        var afterFirst = await TestDrops.HashesAsync(h.Ops.Lake);
        Assert.Equal(RunOutcomeKind.Succeeded, (await h.Ops.Replay.ReplayAsync("343", D)).Kind);
        var afterSecond = await TestDrops.HashesAsync(h.Ops.Lake);

        Assert.Equal(afterFirst, afterSecond);
        Assert.Equal(afterIngest, afterFirst);
        Assert.Contains(FakeSnapshotRunner.OutputPath("343", D), afterSecond.Keys);
    }

    [Fact]
    public async Task Replay_after_a_failed_day_records_success()
    {
        var runner = new FakeSnapshotRunner();
        var h = await new OpsHarness(azurite, runner).ReadyAsync();
        // The raw copy exists (an earlier good run), then a run fails (e.g. a code bug since fixed).
        await h.Ops.Ingest.IngestAsync(await TestDrops.UploadAsync(h.Ops.Landing, "343", D));
        runner.FailWith = "boom";
        Assert.Equal(RunOutcomeKind.Failed, (await h.Ops.Replay.ReplayAsync("343", D)).Kind);
        Assert.Equal(RunStatus.Failed, (await h.Ops.Ledger.GetAsync("343", D))!.Status);

        runner.FailWith = null;
        var outcome = await h.Ops.Replay.ReplayAsync("343", D);

        Assert.Equal(RunOutcomeKind.Succeeded, outcome.Kind);
        var row = await h.Ops.Ledger.GetAsync("343", D);
        Assert.Equal(RunStatus.Succeeded, row!.Status);
        Assert.Null(row.Error);
        Assert.Equal(3, row.Attempts);
    }

    [Fact]
    public async Task Replay_without_a_raw_copy_is_not_found_and_records_nothing()
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        var outcome = await h.Ops.Replay.ReplayAsync("343", D);
        Assert.Equal(RunOutcomeKind.NotFound, outcome.Kind);
        Assert.Contains("raw/343/2023-05-31/", outcome.Reason);
        Assert.Null(await h.Ops.Ledger.GetAsync("343", D));
        Assert.Equal(0, h.Runner.Calls);
    }

    [Fact]
    public async Task Replay_while_another_run_holds_the_day_is_skipped()
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        await h.Ops.Ingest.IngestAsync(await TestDrops.UploadAsync(h.Ops.Landing, "343", D));
        await using var held = await h.Ops.Leases.TryAcquireAsync(new DropKey("343", D));

        var outcome = await h.Ops.Replay.ReplayAsync("343", D);

        Assert.Equal(RunOutcomeKind.Skipped, outcome.Kind);
        Assert.Equal(1, h.Runner.Calls);
    }
}
