using Azure.Data.Tables;
using KpiPipeline.Pipeline;
using KpiPipeline.Storage;

namespace KpiPipeline.Tests.Integration;

/// <summary>The run ledger on Azure Table Storage (Azurite): ETag concurrency, range queries, field round-trip.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunLedgerTests(AzuriteFixture azurite)
{
    private RunLedger NewLedger(string? table = null) =>
        new(new TableServiceClient(azurite.ConnectionString).GetTableClient(table ?? AzuriteFixture.UniqueTableName("runs")), StorageResilience.Create());

    private static readonly DropKey Day = new("343", new DateOnly(2023, 5, 31));

    [Fact]
    public async Task A_full_run_round_trips_every_field()
    {
        var ledger = NewLedger();
        await ledger.RecordStartAsync(Day, RunTrigger.Blob, "run-1", "0xETAG");
        var result = new RunResult("run-1", "343", Day.SnapshotDate, true, null, "abc123", 1000, 7,
            new Dictionary<string, long> { ["kpi"] = 120, ["child_snapshot"] = 950 }, TimeSpan.FromSeconds(2));
        await ledger.RecordResultAsync(Day, "run-1", result);

        var row = await ledger.GetAsync("343", Day.SnapshotDate);
        Assert.NotNull(row);
        Assert.Equal(RunStatus.Succeeded, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("blob", row.Trigger);
        Assert.Equal("abc123", row.InputSha256);
        Assert.Equal(1000, row.RowsIn);
        Assert.Equal(7, row.RowsRejected);
        Assert.Equal(950, row.RowsWritten!["child_snapshot"]);
        Assert.Equal("run-1", row.LastRunId);
        Assert.Equal("0xETAG", row.ManifestETag);
        Assert.NotNull(row.Started);
        Assert.True(row.Finished >= row.Started);
        Assert.NotNull(row.DurationMs);
        Assert.Null(row.Error);
    }

    [Fact]
    public async Task A_writer_that_loses_the_etag_race_gets_412_rereads_and_keeps_both_changes()
    {
        var table = AzuriteFixture.UniqueTableName("runs");
        var writerA = NewLedger(table);
        var writerB = NewLedger(table);
        await writerA.RecordStartAsync(Day, RunTrigger.Blob, "run-1", null);

        // Writer A reads the row, then — before A writes — writer B commits a change. A's conditional
        // update must fail with 412 and be re-applied on top of B's row instead of overwriting it.
        var interleaved = false;
        var callsOfA = 0;
        await writerA.UpdateAsync("343", Day.SnapshotDate, cur =>
        {
            callsOfA++;
            if (!interleaved)
            {
                interleaved = true;
                // Off the test's synchronization context, so blocking here cannot deadlock.
                Task.Run(() => writerB.RecordSkipAsync(Day, RunTrigger.Timer, "skipped: another run holds the lease")).GetAwaiter().GetResult();
            }
            return cur! with { Attempts = cur.Attempts + 10 };
        });

        Assert.Equal(2, callsOfA);
        Assert.Equal(1, writerA.ConcurrencyRetries);
        var row = await writerA.GetAsync("343", Day.SnapshotDate);
        Assert.Equal(11, row!.Attempts);       // A's change
        Assert.Equal(1, row.Skips);            // B's change survived
        Assert.Equal(RunStatus.Running, row.Status);
    }

    [Fact]
    public async Task Concurrent_writers_lose_no_update()
    {
        var table = AzuriteFixture.UniqueTableName("runs");
        var ledgers = Enumerable.Range(0, 6).Select(_ => NewLedger(table)).ToList();
        await ledgers[0].EnsureCreatedAsync();

        await Task.WhenAll(ledgers.Select(l => Task.Run(() => l.RecordSkipAsync(Day, RunTrigger.Blob, "skipped: test"))));

        var row = await ledgers[0].GetAsync("343", Day.SnapshotDate);
        Assert.Equal(6, row!.Skips);
        Assert.Equal(RunStatus.Skipped, row.Status);
    }

    [Fact]
    public async Task A_stale_run_cannot_close_a_row_a_newer_run_owns()
    {
        var ledger = NewLedger();
        await ledger.RecordStartAsync(Day, RunTrigger.Blob, "old-run", null);
        await ledger.RecordStartAsync(Day, RunTrigger.Replay, "new-run", null);
        await ledger.RecordErrorAsync(Day, "old-run", "stopped: lease lost");

        var row = await ledger.GetAsync("343", Day.SnapshotDate);
        Assert.Equal(RunStatus.Running, row!.Status);
        Assert.Equal("new-run", row.LastRunId);
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public async Task List_filters_by_la_and_inclusive_date_range_oldest_first()
    {
        var ledger = NewLedger();
        foreach (var d in new[] { 3, 1, 2, 5 })
            await ledger.RecordQueuedAsync(new DropKey("343", new DateOnly(2023, 5, d)), null);
        await ledger.RecordQueuedAsync(new DropKey("344", new DateOnly(2023, 5, 2)), null);

        var rows = await ledger.ListAsync("343", new DateOnly(2023, 5, 2), new DateOnly(2023, 5, 3));
        Assert.Equal([new DateOnly(2023, 5, 2), new DateOnly(2023, 5, 3)], rows.Select(r => r.SnapshotDate));
        Assert.All(rows, r => Assert.Equal("343", r.LaCode));
        Assert.Equal(4, (await ledger.ListAsync("343")).Count);
        Assert.Empty(await ledger.ListAsync("999"));
    }

    [Fact]
    public async Task Errors_are_stored_as_one_line()
    {
        var ledger = NewLedger();
        await ledger.RecordStartAsync(Day, RunTrigger.Blob, "r", null);
        await ledger.RecordErrorAsync(Day, "r", "ssd_person.csv row 3\ncolumn pers_dob: not a date");
        Assert.Equal("ssd_person.csv row 3 column pers_dob: not a date", (await ledger.GetAsync("343", Day.SnapshotDate))!.Error);
    }
}
