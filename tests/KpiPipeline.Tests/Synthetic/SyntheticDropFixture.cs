using KpiPipeline.Common;
using KpiPipeline.Synthetic;

namespace KpiPipeline.Tests.Synthetic;

/// <summary>
/// One scale-1 drop for LA 343 as at 2023-05-31, generated once for every test in the collection
/// (generation ~1–3 s, loading it into DuckDB ~5–10 s), and deleted afterwards.
/// </summary>
public sealed class SyntheticDropFixture : IDisposable
{
    public static readonly DateOnly AsOf = new(2023, 5, 31);
    private readonly Lazy<DropMeasurements> _db;
    private readonly Lazy<Dictionary<string, double>> _figures;

    public SyntheticDropFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "kpi-synthetic-" + Guid.NewGuid().ToString("N"), "343", "2023-05-31");
        Result = SyntheticDropGenerator.Generate(new GeneratorOptions("343", AsOf, Folder));
        _db = new Lazy<DropMeasurements>(() => new DropMeasurements(Folder, AsOf, File.ReadAllText(BankHolidaysPath)));
        _figures = new Lazy<Dictionary<string, double>>(() => Db.Measure());
    }

    public static string BankHolidaysPath => Path.Combine(RepoPaths.SharedReference, "reference", "calendar", "bank-holidays.json");

    public string Folder { get; }
    public GeneratorResult Result { get; }

    /// <summary>The drop loaded into an in-memory DuckDB (all columns as text).</summary>
    internal DropMeasurements Db => _db.Value;

    /// <summary>The catalogue KPIs measured with SQL (see <see cref="DropMeasurements.Measure"/>).</summary>
    public IReadOnlyDictionary<string, double> Figures => _figures.Value;

    public void Dispose()
    {
        if (_db.IsValueCreated) _db.Value.Dispose();
        var root = Path.GetFullPath(Path.Combine(Folder, "..", ".."));
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SyntheticDropCollection : ICollectionFixture<SyntheticDropFixture>
{
    public const string Name = "synthetic drop, scale 1";
}
