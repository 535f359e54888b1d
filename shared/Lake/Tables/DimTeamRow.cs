using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace KpiPipeline.Lake.Tables;

/// <summary>curated/dim_team: teams and their service as at the snapshot.</summary>
public sealed class DimTeamRow : ISnapshotRow
{
    [JsonPropertyName("team_id"), ParquetRequired] public string TeamId { get; set; } = "";
    [JsonPropertyName("team_name")] public string? TeamName { get; set; }
    [JsonPropertyName("service")] public string? Service { get; set; }

    // ---- extra columns: the partition keys ----
    [JsonPropertyName("la_code"), ParquetRequired] public string LaCode { get; set; } = "";
    [JsonPropertyName("snapshot_date")] public DateOnly SnapshotDate { get; set; }
}
