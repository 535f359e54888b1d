using System.Runtime.CompilerServices;
using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace KpiPipeline.Synthetic;

/// <summary>
/// A constant field value encoded once as UTF-8, already quoted when RFC 4180 requires it
/// (code lists, outcome JSON), so the hot loop copies bytes instead of encoding strings.
/// </summary>
internal sealed class CsvLiteral
{
    public CsvLiteral(string text)
    {
        Text = text;
        Bytes = Encoding.UTF8.GetBytes(CsvTableWriter.NeedsQuoting(text) ? CsvTableWriter.Quote(text) : text);
    }

    public string Text { get; }
    public byte[] Bytes { get; }
    public override string ToString() => Text;
}

/// <summary>
/// Streams one table to a CSV file: UTF-8 without BOM, LF line ends, RFC 4180 quoting, dates
/// yyyy-MM-dd, datetimes yyyy-MM-ddTHH:mm:ss, booleans Y/N, null = empty field. Rows are
/// assembled in a large byte buffer; each flushed block is hashed (SHA-256) before it is written,
/// so the manifest checksum costs no second read of the file. Memory use is one buffer per table,
/// whatever the number of rows.
/// </summary>
internal sealed class CsvTableWriter : IDisposable
{
    private const int BufferSize = 256 * 1024;
    private const int MaxScalarField = 32; // longest number/date/datetime field, with separator

    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly int _columnCount;
    private int _pos;
    private int _fieldsInRow;
    private bool _finished;

