using System.Buffers.Binary;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KpiPipeline.Pipeline;

/// <summary>
/// Lake rows held as bytes until they are written: a partitioned run gathers the child_snapshot rows of every
/// partition (about a million at national scale) before it can sort and publish them.
/// <para>Why: as objects, those rows (and an id string each) were marked by every full collection the run makes between
/// partitions, which is most of what those collections cost (measured at scale 50: 569 ms of forced collections with
/// the rows kept as objects, 243 ms without them). Packed, they live in a few large byte arrays that hold no
/// references, which a collection does not look into.</para>
/// <para>Every public settable property of <typeparamref name="T"/> is packed, so a column added to the row type is
/// carried without a change here (an unsupported property type fails at first use, and in the tests). Strings are
/// stored once each and referred to by number, except those named as <c>unique</c> (ids that differ on every row),
/// which are stored inline.</para>
/// </summary>
internal sealed class PackedRows<T> where T : class, new()
{
    private const int ChunkBytes = 1 << 20;

    private static readonly PropertyInfo[] Properties =
        typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite).ToArray();

    private readonly Column[] _columns;
    private readonly List<byte[]> _chunks = new(); // rows never span chunks
    private readonly List<int> _filled = new();    // bytes used in each chunk but the last
    private readonly Dictionary<string, int> _stringCodes = new(StringComparer.Ordinal);
    private readonly List<string> _strings = new();
    private byte[] _row = new byte[256]; // one row being packed
    private int _used; // bytes used in the last chunk

    /// <param name="unique">Names of string properties whose values differ on every row (stored inline, not numbered).</param>
    public PackedRows(params string[] unique)
    {
        var inline = unique.ToHashSet(StringComparer.Ordinal);
        var unknown = inline.Where(name => Properties.All(p => p.Name != name)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"{typeof(T).Name} has no property {string.Join(", ", unknown)}", nameof(unique));
        _columns = Properties.Select(p => Column.For(p, inline.Contains(p.Name))).ToArray();
    }

    public int Count { get; private set; }

    public void Add(T row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var at = 0;
        foreach (var column in _columns) column.Write(this, row, ref at);
        if (_chunks.Count == 0 || _used + at > _chunks[^1].Length)
        {
            if (_chunks.Count > 0) _filled.Add(_used);
            _chunks.Add(new byte[Math.Max(ChunkBytes, at)]);
            _used = 0;
        }
        _row.AsSpan(0, at).CopyTo(_chunks[^1].AsSpan(_used));
        _used += at;
        Count++;
    }

    /// <summary>Every row, in the order added, as new objects.</summary>
    public List<T> Unpack()
    {
        var rows = new List<T>(Count);
        for (var c = 0; c < _chunks.Count; c++)
        {
            var chunk = _chunks[c];
            var used = c < _filled.Count ? _filled[c] : _used;
            var at = 0;
            while (at < used)
            {
                var row = new T();
                foreach (var column in _columns) column.Read(this, row, chunk, ref at);
                rows.Add(row);
            }
        }
        return rows;
    }

    private Span<byte> Reserve(ref int at, int bytes)
    {
        if (_row.Length < at + bytes) Array.Resize(ref _row, Math.Max(_row.Length * 2, at + bytes));
        var span = _row.AsSpan(at, bytes);
        at += bytes;
        return span;
    }

    private int CodeOf(string value)
    {
        ref var code = ref CollectionsMarshal.GetValueRefOrAddDefault(_stringCodes, value, out var exists);
        if (!exists)
        {
            code = _strings.Count;
            _strings.Add(value);
        }
        return code;
    }

    private enum Kind { NumberedString, InlineString, Date, NullableDate, Int, NullableInt, Bool, NullableBool, Double, NullableDouble }

    /// <summary>How one property is packed: its kind decides the bytes (little-endian; a nullable starts with a flag byte).</summary>
    private abstract class Column
    {
        public static Column For(PropertyInfo p, bool inline)
        {
            var t = p.PropertyType;
            var kind = t == typeof(string) ? (inline ? Kind.InlineString : Kind.NumberedString)
                : t == typeof(DateOnly) ? Kind.Date
                : t == typeof(DateOnly?) ? Kind.NullableDate
                : t == typeof(int) ? Kind.Int
                : t == typeof(int?) ? Kind.NullableInt
                : t == typeof(bool) ? Kind.Bool
                : t == typeof(bool?) ? Kind.NullableBool
                : t == typeof(double) ? Kind.Double
                : t == typeof(double?) ? Kind.NullableDouble
                : throw new NotSupportedException($"{typeof(T).Name}.{p.Name}: {t.Name} cannot be packed");
            return (Column)Activator.CreateInstance(typeof(Typed<>).MakeGenericType(typeof(T), t), p, kind)!;
        }

        public abstract void Write(PackedRows<T> rows, T row, ref int at);
        public abstract void Read(PackedRows<T> rows, T row, byte[] chunk, ref int at);
    }

    /// <summary>A column of property type <typeparamref name="TValue"/>, read and written through compiled accessors (no boxing).</summary>
    private sealed class Typed<TValue>(PropertyInfo property, Kind kind) : Column
    {
        private readonly Func<T, TValue> _get = property.GetGetMethod()!.CreateDelegate<Func<T, TValue>>();
        private readonly Action<T, TValue> _set = property.GetSetMethod()!.CreateDelegate<Action<T, TValue>>();

        public override void Write(PackedRows<T> rows, T row, ref int at)
        {
            var value = _get(row);
            switch (kind)
            {
                case Kind.NumberedString:
                    var s = As<string?>(value);
                    BinaryPrimitives.WriteInt32LittleEndian(rows.Reserve(ref at, 4), s is null ? -1 : rows.CodeOf(s));
                    break;
                case Kind.InlineString:
                    var text = As<string?>(value);
                    BinaryPrimitives.WriteInt32LittleEndian(rows.Reserve(ref at, 4), text?.Length ?? -1);
                    if (text is not null) MemoryMarshal.AsBytes(text.AsSpan()).CopyTo(rows.Reserve(ref at, text.Length * 2));
                    break;
                case Kind.Date:
                    BinaryPrimitives.WriteInt32LittleEndian(rows.Reserve(ref at, 4), As<DateOnly>(value).DayNumber);
                    break;
                case Kind.Int:
                    BinaryPrimitives.WriteInt32LittleEndian(rows.Reserve(ref at, 4), As<int>(value));
                    break;
                case Kind.NullableDate:
                    WriteNullable(rows, ref at, As<DateOnly?>(value)?.DayNumber);
                    break;
                case Kind.NullableInt:
                    WriteNullable(rows, ref at, As<int?>(value));
                    break;
                case Kind.Bool:
                    rows.Reserve(ref at, 1)[0] = As<bool>(value) ? (byte)2 : (byte)1;
                    break;
                case Kind.NullableBool:
                    rows.Reserve(ref at, 1)[0] = As<bool?>(value) switch { null => 0, false => 1, true => 2 };
                    break;
                case Kind.Double or Kind.NullableDouble:
                    var x = kind == Kind.Double ? As<double>(value) : As<double?>(value);
                    var number = rows.Reserve(ref at, 9);
                    number[0] = x is null ? (byte)0 : (byte)1;
                    BinaryPrimitives.WriteDoubleLittleEndian(number[1..], x ?? 0);
                    break;
            }
        }

        public override void Read(PackedRows<T> rows, T row, byte[] chunk, ref int at)
        {
            var bytes = chunk.AsSpan(at);
            switch (kind)
            {
                case Kind.NumberedString:
                    var code = BinaryPrimitives.ReadInt32LittleEndian(bytes);
                    at += 4;
                    _set(row, From(code < 0 ? null : rows._strings[code]));
                    break;
                case Kind.InlineString:
                    var length = BinaryPrimitives.ReadInt32LittleEndian(bytes);
                    at += 4;
                    if (length >= 0) at += length * 2;
                    _set(row, From(length < 0 ? null : new string(MemoryMarshal.Cast<byte, char>(bytes.Slice(4, length * 2)))));
                    break;
                case Kind.Date:
                    at += 4;
                    _set(row, From(DateOnly.FromDayNumber(BinaryPrimitives.ReadInt32LittleEndian(bytes))));
                    break;
                case Kind.Int:
                    at += 4;
                    _set(row, From(BinaryPrimitives.ReadInt32LittleEndian(bytes)));
                    break;
                case Kind.NullableDate:
                    var day = ReadNullable(bytes, ref at);
                    _set(row, From(day is { } d ? DateOnly.FromDayNumber(d) : (DateOnly?)null));
                    break;
                case Kind.NullableInt:
                    _set(row, From(ReadNullable(bytes, ref at)));
                    break;
                case Kind.Bool:
                    at += 1;
                    _set(row, From(bytes[0] == 2));
                    break;
                case Kind.NullableBool:
                    at += 1;
                    _set(row, From(bytes[0] switch { 0 => (bool?)null, 1 => false, _ => true }));
                    break;
                case Kind.Double or Kind.NullableDouble:
                    at += 9;
                    double? x = bytes[0] == 0 ? null : BinaryPrimitives.ReadDoubleLittleEndian(bytes[1..]);
                    if (kind == Kind.Double) _set(row, From(x ?? 0));
                    else _set(row, From(x));
                    break;
            }
        }

        private static void WriteNullable(PackedRows<T> rows, ref int at, int? value)
        {
            var span = rows.Reserve(ref at, 5);
            span[0] = value is null ? (byte)0 : (byte)1;
            BinaryPrimitives.WriteInt32LittleEndian(span[1..], value ?? 0);
        }

        private static int? ReadNullable(ReadOnlySpan<byte> bytes, ref int at)
        {
            at += 5;
            return bytes[0] == 0 ? null : BinaryPrimitives.ReadInt32LittleEndian(bytes[1..]);
        }

        // The kind was chosen from TValue, so these conversions are between identical types (no boxing, no check).
        private static TOut As<TOut>(TValue value) => Unsafe.As<TValue, TOut>(ref value);
        private static TValue From<TIn>(TIn value) => Unsafe.As<TIn, TValue>(ref value);
    }
}
