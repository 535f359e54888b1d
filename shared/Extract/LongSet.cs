using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace KpiPipeline.Extract;

/// <summary>
/// Set of 64-bit key hashes (<see cref="KpiPipeline.Model.LinkKey"/>) for the duplicate-key check: open
/// addressing in one long[] (8–16 bytes per row, sized from the manifest's row count) instead of a
/// HashSet&lt;string&gt; holding every id. Keys must be non-zero. Two different ids hashing alike would be
/// reported as a duplicate; at 20 million rows the odds are about 1 in 100,000 per table, accepted here.
/// </summary>
internal sealed class LongSet
{
    private long[] _slots;
    private int _count;
    private int _mask;

    public LongSet(long expected)
    {
        var capacity = 16;
        while (capacity < expected + expected / 3 && capacity < (1 << 30)) capacity <<= 1;
        _slots = new long[capacity];
        _mask = capacity - 1;
    }

    public int Count => _count;

    /// <summary>
    /// Hints the CPU to start loading the slot where <paramref name="key"/> would go. A row's key is hashed first
    /// and added last, after its other fields are parsed, so the cache miss of a big set overlaps useful work.
    /// </summary>
    public unsafe void Prefetch(long key)
    {
        if (!Sse.IsSupported) return;
        var i = Slot(key, _mask);
        // A prefetch is only a hint: it never faults, so an address the GC may later move is harmless.
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), i)));
    }

    private static int Slot(long key, int mask) => (int)((ulong)key ^ ((ulong)key >> 32)) & mask;

    /// <summary>Adds the key; false when it was already there.</summary>
    public bool Add(long key)
    {
        if (_count >= _slots.Length - (_slots.Length >> 2)) Grow();
        return Insert(_slots, _mask, key, ref _count);
    }

    private static bool Insert(long[] slots, int mask, long key, ref int count)
    {
        // The key is already a good hash (XxHash3); Slot folds the high half in so both halves pick the slot.
        var i = Slot(key, mask);
        while (true)
        {
            var s = slots[i];
            if (s == 0)
            {
                slots[i] = key;
                count++;
                return true;
            }
            if (s == key) return false;
            i = (i + 1) & mask;
        }
    }

    private void Grow()
    {
        var bigger = new long[_slots.Length * 2];
        var mask = bigger.Length - 1;
        var count = 0;
        foreach (var key in _slots)
            if (key != 0) Insert(bigger, mask, key, ref count);
        _slots = bigger;
        _mask = mask;
    }
}
