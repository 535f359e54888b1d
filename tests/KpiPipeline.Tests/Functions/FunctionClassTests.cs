using System.Text.Json;
using KpiPipeline.Functions;
using KpiPipeline.Pipeline;
using KpiPipeline.Storage;
using KpiPipeline.Tests.Integration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;

namespace KpiPipeline.Tests.Functions;

/// <summary>
/// The function classes called directly (no Functions host exists here) over the real services on Azurite:
/// checks that each adapter parses its input, calls its service and maps the outcome.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionClassTests(AzuriteFixture azurite)
{
    private static readonly DateOnly D = new(2023, 5, 31);

    private static HttpRequest Request(string? query = null)
    {
        var context = new DefaultHttpContext();
        if (query is not null) context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    [Fact]
    public async Task IngestDrop_runs_a_manifest_and_ignores_other_blobs()
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        var manifest = await TestDrops.UploadAsync(h.Ops.Landing, "343", D);
        var function = new IngestDrop(h.Ops.Ingest, NullLogger<IngestDrop>.Instance);

        await function.Run(h.Ops.Landing.GetBlobClient("343/2023-05-31/ssd_person.csv"), CancellationToken.None);
        Assert.Equal(0, h.Runner.Calls);

        await function.Run(h.Ops.Landing.GetBlobClient(manifest), CancellationToken.None);
        Assert.Equal(1, h.Runner.Calls);
        Assert.Equal(RunStatus.Succeeded, (await h.Ops.Ledger.GetAsync("343", D))!.Status);
    }

    [Fact]
    public async Task NightlyRefresh_processes_pending_drops()
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        await TestDrops.UploadAsync(h.Ops.Landing, "343", D);

        await new NightlyRefresh(h.Ops.Nightly, NullLogger<NightlyRefresh>.Instance).Run(new TimerInfo(), CancellationToken.None);

        var row = await h.Ops.Ledger.GetAsync("343", D);
        Assert.Equal(RunStatus.Succeeded, row!.Status);
        Assert.Equal("timer", row.Trigger);
    }

    [Fact]
    public async Task Replay_maps_outcomes_to_status_codes()
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        var replay = new Replay(h.Ops.Replay);

        Assert.IsType<NotFoundObjectResult>(await replay.Run(Request(), "343", "2023-05-31", CancellationToken.None));
        Assert.IsType<BadRequestObjectResult>(await replay.Run(Request(), "343", "31-05-2023", CancellationToken.None));
        Assert.IsType<BadRequestObjectResult>(await replay.Run(Request(), "../x", "2023-05-31", CancellationToken.None));

        await h.Ops.Ingest.IngestAsync(await TestDrops.UploadAsync(h.Ops.Landing, "343", D));
        var ok = Assert.IsType<OkObjectResult>(await replay.Run(Request(), "343", "2023-05-31", CancellationToken.None));
        var body = Assert.IsType<RunOutcomeBody>(ok.Value);
        Assert.Equal("succeeded", body.Outcome);
        Assert.Equal(RunStatus.Succeeded, body.Ledger!.Status);
        Assert.Equal("replay", body.Ledger.Trigger);
        Assert.Contains("\"outcome\":\"succeeded\"", JsonSerializer.Serialize(body));

        h.Runner.FailWith = "ssd_person.csv row 2 column pers_person_id: empty";
        var failed = Assert.IsType<UnprocessableEntityObjectResult>(await replay.Run(Request(), "343", "2023-05-31", CancellationToken.None));
        Assert.Equal("ssd_person.csv row 2 column pers_person_id: empty", ((RunOutcomeBody)failed.Value!).Reason);

        await using (await h.Ops.Leases.TryAcquireAsync(new DropKey("343", D)))
        {
            Assert.IsType<ConflictObjectResult>(await replay.Run(Request(), "343", "2023-05-31", CancellationToken.None));
        }
    }

    [Fact]
    public async Task Runs_lists_the_ledger_for_a_date_range_and_rejects_bad_dates()
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        foreach (var d in new[] { 1, 2, 3 }) await h.Ops.Ledger.RecordQueuedAsync(new DropKey("343", new DateOnly(2023, 5, d)), null);
        var runs = new Runs(h.Ops.Runs);

        var ok = Assert.IsType<OkObjectResult>(await runs.Run(Request("?from=2023-05-02&to=2023-05-03"), "343", CancellationToken.None));
        var rows = Assert.IsAssignableFrom<IReadOnlyList<RunLedgerEntry>>(ok.Value);
        Assert.Equal([new DateOnly(2023, 5, 2), new DateOnly(2023, 5, 3)], rows.Select(r => r.SnapshotDate));
        var json = JsonSerializer.Serialize(rows);
        Assert.Contains("\"snapshot_date\":\"2023-05-02\"", json);
        Assert.Contains("\"status\":\"queued\"", json);

        Assert.IsType<BadRequestObjectResult>(await runs.Run(Request("?from=yesterday"), "343", CancellationToken.None));
        Assert.IsType<BadRequestObjectResult>(await runs.Run(Request("?from=2023-05-03&to=2023-05-01"), "343", CancellationToken.None));
        Assert.IsType<BadRequestObjectResult>(await runs.Run(Request(), "3 4", CancellationToken.None));
    }
}
