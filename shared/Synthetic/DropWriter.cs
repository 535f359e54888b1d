using KpiPipeline.Extract;

namespace KpiPipeline.Synthetic;

/// <summary>The open CSV writers of one drop, one per table, and the manifest that completes it.</summary>
internal sealed class DropWriter : IDisposable
{
    private readonly CsvTableWriter[] _writers;

    public DropWriter(string folder)
    {
        Folder = folder;
        _writers = new CsvTableWriter[DropTables.Names.Length];
        for (var i = 0; i < _writers.Length; i++)
        {
            _writers[i] = new CsvTableWriter(Path.Combine(folder, DropTables.FileName((Table)i)), DropTables.Names[i], DropTables.Columns[i]);
        }
    }

    public string Folder { get; }

    public CsvTableWriter this[Table t] => _writers[(int)t];

    public void FinishAll()
    {
        foreach (var w in _writers) w.Finish();
    }

    public DropManifest Manifest(string laCode, DateOnly asOf)
    {
        var tables = new SortedDictionary<string, ManifestTable>(StringComparer.Ordinal);
        foreach (var w in _writers)
        {
            tables[w.TableName] = new ManifestTable { File = System.IO.Path.GetFileName(w.Path), Rows = w.Rows, Sha256 = w.Sha256Hex };
        }
        return new DropManifest
        {
            LaCode = laCode,
            ExtractDate = asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            // Derived from the extract date (never the wall clock) so reruns are byte-identical.
            ExtractedAt = asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T23:10:00Z",
            SourceSystem = "SYNTHETIC",
            ContractVersion = "1",
            Tables = tables,
        };
    }

    public IReadOnlyDictionary<string, long> RowsByTable() => _writers.ToDictionary(w => w.TableName, w => w.Rows, StringComparer.Ordinal);

    public long Bytes => _writers.Sum(w => w.Bytes);

    public void Dispose()
    {
        foreach (var w in _writers) w?.Dispose();
    }
}
