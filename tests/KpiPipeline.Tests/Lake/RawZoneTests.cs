using KpiPipeline.Lake;

namespace KpiPipeline.Tests.Lake;

public sealed class RawZoneTests : IDisposable
{
    private readonly TempLake _lake = new();
    private readonly string _drop = Path.Combine(Path.GetTempPath(), "kpi-drop-tests", Guid.NewGuid().ToString("N"));
    private static readonly DateOnly Date = new(2023, 5, 31);

    public RawZoneTests()
    {
        Directory.CreateDirectory(Path.Combine(_drop, "extra"));
        File.WriteAllText(Path.Combine(_drop, "manifest.json"), """{"la_code":"343","extract_date":"2023-05-31","tables":{}}""");
        File.WriteAllText(Path.Combine(_drop, "ssd_person.csv"), "person_id\nP1\n");
        File.WriteAllBytes(Path.Combine(_drop, "ssd_contacts.csv"), [0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\r', (byte)'\n']); // BOM + CRLF kept as is
        File.WriteAllText(Path.Combine(_drop, "extra", "notes.txt"), "x");
    }

    public void Dispose()
    {
        _lake.Dispose();
        try { Directory.Delete(_drop, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Copies_every_file_byte_for_byte_with_the_manifest_last()
    {
        var faulty = new FaultyLakeStore(_lake.Store);
        var result = await RawZone.CopyDropAsync(faulty, "343", Date, _drop);

        Assert.Equal("raw/343/2023-05-31/", result.Prefix);
        Assert.Equal("raw/343/2023-05-31/manifest.json", faulty.WrittenPaths[^1]);
        Assert.Equal(
            ["raw/343/2023-05-31/extra/notes.txt", "raw/343/2023-05-31/manifest.json", "raw/343/2023-05-31/ssd_contacts.csv", "raw/343/2023-05-31/ssd_person.csv"],
            _lake.AllFiles());
        foreach (var file in result.Files)
        {
            Assert.False(file.AlreadyPresent);
            Assert.Equal(File.ReadAllBytes(Path.Combine(_drop, file.RelativePath)), File.ReadAllBytes(Path.Combine(_lake.Root, file.LakePath)));
            Assert.Equal(LakeHash.Sha256Hex(File.ReadAllBytes(Path.Combine(_drop, file.RelativePath))), file.Sha256);
        }
    }

    [Fact]
    public async Task Copying_the_same_drop_again_skips_it_and_different_bytes_are_refused()
    {
        await RawZone.CopyDropAsync(_lake.Store, "343", Date, _drop);
        var again = await RawZone.CopyDropAsync(_lake.Store, "343", Date, _drop);
        Assert.All(again.Files, f => Assert.True(f.AlreadyPresent));

        File.WriteAllText(Path.Combine(_drop, "ssd_person.csv"), "person_id\nP2\n");
        var e = await Assert.ThrowsAsync<RawZoneConflictException>(() => RawZone.CopyDropAsync(_lake.Store, "343", Date, _drop));
        Assert.Contains("raw/343/2023-05-31/ssd_person.csv", e.Message);
        Assert.Equal("person_id\nP1\n", File.ReadAllText(Path.Combine(_lake.Root, "raw/343/2023-05-31/ssd_person.csv")));
    }

    [Fact]
    public async Task A_drop_downloads_back_for_replay_and_drops_are_listed()
    {
        await RawZone.CopyDropAsync(_lake.Store, "343", Date, _drop);
        await RawZone.CopyDropAsync(_lake.Store, "343", Date.AddDays(-31), _drop);
        await RawZone.CopyDropAsync(_lake.Store, "201", Date, _drop);
        var replay = Path.Combine(_lake.Root, "..", Guid.NewGuid().ToString("N"));
        try
        {
            var files = await RawZone.DownloadDropAsync(_lake.Store, "343", Date, replay);
            Assert.Equal(4, files.Count);
            foreach (var original in Directory.EnumerateFiles(_drop, "*", SearchOption.AllDirectories))
                Assert.Equal(File.ReadAllBytes(original), File.ReadAllBytes(Path.Combine(replay, Path.GetRelativePath(_drop, original))));
        }
        finally { Directory.Delete(replay, recursive: true); }

        Assert.Equal(
            [new RawDropKey("201", Date), new RawDropKey("343", new DateOnly(2023, 4, 30)), new RawDropKey("343", Date)],
            await RawZone.ListDropsAsync(_lake.Store).ToListAsync());
        Assert.Equal(2, (await RawZone.ListDropsAsync(_lake.Store, "343").ToListAsync()).Count);
        await Assert.ThrowsAsync<FileNotFoundException>(() => RawZone.DownloadDropAsync(_lake.Store, "343", new DateOnly(2020, 1, 1), replay));
    }

    [Fact]
    public async Task Unsafe_codes_are_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => RawZone.CopyDropAsync(_lake.Store, "../343", Date, _drop));
        await Assert.ThrowsAsync<ArgumentException>(() => RawZone.DownloadDropAsync(_lake.Store, "..", Date, _drop));
        Assert.Empty(_lake.AllFiles());
    }
}
