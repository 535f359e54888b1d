using KpiPipeline.Benchmarks;
using KpiPipeline.Common;

namespace KpiPipeline.Tests.Benchmarks;

/// <summary>
/// The shipped pack (shared/Resources/reference-pack, embedded in KpiPipeline.Core) must be exactly what
/// the importer makes from ../shared/reference. If this fails after DfE data changed, refresh the pack:
/// <c>kpi reference import --from ../shared/reference --out shared/Resources/reference-pack</c>.
/// </summary>
public sealed class ReferencePackImportTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "kpi-pack-" + Guid.NewGuid().ToString("N"));

    private static string ShippedDir => Path.Combine(RepoPaths.RepoRoot, "shared", "Resources", "reference-pack");

    [Fact]
    public void Reimport_reproduces_the_shipped_pack_byte_for_byte()
    {
        var manifest = ReferencePackImporter.Import(LaitRaw.ReferenceDir, _out);

        var produced = Directory.GetFiles(_out).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(manifest.Files.Select(f => f.Name).Append(PackFormat.Manifest).Order(StringComparer.Ordinal), produced);
        foreach (var name in produced)
        {
            var fresh = File.ReadAllBytes(Path.Combine(_out, name!));
            Assert.True(fresh.SequenceEqual(File.ReadAllBytes(Path.Combine(ShippedDir, name!))), $"{name} differs from the shipped pack");
            Assert.True(fresh.SequenceEqual(ReferencePack.EmbeddedFileBytes(name!) ?? []), $"{name} differs from the embedded pack");
        }
        Assert.Equal(manifest.Version, ReferencePack.LoadEmbedded().Version);
        // No stale files left behind in the shipped folder by an older pack layout.
        var shipped = Directory.GetFiles(ShippedDir).Select(Path.GetFileName).Where(n => n != ".gitattributes").Order(StringComparer.Ordinal);
        Assert.Equal(produced, shipped);
    }

    [Fact]
    public void Shipped_pack_is_small_attributed_and_traces_its_sources()
    {
        var bytes = Directory.GetFiles(ShippedDir).Sum(f => new FileInfo(f).Length);
        Assert.InRange(bytes, 100_000, 2_000_000);

        var pack = ReferencePack.LoadEmbedded();
        Assert.Equal("Contains public sector information licensed under the Open Government Licence v3.0", pack.Attribution);
        Assert.Equal(ReferencePackImporter.CatalogueMeasures.Order(StringComparer.Ordinal), pack.Manifest.Measures);
        var sources = pack.Manifest.Sources.Select(s => s.Path).ToList();
        Assert.Contains("dfe/lait/bds_long_0.parquet", sources);
        Assert.Contains("calendar/bank-holidays.json", sources);
        Assert.All(pack.Manifest.Sources, s => Assert.Matches("^[0-9a-f]{64}$", s.Sha256));
        Assert.Matches(@"^lait2025-pop2024-[0-9a-f]{8}$", pack.Version);
    }

    [Fact]
    public void Bad_source_row_is_reported_with_file_line_and_column()
    {
        var copy = CopyReference();
        var snPath = Path.Combine(copy, "dfe", "sn_lists_long.csv");
        var lines = File.ReadAllLines(snPath);
        lines[5] = lines[5].Replace(",5,", ",11,", StringComparison.Ordinal); // rank 11 on line 6
        File.WriteAllLines(snPath, lines);

        var e = Assert.Throws<InvalidDataException>(() => ReferencePackImporter.Import(copy, _out));
        Assert.Contains("dfe/sn_lists_long.csv line 6 column 'rank'", e.Message);
    }

    [Fact]
    public async Task Measure_missing_from_the_lait_sources_is_named()
    {
        var e = await Assert.ThrowsAsync<InvalidDataException>(() =>
            ReferencePackImporter.ImportAsync(LaitRaw.ReferenceDir, _out, ["ReReferral", "No_Such_Measure"]));
        Assert.Contains("No_Such_Measure", e.Message);
    }

    /// <summary>A writable copy of just the files the importer reads.</summary>
    private string CopyReference()
    {
        var copy = _out + "-src";
        var population = Directory.GetFiles(Path.Combine(LaitRaw.ReferenceDir, "dfe"), ReferencePackImporter.PopulationSourcePattern).Single();
        string[] sources =
        [
            ReferencePackImporter.SnListsSource, ReferencePackImporter.LaitSource, ReferencePackImporter.DictionarySource,
            "dfe/" + Path.GetFileName(population), ReferencePackImporter.BankHolidaySource,
        ];
        foreach (var relative in sources)
        {
            var target = Path.Combine(copy, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, File.ReadAllBytes(Path.Combine(LaitRaw.ReferenceDir, relative))); // not File.Copy: the source is read-only
        }
        return copy;
    }

    public void Dispose()
    {
        foreach (var dir in new[] { _out, _out + "-src" })
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
