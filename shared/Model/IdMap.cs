using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace KpiPipeline.Model;

/// <summary>
/// Dictionary-encodes string identifiers (person, worker, team ids) as dense ints 0..Count-1 so the
/// model holds compact structs instead of strings per row. Ids are kept exactly as written (leading
/// zeros are significant: "007" and "7" are different people). <see cref="None"/> marks an absent id.
/// <para>Every fact row looks its person id up here, so the layout is built for that: an open-addressing
/// table of 16-byte slots (tag, code) keyed straight on the field's characters. Short ids — digits of up to
/// 17, or other ASCII of up to 8 characters — are packed losslessly into the 64-bit tag, so a look-up is one
/// slot probe with no text comparison (one cache miss instead of the three of a Dictionary&lt;string,int&gt;:
/// bucket, entry, string). Longer ids use a 63-bit hash as tag and are compared with their stored text.
/// The text of all ids lives in one char buffer; a string is only made when the indexer asks for it.</para>
/// <para>Look-ups (<see cref="Find"/>, the indexer, <see cref="TextOrNull"/>) may run on several threads
/// at once while nobody adds; adding is single-threaded.</para>
/// </summary>
public sealed class IdMap
{
    public const int None = -1;

    private const ulong Exact = 1UL << 63;       // tag holds the id itself, not a hash
    private const ulong DigitsKind = 1UL << 62;  // (with Exact) a digit string, else a packed ASCII string
    private const int MaxAsciiPacked = 8;
    private const int MaxDigitsPacked = 17;      // 10^17 < 2^57: value in bits 0-56, length in bits 57-61
    private const int RunBits = 4;                // numeric ids: runs of 16 consecutive values share a home block
    private const int MinSlots = 32;              // > 1 << RunBits, so Home's shift stays below 64

    private Slot[] _slots;
    private int _mask;
    private int _shift;
    private char[] _text = new char[256];
    private int _textLength;
    private int[] _starts = new int[17];           // id i is _text[_starts[i].._starts[i + 1]]
    private int _count;
    private string?[]? _strings;                   // indexer cache, filled on demand

    [StructLayout(LayoutKind.Sequential)]
    private struct Slot
    {
        public ulong Tag;   // 0 = empty
        public int Code;
    }

    public IdMap() => Resize(MinSlots);

    private IdMap(IdMap from)
    {
        _slots = (Slot[])from._slots.Clone();
        _mask = from._mask;
        _shift = from._shift;
        _text = (char[])from._text.Clone();
        _textLength = from._textLength;
        _starts = (int[])from._starts.Clone();
        _count = from._count;
    }

    /// <summary>An independent copy: the same ids with the same codes, to which each copy then adds its own.</summary>
    public IdMap Clone() => new(this);

    /// <summary>
    /// Makes room for <paramref name="count"/> ids in all, so a map about to take millions (ssd_person) is not
    /// rehashed on its way up. Only while nobody else reads the map.
    /// </summary>
    public void EnsureCapacity(int count)
    {
        var size = _slots.Length;
        while (size - (size >> 2) < count && size < 1 << 30) size <<= 1;
        if (size > _slots.Length) Resize(size);
        if (_starts.Length < count + 1) Array.Resize(ref _starts, count + 1);
    }

    public int Count => _count;

    /// <summary>The original id text of an encoded id.</summary>
    public string this[int id]
    {
        get
        {
            if ((uint)id >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(id));
            var cache = Volatile.Read(ref _strings);
            if (cache is null || id >= cache.Length) cache = GrowCache(cache, id);
            return cache[id] ??= Text(id).ToString();
        }
    }

    // Doubling, so a map read between adds is not copied each time. Under a race one thread's copy wins; a
    // string made on a losing copy is just made again later (equal text either way).
    private string?[] GrowCache(string?[]? cache, int id)
    {
        var bigger = new string?[Math.Max(_count, Math.Min(Array.MaxLength, (cache?.Length ?? 0) * 2))];
        cache?.CopyTo(bigger, 0);
        var now = Interlocked.CompareExchange(ref _strings, bigger, cache);
        return now == cache || id >= now!.Length ? bigger : now;
    }

    /// <summary>The id's characters, without making a string.</summary>
    public ReadOnlySpan<char> Text(int id)
    {
        if ((uint)id >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(id));
        return _text.AsSpan(_starts[id], _starts[id + 1] - _starts[id]);
    }

    /// <summary>Encodes an id, adding it when new. Empty text encodes as <see cref="None"/>.</summary>
    public int GetOrAdd(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty) return None;
        var tag = TagOf(id);
        var existing = Probe(id, tag, out var i);
        if (existing != None) return existing;