    public CsvTableWriter(string path, string tableName, IReadOnlyList<string> columns)
    {
        TableName = tableName;
        Path = path;
        _columnCount = columns.Count;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var c in columns) Text(c);
        EndRowWithoutCounting();
    }

    public string TableName { get; }
    public string Path { get; }
    public long Rows { get; private set; }
    public long Bytes { get; private set; }
    public string Sha256Hex { get; private set; } = "";

    internal static bool NeedsQuoting(string s) => s.AsSpan().IndexOfAny(",\"\r\n") >= 0;
    internal static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Separator(int room)
    {
        if (_pos + room > BufferSize) Flush();
        if (_fieldsInRow++ > 0) _buffer[_pos++] = (byte)',';
    }

    public void Empty() => Separator(1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Text(string? value)
    {
        if (value is null) { Empty(); return; }
        if (NeedsQuoting(value)) value = Quote(value);
        var max = Encoding.UTF8.GetMaxByteCount(value.Length) + 1;
        if (max > BufferSize / 2) { Raw(Encoding.UTF8.GetBytes(value)); return; }
        Separator(max);
        _pos += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_pos));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Lit(CsvLiteral? value)
    {
        if (value is null) { Empty(); return; }
        Raw(value.Bytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Raw(byte[] bytes)
    {
        Separator(bytes.Length + 1);
        if (bytes.Length > BufferSize / 2)
        {
            Flush();
            _hash.AppendData(bytes);
            _file.Write(bytes);
            Bytes += bytes.Length;
            return;
        }
        bytes.CopyTo(_buffer, _pos);
        _pos += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Num(long value)
    {
        Separator(MaxScalarField);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_pos), out var n);
        _pos += n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Num(long? value)
    {
        if (value is null) Empty(); else Num(value.Value);
    }

    /// <summary>A person id: legacy ids keep the two leading zeros of the system they were migrated from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void PersonId(PersonKey key)
    {
        Separator(MaxScalarField);
        if (key.Legacy)
        {
            _buffer[_pos++] = (byte)'0';
            _buffer[_pos++] = (byte)'0';
        }
        Utf8Formatter.TryFormat(key.Number, _buffer.AsSpan(_pos), out var n);
        _pos += n;
    }

    /// <summary>A fixed-point decimal (e.g. FTE) with invariant formatting.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fixed(double value, byte decimals)
    {
        Separator(MaxScalarField);
        Utf8Formatter.TryFormat(Math.Round(value, decimals), _buffer.AsSpan(_pos), out var n, new StandardFormat('F', decimals));
        _pos += n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Date(int day)
    {
        Separator(MaxScalarField);
        _pos += DateText.Write(day, _buffer.AsSpan(_pos));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Date(int? day)
    {
        if (day is null) Empty(); else Date(day.Value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void DateTime(int day, int secondOfDay)
    {
        Separator(MaxScalarField);
        var span = _buffer.AsSpan(_pos);
        var n = DateText.Write(day, span);
        span[n++] = (byte)'T';
        Two(span, ref n, secondOfDay / 3600);
        span[n++] = (byte)':';
        Two(span, ref n, secondOfDay / 60 % 60);
        span[n++] = (byte)':';
        Two(span, ref n, secondOfDay % 60);
        _pos += n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Two(Span<byte> span, ref int n, int v)
    {
        span[n++] = (byte)('0' + v / 10);
        span[n++] = (byte)('0' + v % 10);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void YesNo(bool value)
    {
        Separator(2);
        _buffer[_pos++] = value ? (byte)'Y' : (byte)'N';
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void YesNo(bool? value)
    {
        if (value is null) Empty(); else YesNo(value.Value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EndRow()
    {
        if (_fieldsInRow != _columnCount)
            throw new InvalidOperationException($"{TableName}: row {Rows + 1} has {_fieldsInRow} fields but the header has {_columnCount}");
        EndRowWithoutCounting();
        Rows++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EndRowWithoutCounting()
    {
        if (_pos + 1 > BufferSize) Flush();
        _buffer[_pos++] = (byte)'\n';
        _fieldsInRow = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Flush()
    {
        if (_pos == 0) return;
        _hash.AppendData(_buffer, 0, _pos);
        _file.Write(_buffer, 0, _pos);
        Bytes += _pos;
        _pos = 0;
    }

    /// <summary>Flushes, closes the file and fixes <see cref="Sha256Hex"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Finish()
    {
        if (_finished) return;
        if (_fieldsInRow != 0) throw new InvalidOperationException($"{TableName}: unfinished row at the end of the table");
        Flush();
        _file.Flush();
        _file.Dispose();
        Sha256Hex = Convert.ToHexStringLower(_hash.GetHashAndReset());
        _finished = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Dispose()
    {
        _file.Dispose();
        _hash.Dispose();
    }
}

/// <summary>A pseudonymous person id: a number, written with two leading zeros for ids migrated from a legacy system.</summary>
internal readonly record struct PersonKey(long Number, bool Legacy)
{
    public override string ToString() => Legacy ? "00" + Number : Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>yyyy-MM-dd bytes for day numbers, cached for the range a drop uses.</summary>
internal static class DateText
{
    private const int First = 693595; // 1900-01-01
    private const int Count = 200 * 366;
    private static readonly byte[] Cache = Build();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] Build()
    {
        var cache = new byte[Count * 10];
        for (var i = 0; i < Count; i++) Format(First + i, cache.AsSpan(i * 10, 10));
        return cache;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Format(int day, Span<byte> dest)
    {
        var d = DateOnly.FromDayNumber(day);
        var y = d.Year;
        dest[0] = (byte)('0' + y / 1000);
        dest[1] = (byte)('0' + y / 100 % 10);
        dest[2] = (byte)('0' + y / 10 % 10);
        dest[3] = (byte)('0' + y % 10);
        dest[4] = (byte)'-';
        dest[5] = (byte)('0' + d.Month / 10);
        dest[6] = (byte)('0' + d.Month % 10);
        dest[7] = (byte)'-';
        dest[8] = (byte)('0' + d.Day / 10);
        dest[9] = (byte)('0' + d.Day % 10);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Write(int day, Span<byte> dest)
    {
        var i = day - First;
        if ((uint)i < Count) Cache.AsSpan(i * 10, 10).CopyTo(dest);
        else Format(day, dest);
        return 10;
    }
}
