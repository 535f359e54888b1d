using System.Buffers;

namespace KpiPipeline.Extract.Partitioning;

/// <summary>
/// Walks a CSV file's records as UTF-8 bytes, for the split pass: it only has to find where each record ends and
/// where a few of its fields are, so it neither decodes to UTF-16 nor builds Sep's column index. Record and field
/// boundaries follow the reader's (Sep's) rules: a record ends at LF, CR or CRLF outside quotes; every double quote
/// toggles quoting (so "" inside a quoted field is two toggles); a line holding only spaces or tabs is blank.
/// </summary>
internal sealed unsafe class CsvRecordScanner
{
    private static readonly SearchValues<byte> Specials = SearchValues.Create(",\"\r\n"u8);

    private readonly ScanInput _input;
    private readonly int[] _wanted;      // field indexes whose bounds are kept, in any order
    private readonly int[] _fieldStart;  // per wanted slot, relative to the record start; -1 = record too short
    private readonly int[] _fieldEnd;
    private readonly int _lastWanted;
    private byte* _bytes; // the input's window, as of the last refill
    private int _start;   // first unconsumed byte
    private int _end;     // end of valid bytes
    private bool _eof;

    /// <param name="wantedFields">Field indexes whose bounds <see cref="Field"/> gives, by slot (-1: a column the file lacks).</param>
    /// <param name="bufferSize">Initial read buffer (it grows for a longer record); small in tests to cross read boundaries.</param>
    public CsvRecordScanner(Stream source, int[] wantedFields, int bufferSize = 1 << 20)
        : this(new StreamScanInput(source, bufferSize), wantedFields)
    {
    }

    /// <param name="input">The bytes to walk; the caller disposes it.</param>
    /// <param name="wantedFields">Field indexes whose bounds <see cref="Field"/> gives, by slot (-1: a column the file lacks).</param>
    public CsvRecordScanner(ScanInput input, int[] wantedFields)
    {
        _input = input;
        _bytes = input.Start; // a mapped input shows its first window already
        _end = input.Length;
        _eof = input.AtEnd;
        _wanted = wantedFields;
        _fieldStart = new int[wantedFields.Length];
        _fieldEnd = new int[wantedFields.Length];
        _lastWanted = wantedFields.Length == 0 ? -1 : wantedFields.Max();
    }

    /// <summary>The current record's bytes, without its line ending.</summary>
    public ReadOnlySpan<byte> Record => new(_bytes + _recordStart, _recordLength);
    /// <summary>True when the record is a blank line (not a data row).</summary>
    public bool IsBlank { get; private set; }

    private int _recordStart;
    private int _recordLength;

    /// <summary>Raw bytes of the wanted field in slot <paramref name="slot"/> (as given to the constructor); empty when absent.</summary>
    public ReadOnlySpan<byte> Field(int slot) =>
        _fieldStart[slot] < 0 ? default : new(_bytes + _recordStart + _fieldStart[slot], _fieldEnd[slot] - _fieldStart[slot]);

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            if (_eof && _start >= _end) return false;
            if (TryScan(out var length, out var next))
            {
                _recordStart = _start;
                _recordLength = length;
                _start = next;
                return true;
            }
            Refill();
        }
    }

    /// <summary>
    /// Finds the record starting at <see cref="_start"/> and the bounds of the wanted fields; false when the buffer
    /// ends first and more bytes may follow. Up to the last wanted field every separator is visited; past it only
    /// line ends are, each ending the record when the quotes before it balance (counting quotes is vectorised).
    /// </summary>
    private bool TryScan(out int length, out int next)
    {
        length = next = 0;
        Array.Fill(_fieldStart, -1);
        var span = new ReadOnlySpan<byte>(_bytes + _start, _end - _start);
        var quoted = false;
        var field = 0;
        var fieldStart = 0;
        var i = 0;
        var lineEnd = -1;
        while (field <= _lastWanted)
        {
            var hit = span[i..].IndexOfAny(Specials);
            if (hit < 0) break;
            i += hit;
            var b = span[i];
            if (b == (byte)'"') quoted = !quoted;
            else if (quoted) { }
            else if (b == (byte)',')
            {
                EndField(field++, fieldStart, i);
                fieldStart = i + 1;
            }
            else
            {
                lineEnd = i;
                break;
            }
            i++;
        }
        while (lineEnd < 0)
        {
            var rest = span[i..];
            var hit = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (hit < 0) break;
            if ((rest[..hit].Count((byte)'"') & 1) == 1) quoted = !quoted;
            i += hit;
            if (!quoted) lineEnd = i;
            else i++;
        }

        if (lineEnd < 0)
        {
            if (!_eof) return false;
            length = span.Length; // the last record has no line ending
            next = _start + span.Length;
        }
        else
        {
            if (span[lineEnd] == (byte)'\r')
            {
                if (lineEnd + 1 >= span.Length && !_eof) return false; // a CRLF may be split across reads
                next = _start + lineEnd + (lineEnd + 1 < span.Length && span[lineEnd + 1] == (byte)'\n' ? 2 : 1);
            }
            else next = _start + lineEnd + 1;
            length = lineEnd;
        }
        if (field <= _lastWanted) EndField(field, fieldStart, length);
        IsBlank = span[..length].Trim(" \t"u8).IsEmpty; // a record with a comma is not all blanks
        return true;
    }

    private void EndField(int field, int start, int end)
    {
        for (var w = 0; w < _wanted.Length; w++)
            if (_wanted[w] == field)
            {
                _fieldStart[w] = start;
                _fieldEnd[w] = end;
            }
    }

    /// <summary>Moves the input's window on, keeping the unconsumed bytes (a record cut by the window's end).</summary>
    private void Refill()
    {
        _start = _input.Advance(_start);
        _bytes = _input.Start;
        _end = _input.Length;
        _eof = _input.AtEnd;
    }

    /// <summary>
    /// A field's value as the reader sees it, as UTF-8: outer blanks trimmed, surrounding quotes removed and doubled
    /// quotes undone, inner blanks trimmed. <paramref name="scratch"/> is used only when quotes must be undone.
    /// </summary>
    public static ReadOnlySpan<byte> Value(ReadOnlySpan<byte> raw, ref byte[] scratch)
    {
        if (raw.IsEmpty || (IsPlainEdge(raw[0]) && IsPlainEdge(raw[^1]))) return raw; // the usual case: nothing to trim or unquote
        raw = raw.Trim(" \t"u8);
        if (raw.Length < 2 || raw[0] != (byte)'"' || raw[^1] != (byte)'"') return raw;
        var inner = raw[1..^1];
        if (inner.IndexOf((byte)'"') < 0) return inner.Trim(" \t"u8);
        if (scratch.Length < inner.Length) scratch = new byte[inner.Length];
        var n = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            scratch[n++] = inner[i];
            if (inner[i] == (byte)'"' && i + 1 < inner.Length && inner[i + 1] == (byte)'"') i++;
        }
        return scratch.AsSpan(0, n).Trim(" \t"u8);
    }

    private static bool IsPlainEdge(byte b) => b is not ((byte)' ' or (byte)'\t' or (byte)'"');
}
