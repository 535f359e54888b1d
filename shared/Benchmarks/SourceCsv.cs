using nietras.SeparatedValues;

namespace KpiPipeline.Benchmarks;

/// <summary>
/// Reads one public CSV (comma-separated, quoted fields may span lines) and hands out rows whose
/// columns are looked up by name, so every error can name the file, row and column.
/// </summary>
internal sealed class SourceCsv : IDisposable
{
    private readonly SepReader _reader;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    public string DisplayName { get; }

    private SourceCsv(SepReader reader, string displayName, IReadOnlyList<string> requiredColumns)
    {
        _reader = reader;
        DisplayName = displayName;
        foreach (var column in requiredColumns)
        {
            if (!reader.Header.TryIndexOf(column, out var index))
                throw new InvalidDataException($"{displayName}: missing column '{column}' in the header row");
            _columns[column] = index;
        }
    }

    public static SourceCsv Open(string path, string displayName, params string[] requiredColumns)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{displayName}: file not found at {path}", path);
        var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromFile(path);
        try
        {
            return new SourceCsv(reader, displayName, requiredColumns);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Each data row as (1-based line number of the row's start, field accessor).</summary>
    public IEnumerable<SourceRow> Rows()
    {
        foreach (var row in _reader)
        {
            var fields = new Dictionary<string, string>(_columns.Count, StringComparer.Ordinal);
            foreach (var (name, index) in _columns) fields[name] = row[index].ToString();
            yield return new SourceRow(DisplayName, row.LineNumberFrom, fields);
        }
    }

    public void Dispose() => _reader.Dispose();
}

/// <summary>One CSV row: text by column name plus parse helpers that fail with file, line and column.</summary>
internal sealed class SourceRow(string file, int line, IReadOnlyDictionary<string, string> fields)
{
    public int Line => line;

    public string this[string column] => fields[column];

    public InvalidDataException Error(string column, string problem) =>
        new($"{file} line {line} column '{column}': {problem}");

    public int Int(string column)
    {
        var text = fields[column].Trim();
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(column, $"expected a whole number, found '{text}'");
    }

    public string Required(string column)
    {
        var text = fields[column].Trim();
        return text.Length > 0 ? text : throw Error(column, "is empty");
    }
}
