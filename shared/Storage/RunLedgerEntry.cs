using System.Text.Json.Serialization;

namespace KpiPipeline.Storage;

/// <summary>Where a snapshot day stands in the run ledger.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>A complete drop was found but left for a later run (the nightly refresh's per-run bound).</summary>
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
    /// <summary>Only a skip was ever recorded for the day (e.g. another run held the lease and has not written yet).</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
}

/// <summary>
/// One row of the run ledger: the latest state of one LA's snapshot day (table <c>runs</c>,
/// PartitionKey = la_code, RowKey = snapshot date yyyy-MM-dd). JSON names are the table's column names,
/// so <c>GET /api/runs</c>, <c>kpi runs --json</c> and Storage Explorer all show the same words.
/// </summary>
public sealed record RunLedgerEntry
{
    [JsonPropertyName("la_code")] public required string LaCode { get; init; }
    [JsonPropertyName("snapshot_date")] public required DateOnly SnapshotDate { get; init; }
    [JsonPropertyName("status")] public RunStatus Status { get; init; } = RunStatus.Queued;
    /// <summary>How many runs have started for this day (every trigger counts, replays included).</summary>
    [JsonPropertyName("attempts")] public int Attempts { get; init; }
    [JsonPropertyName("trigger")] public string? Trigger { get; init; }
    [JsonPropertyName("started")] public DateTimeOffset? Started { get; init; }
    [JsonPropertyName("finished")] public DateTimeOffset? Finished { get; init; }
    /// <summary>Wall time of the last run from lease acquired to ledger written (download + compute + publish).</summary>
    [JsonPropertyName("duration_ms")] public long? DurationMs { get; init; }
    [JsonPropertyName("input_sha256")] public string? InputSha256 { get; init; }
    [JsonPropertyName("rows_in")] public long? RowsIn { get; init; }
    [JsonPropertyName("rows_rejected")] public long? RowsRejected { get; init; }
    [JsonPropertyName("rows_written")] public IReadOnlyDictionary<string, long>? RowsWritten { get; init; }
    /// <summary>One line: why the last run failed (names file, row and column where known).</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("last_run_id")] public string? LastRunId { get; init; }
    /// <summary>ETag of the landing manifest.json the last blob/timer run processed: a new upload of the drop changes it.</summary>
    [JsonPropertyName("manifest_etag")] public string? ManifestETag { get; init; }
    /// <summary>Runs that did not start because another held the drop's lease, or the output already existed.</summary>
    [JsonPropertyName("skips")] public int Skips { get; init; }
    [JsonPropertyName("skip_reason")] public string? SkipReason { get; init; }
    [JsonPropertyName("skipped_at")] public DateTimeOffset? SkippedAt { get; init; }

    /// <summary>The table RowKey for a snapshot date.</summary>
    public static string RowKeyFor(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
