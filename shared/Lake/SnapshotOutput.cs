using KpiPipeline.Lake.Tables;

namespace KpiPipeline.Lake;

/// <summary>
/// Everything published for one snapshot (LA × snapshot date): the rows of every curated table.
/// Every row must carry this snapshot's la_code and snapshot_date; an empty table is published as
/// a file with the schema and no rows, so readers always find every table.
/// Rows are written in the order given: the pipeline sorts them so reruns are byte-identical.
/// </summary>
public sealed class SnapshotOutput
{
    public required string LaCode { get; init; }
    public required DateOnly SnapshotDate { get; init; }
    public IReadOnlyList<KpiRow> Kpi { get; init; } = [];
    public IReadOnlyList<KpiTrendRow> KpiTrend { get; init; } = [];
    public IReadOnlyList<ChildSnapshotRow> ChildSnapshot { get; init; } = [];
    public IReadOnlyList<DimWorkerRow> DimWorker { get; init; } = [];
    public IReadOnlyList<DimTeamRow> DimTeam { get; init; } = [];
    public IReadOnlyList<DimKpiRow> DimKpi { get; init; } = [];
    public IReadOnlyList<DimDateRow> DimDate { get; init; } = [];
    public IReadOnlyList<DataQualityRow> DataQuality { get; init; } = [];

    /// <summary>The tables in <see cref="LakeTables.SnapshotTables"/> order.</summary>
    internal IReadOnlyList<SnapshotTable> Tables() =>
    [
        SnapshotTable.Of(LakeTables.Kpi, Kpi),
        SnapshotTable.Of(LakeTables.KpiTrend, KpiTrend),
        SnapshotTable.Of(LakeTables.ChildSnapshot, ChildSnapshot),
        SnapshotTable.Of(LakeTables.DimWorker, DimWorker),
        SnapshotTable.Of(LakeTables.DimTeam, DimTeam),
        SnapshotTable.Of(LakeTables.DimKpi, DimKpi),
        SnapshotTable.Of(LakeTables.DimDate, DimDate),
        SnapshotTable.Of(LakeTables.DataQuality, DataQuality),
    ];

    /// <summary>Checks that every row belongs to this snapshot, naming the first table and row that does not.</summary>
    internal void Validate()
    {
        LakePath.Segment(LaCode, "la_code");
        foreach (var table in Tables())
        {
            for (var i = 0; i < table.Rows.Count; i++)
            {
                var row = table.Rows[i] ?? throw new InvalidDataException($"{table.Name}: row {i} is null.");
                if (!string.Equals(row.LaCode, LaCode, StringComparison.Ordinal) || row.SnapshotDate != SnapshotDate)
                    throw new InvalidDataException(
                        $"{table.Name}: row {i} has la_code '{row.LaCode}' and snapshot_date {LakePath.Date(row.SnapshotDate)}, " +
                        $"but the snapshot being published is '{LaCode}' {LakePath.Date(SnapshotDate)}.");
            }
        }
    }
}

/// <summary>One table of a snapshot, with a way to serialise it without knowing its row type.</summary>
internal sealed record SnapshotTable(string Name, IReadOnlyList<ISnapshotRow> Rows, Func<Stream, CancellationToken, Task> WriteTo)
{
    public static SnapshotTable Of<T>(string name, IReadOnlyList<T> rows) where T : class, ISnapshotRow, new() =>
        new(name, rows, (stream, ct) => ParquetTableWriter.WriteAsync(rows, stream, ct));
}
