using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace KpiPipeline.Lake.Tables;

/// <summary>
/// curated/run: one row per pipeline run (see <see cref="RunTable"/>). The only table with wall-clock
/// values; started_at/finished_at are logical TIMESTAMP (UTC, milliseconds), never INT96, and must be
/// <see cref="DateTimeKind.Utc"/> (Parquet.Net writes a DateTime's ticks as they are, whatever its Kind).
/// </summary>
public sealed class RunRow
{
    public static class Triggers
    {
        public const string Blob = "blob";
        public const string Timer = "timer";
        public const string Replay = "replay";
        public const string Cli = "cli";
        public static IReadOnlyList<string> All { get; } = [Blob, Timer, Replay, Cli];
    }

    public static class Statuses
    {
        public const string Running = "running";
        public const string Succeeded = "succeeded";
        public const string Failed = "failed";
        /// <summary>The drop failed validation and was copied to quarantine/.</summary>
        public const string Quarantined = "quarantined";
        /// <summary>Nothing to do (e.g. the snapshot was already published from the same input).</summary>
        public const string Skipped = "skipped";
        public static IReadOnlyList<string> All { get; } = [Running, Succeeded, Failed, Quarantined, Skipped];
    }

    [JsonPropertyName("run_id"), ParquetRequired] public string RunId { get; set; } = "";
    [JsonPropertyName("la_code"), ParquetRequired] public string LaCode { get; set; } = "";
    [JsonPropertyName("snapshot_date")] public DateOnly SnapshotDate { get; set; }
    /// <summary>blob | timer | replay | cli.</summary>
    [JsonPropertyName("trigger"), ParquetRequired] public string Trigger { get; set; } = "";
    [JsonPropertyName("started_at"), ParquetTimestamp(ParquetTimestampResolution.Milliseconds, useLogicalTimestamp: true, isAdjustedToUTC: true)]
    public DateTime StartedAt { get; set; }
    [JsonPropertyName("finished_at"), ParquetTimestamp(ParquetTimestampResolution.Milliseconds, useLogicalTimestamp: true, isAdjustedToUTC: true)]
    public DateTime? FinishedAt { get; set; }
    [JsonPropertyName("status"), ParquetRequired] public string Status { get; set; } = "";
    /// <summary>SHA-256 of the drop's manifest.json (which itself lists every file's hash).</summary>
    [JsonPropertyName("input_sha256")] public string? InputSha256 { get; set; }
    [JsonPropertyName("code_version")] public string? CodeVersion { get; set; }
    [JsonPropertyName("rows_in")] public long? RowsIn { get; set; }
    [JsonPropertyName("rows_rejected")] public long? RowsRejected { get; set; }

    // ---- extra columns ----
    /// <summary>Failure or skip reason; never contains child names, dates of birth or identifiers.</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }
}
