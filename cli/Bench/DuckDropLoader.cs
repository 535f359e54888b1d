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

    // The accepted text forms (extract-contract.md): the ISO form first because it is the common one;
    // try_strptime stops at the first format that matches.
    internal static readonly string[] DateFormats =
        ["%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"];
    internal static readonly string[] DateTimeFormats =
        ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y"];

    /// <summary>Loads every table of <see cref="DuckDropTables.All"/>; returns the names of the tables absent from the drop.</summary>
    public static IReadOnlySet<string> LoadAll(DuckDBConnection connection, string dropFolder, bool failOnInvalidValues)
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
            var header = ReadHeader(connection, path);
            foreach (var required in table.RequiredColumns)
            {
                if (!header.ContainsKey(required))
                    throw new InvalidDataException($"{Path.GetFileName(path)}: required column '{required}' is missing (table {table.Name}).");
            }
            try
            {
                Execute(connection, LoadSql(table, path, header, failOnInvalidValues));
            }
            catch (DuckDBException e) when (e.Message.Contains(BadValueMarker, StringComparison.Ordinal))
            {
                throw BadValueError(connection, table, path, header, e);
            }
            catch (DuckDBException e)
            {
                // read_csv's own messages name the line; they can quote the offending row, so keep only the first line.
                throw new InvalidDataException($"{Path.GetFileName(path)}: unreadable CSV ({FirstLine(e.Message)})", e);
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

    internal static string ReadCsv(string path) =>
        $"read_csv({Literal(path)}, header = true, delim = ',', quote = '\"', escape = '\"', all_varchar = true)";

    /// <summary>Header names (as written in the file) keyed case-insensitively.</summary>
    private static Dictionary<string, string> ReadHeader(DuckDBConnection connection, string path)
    {
        var header = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"DESCRIBE SELECT * FROM {ReadCsv(path)}";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var name = reader.GetString(0);
                header.TryAdd(name.Trim(), name);
            }
        }
        catch (DuckDBException e)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: cannot read the header ({FirstLine(e.Message)})", e);
        }
        return header;
    }

    private static string CreateEmptySql(DuckTable table)
    {
        var columns = string.Join(", ", table.Columns.Select(c => $"{Quote(c.Name)} {SqlType(c.Kind)}"));
        return $"CREATE TABLE {table.Name} ({columns});";
    }

    private static string LoadSql(DuckTable table, string path, IReadOnlyDictionary<string, string> header, bool strict)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE ").Append(table.Name).Append(" AS SELECT ");
        sql.AppendJoin(", ", table.Columns.Select(c =>
            (header.TryGetValue(c.Name, out var actual)
                ? ParseExpression(Quote(actual), c.Kind, strict ? $"{BadValueMarker}|{table.Name}|{c.Name}" : null)
                : $"CAST(NULL AS {SqlType(c.Kind)})") + " AS " + Quote(c.Name)));
        sql.Append(" FROM ").Append(ReadCsv(path)).Append(';');
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
            DuckColumnKind.Date => $"CAST(CASE WHEN {raw} IS NULL THEN NULL ELSE coalesce(try_strptime({raw}, {FormatList(DateFormats)}), {onBad}) END AS DATE)",
            DuckColumnKind.DateTime => $"CAST(CASE WHEN {raw} IS NULL THEN NULL ELSE coalesce(try_strptime({raw}, {FormatList(DateTimeFormats)}), {onBad}) END AS TIMESTAMP)",
            DuckColumnKind.Bool => $"CASE WHEN {raw} IS NULL THEN NULL WHEN lower(trim({raw})) IN ('y', 'yes', 'true', '1') THEN true " +
                                   $"WHEN lower(trim({raw})) IN ('n', 'no', 'false', '0') THEN false ELSE {onBad} END",
            DuckColumnKind.Number => $"CAST(CASE WHEN {raw} IS NULL THEN NULL ELSE coalesce(TRY_CAST(trim({raw}) AS DOUBLE), {onBad}) END AS DOUBLE)",
            DuckColumnKind.Json => $"CASE WHEN {raw} IS NULL THEN NULL WHEN json_valid({raw}) THEN {raw} ELSE {onBad} END",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

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
        IReadOnlyDictionary<string, string> header, DuckDBException cause)
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
            Execute(connection, $"CREATE OR REPLACE TEMP TABLE __bad_value_scan AS SELECT {Quote(actual)} AS v FROM {ReadCsv(path)};");
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

    internal static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
