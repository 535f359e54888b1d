using System.Runtime.CompilerServices;

namespace KpiPipeline.Extract.Csv;

/// <summary>
/// RFC 4180 unquoting done here rather than by Sep: Sep's own unescape rewrites the buffer in place, so reading
/// a quoted field twice gives a different (wrong) answer the second time. Here the parse buffer is never
/// modified; a quoted field with doubled quotes inside is copied, once per access, into a scratch buffer
/// owned by the column. Unquoted fields — nearly all of them — are returned as slices, without copying.
/// Spaces (U+0020 only) outside quotes are trimmed here too, not by Sep: Sep's trimming is a call per field
/// that cannot be inlined, where this check is two compares. Whitespace inside quotes is trimmed (ids are
/// trimmed; no field the model reads is whitespace-sensitive).
/// </summary>
internal sealed class CsvField
{
    private char[][] _scratch = [];

    /// <summary>The field's value from its raw text (as Sep gives it, untrimmed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Unquote(int fileColumn, ReadOnlySpan<char> raw)
    {
        if (raw.IsEmpty) return raw;
        var first = raw[0];
        var last = raw[^1];
        if (first > '"' && last > '"') return raw; // the usual field: no outer space, no quotes
        return UnquoteSlow(fileColumn, raw);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ReadOnlySpan<char> UnquoteSlow(int fileColumn, ReadOnlySpan<char> raw)
    {
        raw = raw.Trim(' ');
        if (raw.Length < 2 || raw[0] != '"' || raw[^1] != '"') return raw;
        var inner = raw[1..^1];
        var quote = inner.IndexOf('"');
        if (quote < 0) return inner.Trim();

        if (fileColumn >= _scratch.Length) Array.Resize(ref _scratch, Math.Max(fileColumn + 1, _scratch.Length * 2));
        var buffer = _scratch[fileColumn];
        if (buffer is null || buffer.Length < inner.Length) _scratch[fileColumn] = buffer = new char[Math.Max(inner.Length, 64)];
        var n = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            buffer[n++] = c;
            if (c == '"' && i + 1 < inner.Length && inner[i + 1] == '"') i++; // "" stands for one quote
        }
        return buffer.AsSpan(0, n).Trim();
    }
}
