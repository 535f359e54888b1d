using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace KpiPipeline.Extract.Partitioning;

/// <summary>
/// Which partition each key of one table went to first, first come first served. A later row with the key whose own
/// child lives in another partition belongs to another child, so the splitter marks it as a duplicate there (see
/// <see cref="Row.ClaimKey"/>); rows of one child always share a partition, where the reader judges them itself.
/// Memory is allocated outside the GC heap, zeroed lazily by the OS.
/// <list type="bullet">
/// <item>Keys written as plain decimal numbers (<see cref="LongSet.PlainNumber(ReadOnlySpan{byte})"/>: extracts
/// mostly number their rows 1, 2, 3...) are looked up by value in a byte array over a window of values, partition + 1
/// per value: the next row's key is almost always in cache. The window is 2 values per row of the table, starting
/// half a window below the first number seen.</item>
/// <item>Other keys, and numbers outside the window, go by their 64-bit hash (never 0) to open addressing with a
/// parallel byte per slot for the partition (12 to 24 bytes a row, allocated on the first such key). That table is far
/// larger than the CPU caches, so nearly every lookup misses them: it is backed by huge pages where the kernel allows
/// (sparing the TLB walk), and <see cref="Prefetch"/> lets a batch of misses overlap.</item>
/// </list>
/// A plain number always takes the same path (the window is fixed by the first number), so a repeat is always found.
/// </summary>
internal sealed unsafe class KeyPartitionMap : IDisposable
{
    private const nuint HugePage = 2 << 20;

    /// <summary>The "partition" of a key whose first row the splitter itself rejected: it went nowhere, yet owns the key.</summary>
    public const int Nowhere = PersonPartitions.Max;

    private readonly long _expected;
    private bool _disposed;
    private long* _keys;
    private byte* _partitions;
    private int _mask;
    private int _count;

    private byte* _byNumber; // partition + 1 of number (_numberBase + i); 0 = not seen
    private ulong _numberBase;
    private ulong _numberSpan;

    public KeyPartitionMap(long expected) => _expected = expected;

    /// <summary>Starts loading the slot a hashed key would use (a hint; see the class remarks).</summary>
    public void Prefetch(long number, long keyHash)
    {
        if (Sse.IsSupported && keyHash != 0 && _keys != null && !InWindow(number)) Sse.Prefetch0(_keys + SlotOf(keyHash));
    }

    /// <summary>
    /// True when a key with this <see cref="LongSet.PlainNumber(ReadOnlySpan{byte})"/> (−1: none) is looked up by value,
    /// with no cache miss to hide. The first number asked about places the window, as in <see cref="GetOrAdd"/>.
    /// </summary>
    public bool IsCheap(long number)
    {
        if (number < 0) return false;
        if (_byNumber == null) CreateWindow((ulong)number);
        return InWindow(number);
    }

    /// <summary>
    /// The partition already holding the key, or <paramref name="partition"/> after recording it there. The key is
    /// given as its plain number (−1 when it is not one) and its text hash (never 0).
    /// </summary>
    public int GetOrAdd(long number, long keyHash, int partition)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (number >= 0)
        {
            if (_byNumber == null) CreateWindow((ulong)number);
            if (InWindow(number))
            {
                ref var slot = ref _byNumber[(ulong)number - _numberBase];
                if (slot != 0) return slot - 1;
                slot = (byte)(partition + 1);
                return partition;
            }
        }
        return GetOrAddHashed(keyHash, partition);
    }

    private bool InWindow(long number) => number >= 0 && _byNumber != null && (ulong)number - _numberBase < _numberSpan;

    private void CreateWindow(ulong first)
    {
        _numberSpan = (ulong)Math.Clamp(_expected * 2, 1 << 16, 1L << 36);
        _numberBase = first > _numberSpan / 2 ? first - _numberSpan / 2 : 0;
        _byNumber = (byte*)NativeMemory.AllocZeroed((nuint)_numberSpan);
    }

    private int GetOrAddHashed(long key, int partition)
    {
        if (key == 0) throw new ArgumentOutOfRangeException(nameof(key), "key hashes are never 0");
        if (_keys == null) CreateHashed();
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

    private void CreateHashed()
    {
        var capacity = 16;
        while (capacity < _expected + _expected / 3 && capacity < (1 << 30)) capacity <<= 1;
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

    // Fibonacci hashing spreads the hash bits over the table; linear probing keeps a probe in one cache line.
    private int SlotOf(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> 32) & _mask;

    public void Dispose()
    {
        _disposed = true;
        if (_keys != null)
        {
            NativeMemory.AlignedFree(_keys);
            NativeMemory.AlignedFree(_partitions);
            _keys = null;
            _partitions = null;
        }
        if (_byNumber != null)
        {
            NativeMemory.Free(_byNumber);
            _byNumber = null;
        }
    }

    ~KeyPartitionMap() => Dispose();

    private const int MadvHugePage = 14;

    [DllImport("libc", EntryPoint = "madvise", SetLastError = false)]
    private static extern int Madvise(void* address, nuint length, int advice);
}
