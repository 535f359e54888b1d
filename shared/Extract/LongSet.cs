using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using KpiPipeline.Model;

namespace KpiPipeline.Extract;

/// <summary>
/// Set of 64-bit key hashes (<see cref="KpiPipeline.Model.LinkKey"/>) for the duplicate-key check: open
/// addressing in one long[] (8–16 bytes per row, sized from the manifest's row count) instead of a
/// HashSet&lt;string&gt; holding every id. Keys must be non-zero. Two different ids hashing alike would be
/// reported as a duplicate; at 20 million rows the odds are about 1 in 100,000 per table, accepted here.
/// <para>Most extracts number their rows 1, 2, 3...: such keys (plain decimal numbers, see
/// <see cref="PlainNumber(ReadOnlySpan{char})"/>) are kept as bits of a bitmap over a window of values instead (<see cref="AddNumber"/>),
/// which the next row's key almost always finds in cache, where a hash slot is a cache miss per row.
/// A plain number always goes the same way (bit when in the window, else its hash), so a repeat is still found.</para>
/// </summary>
internal sealed class LongSet
{
    private const int MaxPlainDigits = 18; // < 2^63

    private long[] _slots = []; // allocated on the first hashed key: a table keyed 1, 2, 3... never needs it
    private readonly int _capacity;
    private int _count;
    private int _mask;
    private readonly long _expected;
    private readonly long _numbered;
    private ulong[]? _bits;     // bit (n - _bitBase) set when plain number n has been added
    private ulong _bitBase;
    private readonly ArrayRecycler? _recycler;

    /// <param name="expected">Keys the set will hold (sizes the hash slots).</param>
    /// <param name="numberedRows">Rows of the whole table the keys are numbered across (sizes the bitmap window); when
    /// reading a partition slice this is far more than <paramref name="expected"/>, as its keys are a spread-out share
    /// of the table's: a window sized by the slice alone would miss most of them and send them to the hash slots.</param>
    /// <param name="recycler">Where the bitmap comes from and goes back to (<see cref="Release"/>); null: allocated.</param>
    public LongSet(long expected, long numberedRows = -1, ArrayRecycler? recycler = null)
    {
        _recycler = recycler;
        _expected = expected;
        _numbered = Math.Max(expected, numberedRows);
        var capacity = 16;
        while (capacity < expected + expected / 3 && capacity < (1 << 30)) capacity <<= 1;
        _capacity = capacity;
    }

    public int Count => _count;

    /// <summary>
    /// Hints the CPU to start loading the slot where <paramref name="key"/> would go. A row's key is hashed first
    /// and added last, after its other fields are parsed, so the cache miss of a big set overlaps useful work.
    /// </summary>
    public unsafe void Prefetch(long key)
    {
        if (!Sse.IsSupported || _slots.Length == 0) return;
        var i = Slot(key, _mask);
        // A prefetch is only a hint: it never faults, so an address the GC may later move is harmless.
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), i)));
    }

    private static int Slot(long key, int mask) => (int)((ulong)key ^ ((ulong)key >> 32)) & mask;

    /// <summary>
    /// The value of a key written as a plain decimal number (1-18 digits, no sign, no leading zero, as "0012"
    /// and "12" are different keys), else -1. Such text and its value correspond one to one.
    /// </summary>
    public static long PlainNumber(ReadOnlySpan<char> id) => PlainNumberOf(id);

    /// <summary><see cref="PlainNumber(ReadOnlySpan{char})"/> of UTF-8 text (the split pass reads bytes).</summary>
    public static long PlainNumber(ReadOnlySpan<byte> id) => PlainNumberOf(id);

    private static long PlainNumberOf<T>(ReadOnlySpan<T> id) where T : unmanaged, IBinaryInteger<T>
    {
        if (id.IsEmpty || id.Length > MaxPlainDigits || (id[0] == T.CreateTruncating('0') && id.Length > 1)) return -1;
        long value = 0;
        foreach (var c in id)
        {
            var d = uint.CreateTruncating(c) - '0';
            if (d > 9) return -1;
            value = value * 10 + d;
        }
        return value;
    }

    /// <summary>
    /// Adds the key whose text <paramref name="text"/> has <see cref="PlainNumber(ReadOnlySpan{char})"/> <paramref name="number"/>;
    /// false when it was already there. Numbers outside the bitmap window fall back to the text's hash.
    /// </summary>
    public bool AddNumber(long number, ReadOnlySpan<char> text)
    {
        var bits = _bits ?? CreateBits((ulong)number);
        var offset = (ulong)number - _bitBase; // wraps to a huge value below the window
        if (offset >= (ulong)bits.Length * 64) return Add(LinkKey.Of(text));
        ref var word = ref bits[(int)(offset >> 6)];
        var mask = 1UL << (int)(offset & 63);
        if ((word & mask) != 0) return false;
        word |= mask;
        return true;
    }

    // The window: 2 bits per row of the table (at least 64 Ki), starting half a window below the first number seen,
    // so keys numbered from 1 (or from any start, in either direction) fit.
    private ulong[] CreateBits(ulong first)
    {
        var span = (ulong)Math.Clamp(_numbered * 2, 1 << 16, 1L << 34);
        _bitBase = first > span / 2 ? first - span / 2 : 0;
        var words = (int)((span + 63) / 64);
        if (_recycler is null) return _bits = new ulong[words];
        _bits = _recycler.Rent<ulong>(words);
        Array.Clear(_bits); // whole: a longer recycled array only widens the window
        return _bits;
    }

    /// <summary>Hands the bitmap back to the recycler once the table is read; the set must not be used afterwards.</summary>
    public void Release()
    {
        if (_bits is not null) _recycler?.Return(_bits);
        _bits = null;
        _slots = [];
    }

    /// <summary>Adds the key; false when it was already there.</summary>
    public bool Add(long key)
    {
        if (_slots.Length == 0)
        {
            _slots = new long[_capacity];
            _mask = _capacity - 1;
        }
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
