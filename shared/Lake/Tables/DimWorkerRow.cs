using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace KpiPipeline.Lake.Tables;

/// <summary>curated/dim_worker: the workforce as at the snapshot (partitioned like the facts).</summary>
public sealed class DimWorkerRow : ISnapshotRow
{
    [JsonPropertyName("worker_id"), ParquetRequired] public string WorkerId { get; set; } = "";
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("email")] public string? Email { get; set; }
    [JsonPropertyName("team_id")] public string? TeamId { get; set; }
    [JsonPropertyName("manager_id")] public string? ManagerId { get; set; }
    [JsonPropertyName("agency")] public bool? Agency { get; set; }

    // ---- extra columns: the partition keys, so readers without Hive discovery can filter ----
    [JsonPropertyName("la_code"), ParquetRequired] public string LaCode { get; set; } = "";
    [JsonPropertyName("snapshot_date")] public DateOnly SnapshotDate { get; set; }
}
