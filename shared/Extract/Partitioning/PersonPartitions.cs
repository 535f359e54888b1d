using System.IO.Hashing;

namespace KpiPipeline.Extract.Partitioning;

/// <summary>
/// The one rule deciding which partition a child's rows go to: the hash of the child's id (<see cref="IdHash"/>, of
/// the id text as the reader sees it, so "007" and "7" are two children) modulo the number of partitions. Every
/// table uses it, so all of a child's rows meet in one partition and each partition is a complete drop of its children.
/// </summary>
internal sealed class PersonPartitions(int count)
{
    /// <summary>Partitions are numbered in a byte (<see cref="KeyPartitionMap"/>), which also needs <see cref="KeyPartitionMap.Nowhere"/>.</summary>
    public const int Max = 254;

    public int Count => count;

    public int Of(long personHash) => (int)((ulong)personHash % (ulong)count);

    /// <summary>
    /// Hash of an id's UTF-8 text (0 = empty), as the split pass computes it for child ids, keys and period-of-care
    /// ids: ids the reader sees as equal have equal text, so they hash alike.
    /// </summary>
    public static long IdHash(ReadOnlySpan<byte> utf8Id)
    {
        if (utf8Id.IsEmpty) return 0;
        var h = (long)XxHash3.HashToUInt64(utf8Id);
        return h == 0 ? 1 : h;
    }
}
