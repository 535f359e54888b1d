using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using KpiPipeline.Extract;

namespace KpiPipeline.Cli.Bench;

/// <summary>
/// Loads a drop's CSV files into typed DuckDB tables: each file is read exactly once with read_csv
/// (header, all columns as text, DuckDB's parallel reader), and only the columns the KPIs use are
/// converted and kept. A table that is absent from the drop becomes an empty table of the same shape
/// and is reported as absent, so the KPIs that read it are given a null value.
/// </summary>
internal static class DuckDropLoader
{
    /// <summary>Marker put into DuckDB error() calls so a bad value can be traced back to file and column.</summary>
    internal const string BadValueMarker = "DUCKKPI_BAD_VALUE";

    // The accepted text forms (extract-contract.md), plus dd/MM/yyyy with a time. Values already in the ISO
    // shape are cast directly (see DateValue); the lists serve the other forms, and try_strptime stops at
    // the first format that matches.
    internal static readonly string[] DateFormats =
        ["%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"];
    internal static readonly string[] DateTimeFormats =
        ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y"];

    /// <summary>Loads every table of <see cref="DuckDropTables.All"/>; returns the names of the tables absent from the drop.</summary>
    public static IReadOnlySet<string> LoadAll(DuckDBConnection connection, string dropFolder, bool failOnInvalidValues, PhaseClock phases)
    {
        var files = TableFiles(dropFolder);
        var absent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in DuckDropTables.All)
        {
            if (!files.TryGetValue(table.Name, out var path) || !File.Exists(path))
            {
                Execute(connection, CreateEmptySql(table));
                absent.Add(table.Name);
                continue;
            }
            var header = ReadHeader(path);
            foreach (var required in table.RequiredColumns)
            {
                if (!header.ContainsKey(required))
                    throw new InvalidDataException($"{Path.GetFileName(path)}: required column '{required}' is missing (table {table.Name}).");
            }
            try
            {
                phases.Time("load " + table.Name, () => Execute(connection, LoadSql(table, path, header, failOnInvalidValues)));
            }
            catch (DuckDBException e) when (e.Message.Contains(BadValueMarker, StringComparison.Ordinal))
            {
                throw BadValueError(connection, table, path, header, e);
            }
            catch (DuckDBException e)
            {
                // read_csv's message quotes the offending row, which can hold names or dates of birth: keep
                // only its line number and the reason, and do not attach the original exception.
                throw new InvalidDataException($"{Path.GetFileName(path)}: unreadable CSV ({CsvErrorSummary(e.Message)})");
            }
        }
        return absent;
    }

    /// <summary>Table name → file path: from manifest.json when present, else the conventional {table}.csv.</summary>
    private static Dictionary<string, string> TableFiles(string dropFolder)
    {
        var files = DuckDropTables.All.ToDictionary(t => t.Name, t => Path.Combine(dropFolder, t.Name + ".csv"), StringComparer.Ordinal);
        var manifestPath = Path.Combine(dropFolder, DropManifest.FileName);
        if (File.Exists(manifestPath))
        {
            var manifest = DropManifest.Parse(File.ReadAllText(manifestPath), manifestPath);
            foreach (var (name, entry) in manifest.Tables)
            {
                if (files.ContainsKey(name)) files[name] = Path.Combine(dropFolder, entry.File);
            }
        }
        return files;
    }

    /// <summary>
    /// read_csv over the file with the contract's dialect fixed (comma, double-quote quoting and escaping,
    /// a header row) and every column read as text, so DuckDB does no sniffing: sniffing samples the file
    /// and cost more than loading a small table.
    /// </summary>
    internal static string ReadCsv(string path, CsvHeader header) =>
        $"read_csv({Literal(path)}, header = true, delim = ',', quote = '\"', escape = '\"', auto_detect = false, " +
        "columns = {" + string.Join(", ", header.Names.Select(n => $"{Literal(n)}: 'VARCHAR'")) + "})";

    /// <summary>The header row of a CSV file: names as read_csv will see them, and a case-insensitive lookup.</summary>
    internal sealed class CsvHeader
    {
        public required IReadOnlyList<string> Names { get; init; }
        public required IReadOnlyDictionary<string, string> ByName { get; init; }

        public bool ContainsKey(string name) => ByName.ContainsKey(name);

        public bool TryGetValue(string name, out string actual) => ByName.TryGetValue(name, out actual!);
    }

    /// <summary>
    /// Reads the header row (RFC 4180: quoted names, "" inside quotes; a UTF-8 BOM is skipped). A name that
    /// repeats or is empty gets a placeholder so the column list stays valid; lookups find the first one.
    /// </summary>
    internal static CsvHeader ReadHeader(string path)
    {
        var file = Path.GetFileName(path);
        string record;
        using (var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
        {
            record = ReadFirstRecord(reader, file) ?? throw new InvalidDataException($"{file}: the file is empty (no header row).");
        }
        var names = new List<string>();
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in SplitRecord(record, file))
        {
            var name = field.Trim();
            var unique = name.Length == 0 || byName.ContainsKey(name) ? $"__column_{names.Count + 1}" : field;
            if (name.Length > 0) byName.TryAdd(name, unique);
            names.Add(unique);
        }
        return new CsvHeader { Names = names, ByName = byName };
    }

    /// <summary>The text of the first record: up to the first line break outside quotes.</summary>
    private static string? ReadFirstRecord(StreamReader reader, string file)
    {
        var text = new StringBuilder();
        var inQuotes = false;
        int ch;
        while ((ch = reader.Read()) >= 0)
        {
            if (ch == '"') inQuotes = !inQuotes;
            else if (!inQuotes && ch is '\n' or '\r') return text.ToString();
            text.Append((char)ch);
            if (text.Length > 1_000_000) throw new InvalidDataException($"{file}: the header row is longer than 1,000,000 characters.");
        }
        return text.Length == 0 ? null : text.ToString();
    }

    private static List<string> SplitRecord(string record, string file)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < record.Length; i++)
        {
            var ch = record[i];
            if (inQuotes)
            {
                if (ch == '"' && i + 1 < record.Length && record[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') inQuotes = false;
                else field.Append(ch);
            }
            else if (ch == '"') inQuotes = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        if (inQuotes) throw new InvalidDataException($"{file}: the header row has an unclosed quote.");
        fields.Add(field.ToString());
        return fields;
    }

    private static string CreateEmptySql(DuckTable table)
    {
        var columns = string.Join(", ", table.Columns.Select(c => $"{Quote(c.Name)} {SqlType(c.Kind)}"));
        return $"CREATE TABLE {table.Name} ({columns});";
    }

    private static string LoadSql(DuckTable table, string path, CsvHeader header, bool strict)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE ").Append(table.Name).Append(" AS SELECT ");
        sql.AppendJoin(", ", table.Columns.Select(c =>
            (header.TryGetValue(c.Name, out var actual)
                ? ParseExpression(Quote(actual), c.Kind, strict ? $"{BadValueMarker}|{table.Name}|{c.Name}" : null)
                : $"CAST(NULL AS {SqlType(c.Kind)})") + " AS " + Quote(c.Name)));
        sql.Append(" FROM ").Append(ReadCsv(path, header)).Append(';');
        return sql.ToString();
    }

    private static string SqlType(DuckColumnKind kind) => kind switch
    {
        DuckColumnKind.Date => "DATE",
        DuckColumnKind.DateTime => "TIMESTAMP",
        DuckColumnKind.Bool => "BOOLEAN",
        DuckColumnKind.Number => "DOUBLE",
        _ => "VARCHAR",
    };

    /// <summary>
    /// SQL turning the raw text <paramref name="raw"/> into the typed value. With <paramref name="errorTag"/>
    /// a non-empty value in no accepted form raises error(tag); without it such a value becomes null.
    /// Empty fields arrive as NULL from read_csv and stay NULL.
    /// </summary>
    internal static string ParseExpression(string raw, DuckColumnKind kind, string? errorTag)
    {
        var onBad = errorTag is null ? "NULL" : $"error({Literal(errorTag)})";
        return kind switch
        {
            DuckColumnKind.Id => raw,
            DuckColumnKind.Code => $"NULLIF(upper(trim({raw})), '')",
            DuckColumnKind.Date => $"CAST(CASE WHEN {raw} IS NULL THEN NULL ELSE coalesce({DateValue(raw)}, {onBad}) END AS DATE)",
            DuckColumnKind.DateTime => $"CAST(CASE WHEN {raw} IS NULL THEN NULL ELSE coalesce({DateTimeValue(raw)}, {onBad}) END AS TIMESTAMP)",
            DuckColumnKind.Bool => $"CASE WHEN {raw} IS NULL THEN NULL WHEN lower(trim({raw})) IN ('y', 'yes', 'true', '1') THEN true " +
                                   $"WHEN lower(trim({raw})) IN ('n', 'no', 'false', '0') THEN false ELSE {onBad} END",
            DuckColumnKind.Number => $"CAST(CASE WHEN {raw} IS NULL THEN NULL ELSE coalesce(TRY_CAST(trim({raw}) AS DOUBLE), {onBad}) END AS DOUBLE)",
            DuckColumnKind.Json => $"CASE WHEN {raw} IS NULL THEN NULL WHEN json_valid({raw}) THEN {raw} ELSE {onBad} END",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    // Fast path: DuckDB's own cast is several times cheaper than try_strptime with a format list (measured
    // ~0.15 µs against ~1.7 µs a value), so text already in the ISO shape (checked with LIKE, so the cast's
    // wider leniency is not let in) is cast, and only the other accepted forms go through try_strptime.
    private static string DateValue(string raw) =>
        $"CASE WHEN {raw} LIKE '____-__-__' THEN TRY_CAST({raw} AS DATE) " +
        $"ELSE CAST(try_strptime({raw}, {FormatList(DateFormats)}) AS DATE) END";

    private static string DateTimeValue(string raw) =>
        $"CASE WHEN {raw} LIKE '____-__-_____:__:__' OR {raw} LIKE '____-__-_____:__' OR {raw} LIKE '____-__-__' " +
        $"THEN TRY_CAST({raw} AS TIMESTAMP) ELSE try_strptime({raw}, {FormatList(DateTimeFormats)}) END";

    private static string AcceptedForms(DuckColumnKind kind) => kind switch
    {
        DuckColumnKind.Date => "a date: yyyy-MM-dd or dd/MM/yyyy",
        DuckColumnKind.DateTime => "a datetime: yyyy-MM-ddTHH:mm[:ss], yyyy-MM-dd HH:mm[:ss] or a date",
        DuckColumnKind.Bool => "a boolean: Y/N, Yes/No, true/false or 1/0",
        DuckColumnKind.Number => "a number",
        DuckColumnKind.Json => "well-formed JSON",
        _ => "a value",
    };

    /// <summary>
    /// Slow path, run only after a load failed on a bad value: reads the offending column again in file
    /// order to name the first bad data row. The value itself is not quoted (it may be a date of birth).
    /// </summary>
    private static InvalidDataException BadValueError(DuckDBConnection connection, DuckTable table, string path,
        CsvHeader header, DuckDBException cause)
    {
        var tag = cause.Message[cause.Message.IndexOf(BadValueMarker, StringComparison.Ordinal)..];
        var parts = tag.Split('|');
        var columnName = parts.Length >= 3 ? new string(parts[2].TakeWhile(ch => ch != '\'' && !char.IsWhiteSpace(ch)).ToArray()) : "?";
        var column = table.Columns.FirstOrDefault(c => c.Name == columnName);
        var file = Path.GetFileName(path);
        if (column is null || !header.TryGetValue(column.Name, out var actual))
            return new InvalidDataException($"{file}: a value is not in an accepted form ({FirstLine(cause.Message)})", cause);

        long? row = null;
        try
        {
            // preserve_insertion_order keeps file order, so rowid + 1 is the data-row number (header excluded).
            Execute(connection, "SET preserve_insertion_order = true;");
            Execute(connection, $"CREATE OR REPLACE TEMP TABLE __bad_value_scan AS SELECT {Quote(actual)} AS v FROM {ReadCsv(path, header)};");
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT min(rowid) FROM __bad_value_scan WHERE v IS NOT NULL AND " +
                              $"({ParseExpression("v", column.Kind, null)}) IS NULL";
            var found = cmd.ExecuteScalar();
            if (found is not null and not DBNull) row = Convert.ToInt64(found, CultureInfo.InvariantCulture) + 1;
            Execute(connection, "DROP TABLE __bad_value_scan; SET preserve_insertion_order = false;");
        }
        catch (DuckDBException)
        {
            // Locating the row is best effort: the column and file are still named below.
        }
        var where = row is null ? "a data row" : $"data row {row}";
        return new InvalidDataException(
            $"{file}: {where}, column '{column.Name}': value is not {AcceptedForms(column.Kind)} " +
            "(data rows are numbered from 1 after the header).", cause);
    }

    internal static void Execute(DuckDBConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string FormatList(IEnumerable<string> formats) => "[" + string.Join(", ", formats.Select(Literal)) + "]";

    // Reasons read_csv gives on a line of their own; nothing else of its message is repeated.
    private static readonly string[] CsvErrorReasons =
        ["Invalid unicode", "Expected Number of Columns", "Value with unterminated quote", "Maximum line size"];

    /// <summary>"CSV Error on Line: N" plus the reason, without the "Original Line" DuckDB quotes.</summary>
    internal static string CsvErrorSummary(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.TrimEntries);
        var reason = lines.FirstOrDefault(l => CsvErrorReasons.Any(r => l.StartsWith(r, StringComparison.Ordinal)));
        return reason is null ? lines[0] : $"{lines[0]}: {reason}";
    }

    internal static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
