using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace KpiPipeline.Lake.Tables;

/// <summary>
/// curated/kpi: one row per KPI × breakdown at the snapshot (lake-contract.md). Contract columns come
/// first, in contract order; extra columns follow. Numbers are doubles (Parquet DOUBLE): rates,
/// percentages and FTE ratios are not exact decimals, and Power BI reads DOUBLE as Decimal Number.
/// </summary>
public sealed class KpiRow : ISnapshotRow
{
    /// <summary>Values of <see cref="Breakdown"/>.</summary>
    public static class Breakdowns
    {
        public const string La = "la";
        public const string Service = "service";
        public const string Team = "team";
        public const string Worker = "worker";
    }

    [JsonPropertyName("la_code"), ParquetRequired] public string LaCode { get; set; } = "";
    [JsonPropertyName("snapshot_date")] public DateOnly SnapshotDate { get; set; }
    [JsonPropertyName("kpi_id"), ParquetRequired] public string KpiId { get; set; } = "";
    /// <summary>la | service | team | worker.</summary>
    [JsonPropertyName("breakdown"), ParquetRequired] public string Breakdown { get; set; } = "";
    [JsonPropertyName("breakdown_key")] public string? BreakdownKey { get; set; }
    [JsonPropertyName("breakdown_name")] public string? BreakdownName { get; set; }
    /// <summary>Null for plain counts.</summary>
    [JsonPropertyName("numerator")] public double? Numerator { get; set; }
    /// <summary>Null for plain counts.</summary>
    [JsonPropertyName("denominator")] public double? Denominator { get; set; }
    /// <summary>Null when the denominator is 0.</summary>
    [JsonPropertyName("value")] public double? Value { get; set; }
    [JsonPropertyName("unit")] public string? Unit { get; set; }
    [JsonPropertyName("polarity")] public string? Polarity { get; set; }
    [JsonPropertyName("previous_value")] public double? PreviousValue { get; set; }
    /// <summary>up | down | same.</summary>
    [JsonPropertyName("direction")] public string? Direction { get; set; }
    [JsonPropertyName("sn_average")] public double? SnAverage { get; set; }
    [JsonPropertyName("sn_count")] public int? SnCount { get; set; }
    [JsonPropertyName("sn_model")] public string? SnModel { get; set; }
    [JsonPropertyName("benchmark_year")] public int? BenchmarkYear { get; set; }
    [JsonPropertyName("la_published_value")] public double? LaPublishedValue { get; set; }
    [JsonPropertyName("england_value")] public double? EnglandValue { get; set; }
    [JsonPropertyName("region_value")] public double? RegionValue { get; set; }
    /// <summary>A (best) … D, by polarity.</summary>
    [JsonPropertyName("quartile_band")] public string? QuartileBand { get; set; }
    /// <summary>1 = at or better than comparator, 2 = worse but improving, 3 = worse and not improving.</summary>
    [JsonPropertyName("rag_status")] public int? RagStatus { get; set; }

    // ---- extra columns (after the contract ones) ----
    [JsonPropertyName("kpi_name")] public string? KpiName { get; set; }
    [JsonPropertyName("category")] public string? Category { get; set; }
    /// <summary>The configured target, when one is the RAG comparator.</summary>
    [JsonPropertyName("target")] public double? Target { get; set; }
    /// <summary>The LA's rank among all LAs for the benchmark year (1 = best by polarity).</summary>
    [JsonPropertyName("la_rank")] public int? LaRank { get; set; }
    /// <summary>Direction of travel read through the KPI's polarity; null when the KPI has none.</summary>
    [JsonPropertyName("improving")] public bool? Improving { get; set; }
    /// <summary>Why the value is missing or qualified (e.g. "no population estimate for 2023").</summary>
    [JsonPropertyName("note")] public string? Note { get; set; }
}
