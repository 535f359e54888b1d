using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using KpiPipeline.Pipeline;
using Polly;

namespace KpiPipeline.Storage;

/// <summary>
/// The run ledger in Azure Table Storage: one entity per LA and snapshot day holding the latest run's status,
/// attempts, timings, input checksum, row counts and error.
/// <para>
/// Every change is a read-modify-write guarded by the entity's ETag: a concurrent writer makes the update fail
/// with 412 (or the insert with 409), and the change is re-applied to a fresh read. So two hosts recording the
/// same day can never silently overwrite each other.
/// </para>
/// </summary>
public sealed class RunLedger
{
    public const string DefaultTableName = "runs";
    private const int MaxConcurrencyRetries = 20;

    private readonly TableClient _table;
    private readonly ResiliencePipeline _resilience;
    private readonly TimeProvider _time;
    private int _tableReady;

    public RunLedger(TableClient table, ResiliencePipeline resilience, TimeProvider? time = null)
    {
        _table = table;
        _resilience = resilience;
        _time = time ?? TimeProvider.System;
    }

    public string Describe() => _table.Uri.GetLeftPart(UriPartial.Path);

    /// <summary>Number of times an update met a concurrent change (412/409) and was re-applied; for tests and metrics.</summary>
    public int ConcurrencyRetries => _concurrencyRetries;
    private int _concurrencyRetries;

    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        if (Volatile.Read(ref _tableReady) == 1) return;
        await _resilience.ExecuteAsync(async t => await _table.CreateIfNotExistsAsync(t), ct);
        Volatile.Write(ref _tableReady, 1);
    }

    public async Task<RunLedgerEntry?> GetAsync(string laCode, DateOnly date, CancellationToken ct = default) =>
        (await ReadAsync(DropKey.CheckLaCode(laCode), date, ct))?.Entry;

    /// <summary>The ledger rows of one LA, oldest first; <paramref name="from"/> and <paramref name="to"/> are inclusive and optional.</summary>
    public async Task<IReadOnlyList<RunLedgerEntry>> ListAsync(string laCode, DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default)
    {
        DropKey.CheckLaCode(laCode);
        if (from > to) throw new ArgumentException($"from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}");
        await EnsureCreatedAsync(ct);

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {laCode}");
        if (from is { } f) filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {RunLedgerEntry.RowKeyFor(f)}");
        if (to is { } t2) filter += " and " + TableClient.CreateQueryFilter($"RowKey le {RunLedgerEntry.RowKeyFor(t2)}");

        var rows = await _resilience.ExecuteAsync(async t =>
        {
            var found = new List<RunLedgerEntry>();
            await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: t)) found.Add(FromEntity(e));
            return found;
        }, ct);
        rows.Sort((a, b) => a.SnapshotDate.CompareTo(b.SnapshotDate));
        return rows;
    }

    /// <summary>
    /// Applies <paramref name="change"/> (current row or null → new row) under ETag concurrency, re-reading and
    /// re-applying on a conflicting write. <paramref name="change"/> may run more than once; it must be a pure function of its input.
    /// Returning null leaves the row as it is.
    /// </summary>
    public async Task<RunLedgerEntry?> UpdateAsync(string laCode, DateOnly date, Func<RunLedgerEntry?, RunLedgerEntry?> change, CancellationToken ct = default)
    {
        DropKey.CheckLaCode(laCode);
        await EnsureCreatedAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            var current = await ReadAsync(laCode, date, ct);
            var next = change(current?.Entry);
            if (next is null) return current?.Entry;
            if (next.LaCode != laCode || next.SnapshotDate != date) throw new InvalidOperationException("A ledger change may not move the row to another LA or date.");

            var entity = ToEntity(next);
            try
            {
                if (current is null)
                    await _resilience.ExecuteAsync(async t => await _table.AddEntityAsync(entity, t), ct);
                else
                    await _resilience.ExecuteAsync(async t => await _table.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Replace, t), ct);
                return next;
            }
            catch (RequestFailedException e) when (StorageResilience.IsConcurrencyConflict(e) && attempt < MaxConcurrencyRetries)
            {
                // Someone else wrote the row between our read and our write: re-read and re-apply.
                Interlocked.Increment(ref _concurrencyRetries);
            }
        }
    }

    /// <summary>A run has taken the lease and starts now.</summary>
    public Task<RunLedgerEntry?> RecordStartAsync(DropKey key, RunTrigger trigger, string runId, string? manifestETag, CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        return UpdateAsync(key.LaCode, key.SnapshotDate, cur => (cur ?? New(key)) with
        {
            Status = RunStatus.Running,
            Attempts = (cur?.Attempts ?? 0) + 1,
            Trigger = TriggerName(trigger),
            Started = now,
            Finished = null,
            DurationMs = null,
            Error = null,
            LastRunId = runId,
            ManifestETag = manifestETag ?? cur?.ManifestETag,
        }, ct);
    }

    /// <summary>The run finished (either way); <paramref name="result"/> is what the runner returned.</summary>
    public Task<RunLedgerEntry?> RecordResultAsync(DropKey key, string runId, RunResult result, CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        return UpdateAsync(key.LaCode, key.SnapshotDate, cur =>
        {
            var row = cur ?? New(key);
            // Only the run that wrote "running" may close the row; a later run (after a lost lease) owns it now.
            if (cur is not null && cur.LastRunId != runId) return null;
            return row with
            {
                Status = result.Succeeded ? RunStatus.Succeeded : RunStatus.Failed,
                Finished = now,
                DurationMs = row.Started is { } s ? (long)(now - s).TotalMilliseconds : (long)result.Elapsed.TotalMilliseconds,
                InputSha256 = string.IsNullOrEmpty(result.InputSha256) ? row.InputSha256 : result.InputSha256,
                RowsIn = result.RowsIn,
                RowsRejected = result.RowsRejected,
                RowsWritten = result.RowsWritten,
                Error = result.Succeeded ? null : OneLine(result.Error ?? "failed without a reason"),
            };
        }, ct);
    }

    /// <summary>The run stopped on an infrastructure error (storage unreachable, cancelled) before a result existed.</summary>
    public Task<RunLedgerEntry?> RecordErrorAsync(DropKey key, string runId, string error, CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        return UpdateAsync(key.LaCode, key.SnapshotDate, cur =>
        {
            if (cur is not null && cur.LastRunId != runId) return null;
            var row = cur ?? New(key);
            return row with
            {
                Status = RunStatus.Failed,
                Finished = now,
                DurationMs = row.Started is { } s ? (long)(now - s).TotalMilliseconds : null,
                Error = OneLine(error),
            };
        }, ct);
    }

    /// <summary>
    /// A run did not start (lease held elsewhere, output already current). Counted on the row without touching
    /// the status of a real run; a day with no run yet shows <see cref="RunStatus.Skipped"/>.
    /// </summary>
    public Task<RunLedgerEntry?> RecordSkipAsync(DropKey key, RunTrigger trigger, string reason, CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        return UpdateAsync(key.LaCode, key.SnapshotDate, cur => (cur ?? New(key) with { Status = RunStatus.Skipped, Trigger = TriggerName(trigger) }) with
        {
            Skips = (cur?.Skips ?? 0) + 1,
            SkipReason = OneLine(reason),
            SkippedAt = now,
        }, ct);
    }

    /// <summary>Marks a found but deferred drop as queued, unless the day already has a row.</summary>
    public Task<RunLedgerEntry?> RecordQueuedAsync(DropKey key, string? manifestETag, CancellationToken ct = default) =>
        UpdateAsync(key.LaCode, key.SnapshotDate, cur => cur is not null ? null : New(key) with { Status = RunStatus.Queued, ManifestETag = manifestETag }, ct);

    public static string TriggerName(RunTrigger trigger) => trigger.ToString().ToLowerInvariant();

    private static RunLedgerEntry New(DropKey key) => new() { LaCode = key.LaCode, SnapshotDate = key.SnapshotDate };

    private static string OneLine(string s)
    {
        var line = s.ReplaceLineEndings(" ").Trim();
        // Table string properties hold 32K UTF-16 chars; keep the reason readable and well inside that.
        return line.Length <= 4000 ? line : line[..4000] + "…";
    }

    private readonly record struct Stored(RunLedgerEntry Entry, ETag ETag);

    private async Task<Stored?> ReadAsync(string laCode, DateOnly date, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct);
        var response = await _resilience.ExecuteAsync(async t =>
            await _table.GetEntityIfExistsAsync<TableEntity>(laCode, RunLedgerEntry.RowKeyFor(date), cancellationToken: t), ct);
        return response.HasValue ? new Stored(FromEntity(response.Value!), response.Value!.ETag) : null;
    }

    // Column names are the ledger's public vocabulary (docs/operations.md); keep them in step with RunLedgerEntry's JSON names.
    internal static TableEntity ToEntity(RunLedgerEntry e)
    {
        var t = new TableEntity(e.LaCode, RunLedgerEntry.RowKeyFor(e.SnapshotDate))
        {
            ["status"] = StatusName(e.Status),
            ["attempts"] = e.Attempts,
            ["skips"] = e.Skips,
        };
        void Put(string k, object? v) { if (v is not null) t[k] = v; }
        Put("trigger", e.Trigger);
        Put("started", e.Started);
        Put("finished", e.Finished);
        Put("duration_ms", e.DurationMs);
        Put("input_sha256", e.InputSha256);
        Put("rows_in", e.RowsIn);
        Put("rows_rejected", e.RowsRejected);
        Put("rows_written", e.RowsWritten is null ? null : JsonSerializer.Serialize(new SortedDictionary<string, long>(e.RowsWritten.ToDictionary(), StringComparer.Ordinal)));
        Put("error", e.Error);
        Put("last_run_id", e.LastRunId);
        Put("manifest_etag", e.ManifestETag);
        Put("skip_reason", e.SkipReason);
        Put("skipped_at", e.SkippedAt);
        return t;
    }

    internal static RunLedgerEntry FromEntity(TableEntity t)
    {
        var rowsWritten = t.GetString("rows_written");
        return new RunLedgerEntry
        {
            LaCode = t.PartitionKey,
            SnapshotDate = DateOnly.ParseExact(t.RowKey, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Status = ParseStatus(t.GetString("status")),
            Attempts = t.GetInt32("attempts") ?? 0,
            Trigger = t.GetString("trigger"),
            Started = t.GetDateTimeOffset("started"),
            Finished = t.GetDateTimeOffset("finished"),
            DurationMs = t.GetInt64("duration_ms"),
            InputSha256 = t.GetString("input_sha256"),
            RowsIn = t.GetInt64("rows_in"),
            RowsRejected = t.GetInt64("rows_rejected"),
            RowsWritten = rowsWritten is null ? null : JsonSerializer.Deserialize<SortedDictionary<string, long>>(rowsWritten),
            Error = t.GetString("error"),
            LastRunId = t.GetString("last_run_id"),
            ManifestETag = t.GetString("manifest_etag"),
            Skips = t.GetInt32("skips") ?? 0,
            SkipReason = t.GetString("skip_reason"),
            SkippedAt = t.GetDateTimeOffset("skipped_at"),
        };
    }

    internal static string StatusName(RunStatus s) => s.ToString().ToLowerInvariant();

    private static RunStatus ParseStatus(string? s) =>
        Enum.TryParse<RunStatus>(s, ignoreCase: true, out var status) ? status : throw new InvalidDataException($"Run ledger row has unknown status '{s}'.");
}
