using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace KpiPipeline.Extract.Partitioning;

/// <summary>
/// Which partition each key of one table went to, first come first served: open addressing over 64-bit key hashes
/// (never 0) with a parallel byte per slot for the partition — 9 bytes a slot, 12 to 24 bytes a row — allocated
/// outside the GC heap and, on Linux, backed by huge pages where the kernel allows it. The splitter uses it so a row whose key an earlier row
/// already has goes to that row's partition, where the reader's duplicate-key check sees both, even when the two
/// rows name different children.
/// <para>The table is far larger than the CPU caches, so nearly every lookup misses them; huge pages spare the
/// TLB walk on top, and <see cref="Prefetch"/> lets a batch of misses overlap.</para>
/// </summary>
internal sealed unsafe class KeyPartitionMap : IDisposable
{
    private const nuint HugePage = 2 << 20;

    private long* _keys;
    private byte* _partitions;
    private readonly int _mask;
    private int _count;

    public KeyPartitionMap(long expected)
    {
        var capacity = 16;
        while (capacity < expected + expected / 3 && capacity < (1 << 30)) capacity <<= 1;
        _mask = capacity - 1;
        _keys = (long*)Allocate((nuint)capacity * sizeof(long));
        _partitions = (byte*)Allocate((nuint)capacity);
    }

    private static void* Allocate(nuint bytes)
    {
        var memory = NativeMemory.AlignedAlloc(bytes, HugePage);
        if (bytes >= HugePage && OperatingSystem.IsLinux()) _ = Madvise(memory, bytes, MadvHugePage); // a hint: ignored where unsupported
        NativeMemory.Clear(memory, bytes);
        return memory;
    }

    /// <summary>Starts loading the slot <paramref name="key"/> would use (a hint; see the class remarks).</summary>
    public void Prefetch(long key)
    {
        if (Sse.IsSupported && key != 0) Sse.Prefetch0(_keys + SlotOf(key));
    }

    /// <summary>The partition already holding <paramref name="key"/>, or <paramref name="partition"/> after recording it there.</summary>
    public int GetOrAdd(long key, int partition)
    {
        if (key == 0) throw new ArgumentOutOfRangeException(nameof(key), "key hashes are never 0");
        ObjectDisposedException.ThrowIf(_keys == null, this);
        var i = SlotOf(key);
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

    // Fibonacci hashing spreads the hash bits over the table; linear probing keeps a probe in one cache line.
    private int SlotOf(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> 32) & _mask;

    public void Dispose()
    {
        if (_keys == null) return;
        NativeMemory.AlignedFree(_keys);
        NativeMemory.AlignedFree(_partitions);
        _keys = null;
        _partitions = null;
    }

    ~KeyPartitionMap() => Dispose();

    private const int MadvHugePage = 14;

    [DllImport("libc", EntryPoint = "madvise", SetLastError = false)]
    private static extern int Madvise(void* address, nuint length, int advice);
}
