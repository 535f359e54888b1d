using System.Security.Cryptography;
using System.Text;
using KpiPipeline.Extract;
using KpiPipeline.Model;
using nietras.SeparatedValues;

namespace KpiPipeline.Tests.TestSupport;

/// <summary>
/// Builds a small contract drop for tests: CSV text per table plus a manifest with correct row counts and
/// checksums. ssd_person is written automatically with a minimal row for every person id the other tables
/// use (unless <see cref="WithoutAutoPersons"/>), so a KPI test only writes the tables it is about:
/// <code>
/// var result = new TestDrop("343", new DateOnly(2023, 5, 31))
///     .Table("ssd_contacts", "cont_contact_id,cont_person_id,cont_contact_date", "c1,007,2023-05-30")
///     .Read();                                   // written to a temp {la}/{date} folder, read, deleted
/// using var drop = new TestDrop().Table(...).WriteTemp();   // keep the files to tamper with them
/// </code>
/// Rows are CSV text exactly as written (quote fields yourself when they hold commas or line breaks).
/// </summary>
public sealed class TestDrop
{
    private readonly Dictionary<string, TableText> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _raw = new(StringComparer.Ordinal);
    private readonly List<Func<DropManifest, DropManifest>> _manifestEdits = new();
    private bool _autoPersons = true;
    private bool _writeManifest = true;
    private bool _bom;
    private string _newLine = "\n";

    public TestDrop(string laCode = "343", DateOnly? extractDate = null)
    {
        LaCode = laCode;
        ExtractDate = extractDate ?? new DateOnly(2023, 5, 31);
    }

    public string LaCode { get; }
    public DateOnly ExtractDate { get; }

    /// <summary>Adds rows to a table; calling it again for the same table appends (the header must match).</summary>
    public TestDrop Table(string table, string header, params string[] rows)
    {
        if (_tables.TryGetValue(table, out var existing))
        {
            if (existing.Header != header) throw new ArgumentException($"{table}: header differs from the earlier call");
            existing.Rows.AddRange(rows);
        }
        else _tables[table] = new TableText(header, [.. rows]);
        return this;
    }

    /// <summary>The table's file is exactly these bytes (encoding tests); its manifest entry is computed from them.</summary>
    public TestDrop RawTable(string table, byte[] content)
    {
        _raw[table] = content;
        return this;
    }

    /// <summary>Don't add ssd_person rows for referenced people (and don't write ssd_person unless a test gave it).</summary>
    public TestDrop WithoutAutoPersons()
    {
        _autoPersons = false;
        return this;
    }

    /// <summary>Write CRLF line endings instead of LF.</summary>
    public TestDrop WithCrLf()
    {
        _newLine = "\r\n";
        return this;
    }

    /// <summary>Start every text table with a UTF-8 byte-order mark.</summary>
    public TestDrop WithBom()
    {
        _bom = true;
        return this;
    }

    /// <summary>Change the manifest after it is computed (wrong counts, checksums, la_code...).</summary>
    public TestDrop EditManifest(Func<DropManifest, DropManifest> edit)
    {
        _manifestEdits.Add(edit);
        return this;
    }

    /// <summary>Change one table's manifest entry.</summary>
    public TestDrop EditManifestTable(string table, Func<ManifestTable, ManifestTable> edit) =>
        EditManifest(m =>
        {
            var tables = new SortedDictionary<string, ManifestTable>(m.Tables, StringComparer.Ordinal) { [table] = edit(m.Tables[table]) };
            return m with { Tables = tables };
        });

    /// <summary>Leave manifest.json out (an incomplete drop).</summary>
    public TestDrop WithoutManifest()
    {
        _writeManifest = false;
        return this;
    }

    /// <summary>Writes the CSVs and manifest.json into <paramref name="folder"/> (created if needed) and returns it.</summary>
    public string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new SortedDictionary<string, ManifestTable>(StringComparer.Ordinal);
        foreach (var (table, bytes) in FileContents())
        {
            var file = table + ".csv";
            File.WriteAllBytes(Path.Combine(folder, file), bytes);
            files[table] = new ManifestTable { File = file, Rows = CountDataRows(bytes), Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
        }
        if (_writeManifest)
        {
            var manifest = new DropManifest
            {
                LaCode = LaCode,
                ExtractDate = ExtractDate.ToString("yyyy-MM-dd"),
                ExtractedAt = ExtractDate.ToString("yyyy-MM-dd") + "T23:10:00Z",
                SourceSystem = "TEST",
                Tables = files,
            };
            manifest = _manifestEdits.Aggregate(manifest, (m, edit) => edit(m));
            File.WriteAllText(Path.Combine(folder, DropManifest.FileName), manifest.ToJson());
        }
        return folder;
    }

