namespace KpiPipeline.Lake.Tables;

/// <summary>
/// A row of a table published per snapshot. Every such table carries its partition keys as real
/// columns too (Power BI does not discover key=value folders), and the publisher checks that every
/// row belongs to the snapshot it is publishing.
/// </summary>
public interface ISnapshotRow
{
    string LaCode { get; }
    DateOnly SnapshotDate { get; }
}
