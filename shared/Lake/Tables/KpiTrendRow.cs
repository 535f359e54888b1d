using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace KpiPipeline.Lake.Tables;

/// <summary>curated/kpi_trend: a KPI × breakdown as at each of the 12 previous month-ends.</summary>
public sealed class KpiTrendRow : ISnapshotRow
{
    [JsonPropertyName("la_code"), ParquetRequired] public string LaCode { get; set; } = "";
    [JsonPropertyName("snapshot_date")] public DateOnly SnapshotDate { get; set; }
    [JsonPropertyName("kpi_id"), ParquetRequired] public string KpiId { get; set; } = "";
    [JsonPropertyName("breakdown"), ParquetRequired] public string Breakdown { get; set; } = "";
    [JsonPropertyName("breakdown_key")] public string? BreakdownKey { get; set; }
    [JsonPropertyName("as_at_date")] public DateOnly AsAtDate { get; set; }
    [JsonPropertyName("value")] public double? Value { get; set; }

    // ---- extra columns ----
    [JsonPropertyName("numerator")] public double? Numerator { get; set; }
    [JsonPropertyName("denominator")] public double? Denominator { get; set; }
}
