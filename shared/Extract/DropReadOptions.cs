namespace KpiPipeline.Extract;

public sealed record DropReadOptions
{
    public static DropReadOptions Default { get; } = new();

    /// <summary>
    /// At most this many data_quality rows per table and rule; the rest are counted and summed up in one extra
    /// row (SourceRow 0) so a systematically broken column does not flood the lake. Rows are still rejected.
    /// </summary>
    public int MaxIssuesPerRule { get; init; } = 1000;

    /// <summary>How many tables are parsed at once (each table is read by one thread).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    public CancellationToken CancellationToken { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxIssuesPerRule);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1);
    }
}
