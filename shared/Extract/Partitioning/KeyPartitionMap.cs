namespace KpiPipeline.Extract.Partitioning;

/// <summary>
/// Which partition each key of one table went to, first come first served: open addressing over a long[] of
/// key hashes (<see cref="Model.LinkKey"/>, never 0) and a parallel byte[] of partitions — 9 to 18 bytes per
/// row, for the one table being split. The splitter uses it so a row whose key an earlier row already has
/// goes to that row's partition, where the reader's duplicate-key check sees both, even when the two rows
/// name different children.
/// </summary>
internal sealed class KeyPartitionMap
{
    private readonly long[] _keys;
    private readonly byte[] _partitions;
    private readonly int _mask;
    private int _count;

    public KeyPartitionMap(long expected)
    {
        var capacity = 16;
        while (capacity < expected + expected / 3 && capacity < (1 << 30)) capacity <<= 1;
        _keys = new long[capacity];
        _partitions = new byte[capacity];
        _mask = capacity - 1;
    }

    /// <summary>The partition already holding <paramref name="key"/>, or <paramref name="partition"/> after recording it there.</summary>
    public int GetOrAdd(long key, int partition)
    {
        if (key == 0) throw new ArgumentOutOfRangeException(nameof(key), "key hashes are never 0");
        // Fibonacci hashing spreads the xxHash bits over the table; linear probing keeps a probe in one cache line.
        var i = (int)((ulong)key * 0x9E3779B97F4A7C15UL >> 32) & _mask;
        while (true)
        {
            var k = _keys[i];
            if (k == key) return _partitions[i];
            if (k == 0)
            {
                // More rows than the manifest announced: the row-count check will reject the file; stop before the table fills.
                if (++_count > _mask - (_mask >> 3)) throw new InvalidDataException("more rows than the manifest's count");
                _keys[i] = key;
                _partitions[i] = (byte)partition;
                return partition;
            }
            i = (i + 1) & _mask;
        }
    }
}
