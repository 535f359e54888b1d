using System.Text;
using KpiPipeline.Benchmarks;

namespace KpiPipeline.Tests.Benchmarks;

/// <summary>
/// Writes a small hand-made reference pack (same format as the importer's) to a temp folder so
/// benchmark rules can be tested on values chosen for the case.
/// </summary>
internal sealed class TestPack : IDisposable
{
    private readonly List<string> _areas = [];
    private readonly List<string> _measures = [];
    private readonly List<string> _sn = [];
    private readonly List<string> _values = [];
    private readonly List<string> _population = [];
    private readonly List<string> _holidays = [];

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "kpi-testpack-" + Guid.NewGuid().ToString("N"));

    public TestPack Area(string code, string name, string kind, string? region = null)
    {
        _areas.Add($"{code},{name},{kind},{region}");
        return this;
    }

    public TestPack Measure(string code, string polarity)
    {
        _measures.Add($"{code},{polarity},Financial Year,{code} title");
        return this;
    }

    public TestPack Neighbours(string model, string la, params string[] neighbours)
    {
        for (var i = 0; i < neighbours.Length; i++) _sn.Add($"{model},{la},{i + 1},{neighbours[i]}");
        return this;
    }

    public TestPack Value(string measure, int year, string area, double? value)
    {
        _values.Add($"{measure},{year},{area},{(value is { } v ? PackFormat.FormatNumber(v) : "")}");
        return this;
    }

    public TestPack Population(string la, int midYear, int? population)
    {
        _population.Add($"{la},{midYear},{population}");
        return this;
    }

    public TestPack Holiday(string date, string title)
    {
        _holidays.Add($"{date},{title}");
        return this;
    }

    public ReferencePack Load()
    {
        Directory.CreateDirectory(Dir);
        var files = new List<PackFile>();
        void Write(string name, string header, List<string> rows)
        {
            var bytes = Encoding.UTF8.GetBytes(string.Concat(new[] { header }.Concat(rows).Select(l => l + "\n")));
            File.WriteAllBytes(Path.Combine(Dir, name), bytes);
            files.Add(new PackFile(name, ReferencePackImporter.Sha256Hex(bytes), rows.Count));
        }
        Write(PackFormat.Areas, PackFormat.AreasHeader, _areas);
        Write(PackFormat.Measures, PackFormat.MeasuresHeader, _measures);
        Write(PackFormat.SnLists, PackFormat.SnListsHeader, _sn);
        Write(PackFormat.LaitValues, PackFormat.LaitValuesHeader, _values);
        Write(PackFormat.Population, PackFormat.PopulationHeader, _population);
        Write(PackFormat.BankHolidays, PackFormat.BankHolidaysHeader, _holidays);
        var manifest = new ReferencePackManifest(PackFormat.FormatVersion, "test", PackFormat.Attribution, [], [], files,
            new PackCoverage(2020, 2024, 2019, 2023, 2024, 2024));
        File.WriteAllBytes(Path.Combine(Dir, PackFormat.Manifest), ManifestJson.Write(manifest));
        return ReferencePack.Load(Dir);
    }

    public void Dispose()
    {
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
    }
}
