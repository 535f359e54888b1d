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

    /// <summary>
    /// A partitioned read (<see cref="Partitioning.PartitionedDropReader"/>) splits a drop with more than this many bytes
    /// of child-keyed CSV by child; a smaller drop (Sefton's is ~35 MB, the largest LA's ~210 MB) is read in one go,
    /// without the extra pass, its model (about 1.6× the CSV) fitting comfortably.
    /// </summary>
    public long SplitAboveBytes { get; init; } = 512L << 20;

    /// <summary>
    /// Bytes of child-keyed CSV per partition once a drop is split: 256 MiB makes a model of about 400 MiB, three of
    /// which are alive at once (one computed, two read ahead), so a national drop (~8 GB, 33 partitions) stays near
    /// 1.1 GB through the partitions and peaks at ~1.4–1.5 GB in the publish step (docs/performance.md, ninth round).
    /// Fewer, larger partitions are faster (fewer slice writers and forced collections); the peak, not the speed,
    /// sets the size.
    /// </summary>
    public long PartitionBytes { get; init; } = 256L << 20;

    /// <summary>Forces this many partitions (tests, benchmarks); null = from <see cref="PartitionBytes"/>.</summary>
    public int? Partitions { get; init; }

    /// <summary>Where a partitioned read writes its slice files (deleted as they are read); null = the system temp folder.</summary>
    public string? ScratchFolder { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxIssuesPerRule);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionBytes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(SplitAboveBytes);
        if (Partitions is { } p) ArgumentOutOfRangeException.ThrowIfLessThan(p, 1);
    }
}
