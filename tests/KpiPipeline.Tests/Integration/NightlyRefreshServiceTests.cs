using KpiPipeline.Pipeline;
using KpiPipeline.Storage;

namespace KpiPipeline.Tests.Integration;

/// <summary>The nightly refresh over a landing container with several LAs and days, on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class NightlyRefreshServiceTests(AzuriteFixture azurite)
{
    private static DateOnly May(int day) => new(2023, 5, day);

    [Fact]
    public async Task Runs_the_latest_and_missed_days_bounded_in_date_order_and_queues_the_rest()
    {
        var h = await new OpsHarness(azurite, maxRunsPerRefresh: 3).ReadyAsync();
        foreach (var d in new[] { 1, 2, 3, 4, 5 }) await TestDrops.UploadAsync(h.Ops.Landing, "343", May(d), seed: d);
        // Day 6 is still arriving: CSVs without a manifest are not a complete drop.
        await h.Ops.Landing.GetBlobClient("343/2023-05-06/ssd_person.csv").UploadAsync(BinaryData.FromString(TestDrops.PersonCsv(2, 6)));
        // Day 2 was already published by the blob trigger.
        await h.Ops.Ingest.IngestAsync("343/2023-05-02/manifest.json");
        var callsBefore = h.Runner.Calls;

        var report = await h.Ops.Nightly.RunAsync();

        // Bound 3: the latest (5) first, then the oldest missed (1, 3); run in date order; 4 waits.
        Assert.Equal(5, report.CompleteDrops);
        Assert.Equal([May(1), May(3), May(5)], report.Runs.Select(r => r.Key!.Value.SnapshotDate));
        Assert.All(report.Runs, r => Assert.Equal(RunOutcomeKind.Succeeded, r.Kind));
        Assert.Equal([May(1), May(3), May(5)], h.Runner.Requests.Skip(callsBefore).Select(r => r.SnapshotDate!.Value));
        Assert.All(h.Runner.Requests.Skip(callsBefore), r => Assert.Equal(RunTrigger.Timer, r.Trigger));
        Assert.Equal([new DropKey("343", May(4))], report.Deferred);
        Assert.Equal(RunStatus.Queued, (await h.Ops.Ledger.GetAsync("343", May(4)))!.Status);
        Assert.Null(await h.Ops.Ledger.GetAsync("343", May(6)));

        // The next night catches up the queued day and nothing else.
        var next = await h.Ops.Nightly.RunAsync();
        Assert.Equal([May(4)], next.Runs.Select(r => r.Key!.Value.SnapshotDate));
        Assert.Empty((await h.Ops.Nightly.RunAsync()).Runs);
    }

    [Fact]
    public async Task Each_la_gets_its_latest_day_before_any_catch_up()
    {
        var h = await new OpsHarness(azurite, maxRunsPerRefresh: 2).ReadyAsync();
        foreach (var d in new[] { 1, 2, 3 }) await TestDrops.UploadAsync(h.Ops.Landing, "343", May(d), seed: d);
        await TestDrops.UploadAsync(h.Ops.Landing, "875", May(2), seed: 9);

        var report = await h.Ops.Nightly.RunAsync();

        Assert.Equal([new DropKey("875", May(2)), new DropKey("343", May(3))], report.Runs.Select(r => r.Key!.Value));
        Assert.Equal([new DropKey("343", May(1)), new DropKey("343", May(2))], report.Deferred);
    }

    [Fact]
    public async Task Failed_days_are_retried_until_the_attempt_limit_then_left_for_a_replay_or_new_upload()
    {
        var runner = new FakeSnapshotRunner { FailWith = "bad drop" };
        var h = await new OpsHarness(azurite, runner, maxAttempts: 2).ReadyAsync();
        await TestDrops.UploadAsync(h.Ops.Landing, "343", May(1));

        Assert.Equal(RunOutcomeKind.Failed, Assert.Single((await h.Ops.Nightly.RunAsync()).Runs).Kind);
        Assert.Equal(RunOutcomeKind.Failed, Assert.Single((await h.Ops.Nightly.RunAsync()).Runs).Kind);
        Assert.Empty((await h.Ops.Nightly.RunAsync()).Runs); // 2 attempts used
        Assert.Equal(2, runner.Calls);

        // A corrected upload replaces the manifest: the timer picks it up again.
        runner.FailWith = null;
        await TestDrops.UploadAsync(h.Ops.Landing, "343", May(1), seed: 2);
        Assert.Equal(RunOutcomeKind.Succeeded, Assert.Single((await h.Ops.Nightly.RunAsync()).Runs).Kind);
    }

    [Fact]
    public void Choose_prefers_each_las_latest_then_the_oldest_and_returns_date_order()
    {
        var due = new List<DropKey>
        {
            new("343", May(1)), new("343", May(2)), new("343", May(9)),
            new("101", May(3)), new("101", May(4)),
        };
        Assert.Equal(
            [new DropKey("343", May(1)), new DropKey("101", May(4)), new DropKey("343", May(9))],
            NightlyRefreshService.Choose(due, 3));
        Assert.Equal(due.OrderBy(k => k.SnapshotDate), NightlyRefreshService.Choose(due, 10));
        Assert.Equal([new DropKey("101", May(4))], NightlyRefreshService.Choose(due, 1));
    }
}
