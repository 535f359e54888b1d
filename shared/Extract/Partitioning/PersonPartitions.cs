using KpiPipeline.Model;

namespace KpiPipeline.Extract.Partitioning;

/// <summary>
/// The one rule deciding which partition a child's rows go to: the child's id hash (<see cref="LinkKey.Of"/>, the
/// id text exactly as written, so "007" and "7" are two children) modulo the number of partitions. Every table
/// uses it, so all of a child's rows meet in one partition and each partition is a complete drop of its children.
/// </summary>
internal sealed class PersonPartitions(int count)
{
    /// <summary>Partitions are numbered in a byte (<see cref="KeyPartitionMap"/>).</summary>
    public const int Max = 255;

    public int Count => count;

    public int Of(long personHash) => (int)((ulong)personHash % (ulong)count);
}
