namespace KpiPipeline.Extract;

/// <summary>
/// Upper-cases short code values (903 PLACE, LS, ACTIV codes...) and hands back one shared string per distinct
/// code, so a million placement rows hold a handful of strings rather than a million. One per table reader
/// (not thread-safe).
/// </summary>
internal sealed class CodeInterner
{
    private const int MaxInterned = 64;
    private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public CodeInterner() => _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Intern(ReadOnlySpan<char> value)
    {
        if (value.Length > MaxInterned) return value.ToString().ToUpperInvariant();
        Span<char> upper = stackalloc char[value.Length];
        value.ToUpperInvariant(upper);
        if (_lookup.TryGetValue(upper, out var existing)) return existing;
        var text = upper.ToString();
        _codes.Add(text, text);
        return text;
    }
}
