using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace KpiPipeline.Lake.Tables;

/// <summary>
/// curated/snapshots: the commit record of one published snapshot, one row per table file it
/// consists of. Written last by <see cref="SnapshotPublisher"/>; a snapshot exists once this
/// record exists, and its live files are exactly the ones named here.
/// </summary>
public sealed class SnapshotFileRow : ISnapshotRow
{
    [JsonPropertyName("la_code"), ParquetRequired] public string LaCode { get; set; } = "";
    [JsonPropertyName("snapshot_date")] public DateOnly SnapshotDate { get; set; }
    /// <summary>The run that published this version of the snapshot.</summary>
    [JsonPropertyName("run_id"), ParquetRequired] public string RunId { get; set; } = "";
    [JsonPropertyName("table_name"), ParquetRequired] public string TableName { get; set; } = "";
    /// <summary>Lake-relative path of the live file, e.g. curated/kpi/la_code=343/snapshot_date=2023-05-31/part-00000-….parquet.</summary>
    [JsonPropertyName("file_path"), ParquetRequired] public string FilePath { get; set; } = "";
    [JsonPropertyName("file_name"), ParquetRequired] public string FileName { get; set; } = "";
    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    [JsonPropertyName("sha256"), ParquetRequired] public string Sha256 { get; set; } = "";
    [JsonPropertyName("row_count")] public long RowCount { get; set; }
    [JsonPropertyName("size_bytes")] public long SizeBytes { get; set; }
}