    /// <summary>Writes under <paramref name="root"/> as {la_code}/{extract_date}/ (the contract's layout) and returns that folder.</summary>
    public string WriteUnder(string root) => WriteTo(Path.Combine(root, LaCode, ExtractDate.ToString("yyyy-MM-dd")));

    /// <summary>Writes to a new temporary folder laid out {la}/{date}/; dispose to delete it.</summary>
    public WrittenDrop WriteTemp()
    {
        var root = Path.Combine(Path.GetTempPath(), "kpi-tests", Guid.NewGuid().ToString("N"));
        return new WrittenDrop(root, WriteUnder(root));
    }

    /// <summary>Writes to a temporary folder, reads it with <see cref="DropReader"/> and deletes it.</summary>
    public DropReadResult Read(DropReadOptions? options = null)
    {
        using var drop = WriteTemp();
        return drop.Read(options);
    }

    private IEnumerable<(string Table, byte[] Bytes)> FileContents()
    {
        var texts = new Dictionary<string, TableText>(_tables, StringComparer.Ordinal);
        if (_autoPersons) AddReferencedPersons(texts);
        foreach (var (table, text) in texts.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (_raw.ContainsKey(table)) continue;
            var csv = string.Concat(new[] { text.Header }.Concat(text.Rows).Select(line => line + _newLine));
            var bytes = Encoding.UTF8.GetBytes(csv);
            yield return (table, _bom ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes);
        }
        foreach (var (table, bytes) in _raw.OrderBy(t => t.Key, StringComparer.Ordinal)) yield return (table, bytes);
    }

    private static void AddReferencedPersons(Dictionary<string, TableText> texts)
    {
        var referenced = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (table, text) in texts.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (table == Tables.Person || !DropSchema.IsContractTable(table) || DropSchema.PersonColumn(table) is not { } column) continue;
            foreach (var id in ColumnValues(text, column))
                if (id.Length > 0 && seen.Add(id)) referenced.Add(id);
        }

        if (!texts.TryGetValue(Tables.Person, out var persons))
            texts[Tables.Person] = persons = new TableText("pers_person_id", []);
        var known = ColumnValues(persons, "pers_person_id").ToHashSet(StringComparer.Ordinal);
        var headerFields = persons.Header.Split(',');
        var idIndex = Array.FindIndex(headerFields, h => h.Trim().Equals("pers_person_id", StringComparison.OrdinalIgnoreCase));
        if (idIndex < 0) return; // a test writing a deliberately broken ssd_person header
        var missing = referenced.Where(id => !known.Contains(id)).ToList();
        var added = missing.Select(id => string.Join(',', headerFields.Select((_, i) => i == idIndex ? Quote(id) : "")));
        texts[Tables.Person] = persons with { Rows = [.. persons.Rows, .. added] };
    }

    private static IEnumerable<string> ColumnValues(TableText text, string column)
    {
        var csv = string.Join('\n', new[] { text.Header }.Concat(text.Rows));
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).FromText(csv);
        var index = reader.Header.ColNames.ToList().FindIndex(h => h.Equals(column, StringComparison.OrdinalIgnoreCase));
        if (index < 0) yield break;
        var values = new List<string>();
        foreach (var row in reader)
            if (index < row.ColCount) values.Add(row[index].ToString());
        foreach (var v in values) yield return v;
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>Data rows as the reader counts them: CSV records after the header, blank lines excluded.</summary>
    private static long CountDataRows(byte[] bytes)
    {
        try
        {
            using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true })
                .From(new MemoryStream(bytes));
            long rows = -1; // the header
            foreach (var row in reader)
                if (row.RowIndex == 0 || !(row.ColCount == 1 && row.Span.Trim().IsEmpty)) rows++;
            return Math.Max(rows, 0);
        }
        catch (Exception)
        {
            return 0; // bytes the tests made unreadable on purpose; the reader fails on them before counting matters
        }
    }

    private sealed record TableText(string Header, List<string> Rows);
}

/// <summary>A drop written to a temporary folder; disposing deletes it.</summary>
public sealed class WrittenDrop(string root, string folder) : IDisposable
{
    /// <summary>The drop folder ({root}/{la}/{date}).</summary>
    public string Folder => folder;

    public string PathOf(string table) => Path.Combine(folder, table + ".csv");

    public string ManifestPath => Path.Combine(folder, DropManifest.FileName);

    public DropReadResult Read(DropReadOptions? options = null) => DropReader.Read(folder, options);

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); }
        catch (IOException) { } // best effort: a temp folder left behind must not fail a test
    }
}
