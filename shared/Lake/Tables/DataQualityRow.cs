using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace KpiPipeline.Lake.Tables;

/// <summary>curated/data_quality: one row per rejected or repaired input record.</summary>
public sealed class DataQualityRow : ISnapshotRow
{
    public static class Severities
    {
        public const string Error = "error";
        public const string Warning = "warning";
    }

    [JsonPropertyName("la_code"), ParquetRequired] public string LaCode { get; set; } = "";
    [JsonPropertyName("snapshot_date")] public DateOnly SnapshotDate { get; set; }
    /// <summary>The source table (e.g. ssd_person).</summary>
    [JsonPropertyName("table"), ParquetRequired] public string Table { get; set; } = "";
    /// <summary>1-based data row number in the source file (header excluded).</summary>
    [JsonPropertyName("source_row")] public long? SourceRow { get; set; }
    [JsonPropertyName("record_id")] public string? RecordId { get; set; }
    [JsonPropertyName("rule"), ParquetRequired] public string Rule { get; set; } = "";
    /// <summary>error | warning.</summary>
    [JsonPropertyName("severity"), ParquetRequired] public string Severity { get; set; } = "";
    [JsonPropertyName("message")] public string? Message { get; set; }

    // ---- extra columns ----
    [JsonPropertyName("column")] public string? Column { get; set; }
    [JsonPropertyName("source_file")] public string? SourceFile { get; set; }
}
