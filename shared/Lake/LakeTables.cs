namespace KpiPipeline.Lake;

/// <summary>The curated table names (folder names under curated/), as in the lake contract.</summary>
public static class LakeTables
{
    public const string Kpi = "kpi";
    public const string KpiTrend = "kpi_trend";
    public const string ChildSnapshot = "child_snapshot";
    public const string DimWorker = "dim_worker";
    public const string DimTeam = "dim_team";
    public const string DimKpi = "dim_kpi";
    public const string DimDate = "dim_date";
    public const string DataQuality = "data_quality";

    /// <summary>One file per run, outside the snapshot's atomic unit (it carries wall-clock values).</summary>
    public const string Run = "run";

    /// <summary>The published-snapshot index: one commit record per snapshot, naming its live files.</summary>
    public const string Snapshots = "snapshots";

    /// <summary>The tables published together as one snapshot, in publication order.</summary>
    public static IReadOnlyList<string> SnapshotTables { get; } =
        [Kpi, KpiTrend, ChildSnapshot, DimWorker, DimTeam, DimKpi, DimDate, DataQuality];
}