        var code = _count;
        AppendText(id);
        _slots[i].Tag = tag;
        _slots[i].Code = code;
        if (_count > _slots.Length - (_slots.Length >> 2)) Grow();
        return code;
    }

    public int GetOrAdd(string? id) => id is null ? None : GetOrAdd(id.AsSpan());

    /// <summary>Looks an id up without adding it.</summary>
    public int Find(ReadOnlySpan<char> id)
    {
        return id.IsEmpty ? None : Probe(id, TagOf(id), out _);
    }

    /// <summary>
    /// Linear probe from the tag's home slot: the id's code, or <see cref="None"/> with <paramref name="free"/> the
    /// empty slot where it would go. Exact tags (packed ids) need no text comparison.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Probe(ReadOnlySpan<char> id, ulong tag, out int free)
    {
        var slots = _slots;
        var i = Home(tag, _shift);
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.Tag == tag && ((tag & Exact) != 0 || Text(slot.Code).SequenceEqual(id)))
            {
                free = -1;
                return slot.Code;
            }
            if (slot.Tag == 0)
            {
                free = i;
                return None;
            }
            i = (i + 1) & _mask;
        }
    }

    /// <summary>
    /// Hints the CPU to start loading the slot <paramref name="id"/> would be found in, so a <see cref="Find"/> a
    /// little later does not wait on memory (in a big map each look-up is otherwise a cache miss).
    /// </summary>
    public unsafe void Prefetch(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || !Sse.IsSupported) return;
        var i = Home(TagOf(id), _shift);
        // Only a hint: it never faults, so an address the GC may later move is harmless.
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), i)));
    }

    /// <summary>Text of an encoded id, or null for <see cref="None"/>.</summary>
    public string? TextOrNull(int id) => id == None ? null : this[id];

    private void AppendText(ReadOnlySpan<char> id)
    {
        if (_textLength + id.Length > _text.Length)
            Array.Resize(ref _text, (int)Math.Min(Array.MaxLength, Math.Max(_text.Length * 2L, _textLength + (long)id.Length)));
        id.CopyTo(_text.AsSpan(_textLength));
        _textLength += id.Length;
        if (_count + 2 > _starts.Length) Array.Resize(ref _starts, _starts.Length * 2);
        _count++;
        _starts[_count] = _textLength;
    }

    private void Grow() => Resize(_slots.Length * 2);

    [MemberNotNull(nameof(_slots))]
    private void Resize(int size)
    {
        var bigger = new Slot[size];
        var mask = size - 1;
        var shift = 64 - BitOperations.Log2((uint)size);
        if (_slots is not null)
        {
            foreach (var s in _slots)
            {
                if (s.Tag == 0) continue;
                var i = Home(s.Tag, shift);
                while (bigger[i].Tag != 0) i = (i + 1) & mask;
                bigger[i] = s;
            }
        }
        _slots = bigger;
        _mask = mask;
        _shift = shift;
    }

    /// <summary>
    /// The slot a tag's probe starts at. Tags are spread by Fibonacci hashing, except numeric ids: numbers of the
    /// same length that differ only in their last 4 bits share a block of 16 adjacent slots, in value order.
    /// Extracts list a child's rows together and number children in sequence, so consecutive rows look up
    /// neighbouring ids, which then sit in the same or the next cache line instead of a random one each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(ulong tag, int shift)
    {
        if ((tag & (Exact | DigitsKind)) != (Exact | DigitsKind)) return (int)((tag * 0x9E3779B97F4A7C15UL) >> shift);
        var block = ((tag >> RunBits) * 0x9E3779B97F4A7C15UL) >> (shift + RunBits);
        return (int)((block << RunBits) | (tag & ((1 << RunBits) - 1)));
    }

    /// <summary>
    /// A non-zero 64-bit tag for non-empty id text. With <see cref="Exact"/> set the tag is the text, packed
    /// (equal tags ⇔ equal text); otherwise it is a hash and equal tags still need a text comparison.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong TagOf(ReadOnlySpan<char> id)
    {
        if (id.Length <= MaxDigitsPacked && TryDigits(id, out var value))
        {
            // Length kept beside the value: leading zeros are significant ("0012" is not "012").
            return Exact | DigitsKind | ((ulong)id.Length << 57) | value;
        }
        if (id.Length <= MaxAsciiPacked)
        {
            // 7 bits per ASCII char (bits 0-55) and the length (bits 56-59): "A" and "A\0" differ by length.
            ulong packed = 0;
            var all = 0;
            foreach (var c in id)
            {
                packed = (packed << 7) | c;
                all |= c;
            }
            if (all < 0x80) return Exact | ((ulong)id.Length << 56) | packed;
        }
        var h = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id)) & ~Exact;
        return h == 0 ? 1 : h;
    }

    private static bool TryDigits(ReadOnlySpan<char> id, out ulong value)
    {
        value = 0;
        foreach (var c in id)
        {
            var d = (uint)(c - '0');
            if (d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }
}
