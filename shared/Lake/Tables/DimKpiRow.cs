using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace KpiPipeline.Lake.Tables;

/// <summary>curated/dim_kpi: the KPI definitions used for the snapshot.</summary>
public sealed class DimKpiRow : ISnapshotRow
{
    [JsonPropertyName("kpi_id"), ParquetRequired] public string KpiId { get; set; } = "";
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("category")] public string? Category { get; set; }
    [JsonPropertyName("unit")] public string? Unit { get; set; }
    [JsonPropertyName("polarity")] public string? Polarity { get; set; }
    [JsonPropertyName("definition")] public string? Definition { get; set; }
    [JsonPropertyName("lait_code")] public string? LaitCode { get; set; }

    // ---- extra columns: the partition keys ----
    [JsonPropertyName("la_code"), ParquetRequired] public string LaCode { get; set; } = "";
    [JsonPropertyName("snapshot_date")] public DateOnly SnapshotDate { get; set; }
}
