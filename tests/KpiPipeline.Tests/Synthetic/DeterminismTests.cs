using System.Security.Cryptography;
using KpiPipeline.Synthetic;

namespace KpiPipeline.Tests.Synthetic;

public sealed class DeterminismTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kpi-synthetic-det-" + Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Generate(string name, int seed, string la = "343")
    {
        var folder = Path.Combine(_root, name);
        SyntheticDropGenerator.Generate(new GeneratorOptions(la, new DateOnly(2023, 5, 31), folder, seed, Scale: 0.1));
        return Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));
    }

    [Fact]
    public void Same_options_give_byte_identical_files()
    {
        var a = Generate("a", seed: 7);
        var b = Generate("b", seed: 7);
        Assert.Equal(23, a.Count); // 22 tables + manifest
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_different_seed_or_la_gives_different_children()
    {
        var a = Generate("a", seed: 7);
        var c = Generate("c", seed: 8);
        var d = Generate("d", seed: 7, la: "316");
        Assert.NotEqual(a["ssd_contacts.csv"], c["ssd_contacts.csv"]);
        Assert.NotEqual(a["ssd_cin_episodes.csv"], c["ssd_cin_episodes.csv"]);
        Assert.NotEqual(a["ssd_contacts.csv"], d["ssd_contacts.csv"]);
    }

    [Fact]
    public void Regenerating_into_the_same_folder_replaces_the_drop()
    {
        var first = Generate("same", seed: 7);
        var again = Generate("same", seed: 7);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Another_extract_date_gives_a_drop_as_at_that_date()
    {
        var folder = Path.Combine(_root, "2024");
        var result = SyntheticDropGenerator.Generate(new GeneratorOptions("343", new DateOnly(2024, 3, 31), folder, Scale: 0.05));
        var manifest = KpiPipeline.Extract.DropManifest.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")), "manifest.json");
        Assert.Equal("2024-03-31", manifest.ExtractDate);
        Assert.True(result.RowsByTable["ssd_contacts"] > 1000);
        // Contact datetimes sort as text; none may fall after the extract date.
        var latest = File.ReadLines(Path.Combine(folder, "ssd_contacts.csv")).Skip(1).Select(l => l.Split(',')[2]).Max(StringComparer.Ordinal);
        Assert.True(string.CompareOrdinal(latest, "2024-04-01") < 0, latest);
    }

    [Fact]
    public void Invalid_options_are_rejected_with_a_clear_message()
    {
        var folder = Path.Combine(_root, "bad");
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticDropGenerator.Generate(new GeneratorOptions("343", new DateOnly(2023, 5, 31), folder, Scale: 0)));
        Assert.Throws<ArgumentException>(() => SyntheticDropGenerator.Generate(new GeneratorOptions(" ", new DateOnly(2023, 5, 31), folder)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
