using KpiPipeline.Lake;
using KpiPipeline.Lake.Tables;

namespace KpiPipeline.Tests.Lake;

public sealed class SnapshotPublisherTests : IDisposable
{
    private readonly TempLake _lake = new();
    private readonly Duck _duck = new();

    public void Dispose()
    {
        _duck.Dispose();
        _lake.Dispose();
    }

    private string HiveSource(string table) =>
        $"read_parquet('{_lake.Glob($"curated/{table}/**/*.parquet")}', hive_partitioning = true, hive_types = {{'la_code': VARCHAR}})";

    /// <summary>The reader query docs/lake.md recommends: only the files the commit records name.</summary>
    private string CommittedSource(string table) =>
        $"""
        (SELECT t.* EXCLUDE (filename)
         FROM read_parquet('{_lake.Glob($"curated/{table}/*/*/*.parquet")}', filename = true, hive_partitioning = false) t
         JOIN read_parquet('{_lake.Glob("curated/snapshots/*/*/*.parquet")}', hive_partitioning = false) s
           ON s.table_name = '{table}' AND ends_with(t.filename, '/' || s.file_path))
        """;

    /// <summary>The whole published state: every data row of every table, as text, through both reader styles.</summary>
    private List<string> Contents(Func<string, string> source) =>
        LakeTables.SnapshotTables.SelectMany(table =>
            _duck.Rows($"SELECT * FROM {source(table)} ORDER BY ALL")
                .Select(r => table + ": " + string.Join("|", r.Select(RowColumns.Canonical)))).ToList();

    private Dictionary<string, byte[]> CuratedBytes() =>
        _lake.AllFiles().Where(f => f.StartsWith("curated/", StringComparison.Ordinal))
            .ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(_lake.Root, f)));

    [Fact]
    public async Task Publishes_every_table_under_hive_partitions_with_a_commit_record_last()
    {
        var faulty = new FaultyLakeStore(_lake.Store);
        var result = await new SnapshotPublisher(faulty).PublishAsync(SampleSnapshot.Build(), "run-1");

        Assert.Equal("curated/snapshots/la_code=343/snapshot_date=2023-05-31/part-00000.parquet", result.CommitPath);
        Assert.Equal(result.CommitPath, faulty.WrittenPaths[^1]);
        Assert.Equal(LakeTables.SnapshotTables, result.Files.Select(f => f.Table));
        foreach (var file in result.Files)
        {
            Assert.Matches($"^curated/{file.Table}/la_code=343/snapshot_date=2023-05-31/part-00000-[0-9a-f]{{16}}\\.parquet$", file.Path);
            Assert.StartsWith(file.Path[^24..^8], file.Sha256);
            Assert.Equal(file.Sha256, LakeHash.Sha256Hex(File.ReadAllBytes(Path.Combine(_lake.Root, file.Path))));
        }
        Assert.Empty(result.CleanupWarnings);
        // Staging is gone; what is left is exactly the live files and the commit record.
        Assert.Equal(result.Files.Select(f => f.Path).Append(result.CommitPath).Order(StringComparer.Ordinal), _lake.AllFiles());

        var published = await new SnapshotPublisher(_lake.Store).GetPublishedAsync("343", SampleSnapshot.Date);
        Assert.NotNull(published);
        Assert.Equal("run-1", published.RunId);
        Assert.Equal(3L, published.File(LakeTables.Kpi)!.RowCount);
        Assert.Equal(3L, _duck.Scalar($"SELECT count(*) FROM {HiveSource(LakeTables.Kpi)} WHERE la_code = '343' AND snapshot_date = DATE '2023-05-31'"));

        var kpi = await new SnapshotPublisher(_lake.Store).ReadTableAsync<KpiRow>("343", SampleSnapshot.Date, LakeTables.Kpi);
        Assert.Equal(["cp_visited_20wd", "cp_visited_20wd", "contacts_12m"], kpi!.Select(k => k.KpiId));
        Assert.Null(await new SnapshotPublisher(_lake.Store).ReadTableAsync<KpiRow>("343", new DateOnly(2020, 1, 31), LakeTables.Kpi));
    }

    [Fact]
    public async Task Rerunning_the_same_output_changes_no_byte_and_duplicates_nothing()
    {
        var publisher = new SnapshotPublisher(_lake.Store);
        await publisher.PublishAsync(SampleSnapshot.Build(), "run-1");
        var before = CuratedBytes();
        var rowsBefore = Contents(HiveSource);

        var again = await publisher.PublishAsync(SampleSnapshot.Build(), "run-2");

        Assert.All(again.Files, f => Assert.True(f.Reused, f.Table));
        var after = CuratedBytes();
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (path, bytes) in before)
        {
            if (path == again.CommitPath) continue; // names the run that published it
            Assert.Equal(bytes, after[path]);
        }
        Assert.Equal(rowsBefore, Contents(HiveSource));
        Assert.Equal(rowsBefore, Contents(CommittedSource));
        Assert.Equal("run-2", (await publisher.GetPublishedAsync("343", SampleSnapshot.Date))!.RunId);
    }

    [Fact]
    public async Task A_new_version_replaces_the_old_one_and_other_snapshots_are_untouched()
    {
        var publisher = new SnapshotPublisher(_lake.Store);
        var april = new DateOnly(2023, 4, 30);
        await publisher.PublishAsync(SampleSnapshot.Build(date: april), "run-0");
        await publisher.PublishAsync(SampleSnapshot.Build(), "run-1");
        var aprilFiles = _lake.AllFiles().Where(f => f.Contains("2023-04-30")).ToList();

        var v2 = await publisher.PublishAsync(SampleSnapshot.Build(variant: 1), "run-2");

        Assert.Contains(v2.Files, f => f.Reused);   // unchanged tables keep their file
        Assert.Contains(v2.Files, f => !f.Reused);  // changed ones get a new name
        Assert.Equal(aprilFiles, _lake.AllFiles().Where(f => f.Contains("2023-04-30")).ToList());
        // One file per table partition: the superseded version is gone, so even a plain glob sees no duplicates.
        foreach (var table in LakeTables.SnapshotTables)
            Assert.Single(_lake.AllFiles(), f => f.StartsWith($"curated/{table}/la_code=343/snapshot_date=2023-05-31/", StringComparison.Ordinal));
        Assert.Equal(181.0, _duck.Scalar($"SELECT numerator FROM {HiveSource(LakeTables.Kpi)} WHERE snapshot_date = DATE '2023-05-31' AND breakdown = 'la' AND kpi_id = 'cp_visited_20wd'"));
        Assert.Equal(2L, _duck.Scalar($"SELECT count(DISTINCT snapshot_date) FROM {CommittedSource(LakeTables.Kpi)}"));
        Assert.Equal(6L, _duck.Scalar($"SELECT count(*) FROM {CommittedSource(LakeTables.Kpi)}"));
    }

    [Fact]
    public async Task A_publish_failing_at_any_write_leaves_the_previous_version_live_and_complete()
    {
        await new SnapshotPublisher(_lake.Store).PublishAsync(SampleSnapshot.Build(), "run-1");
        var bytesBefore = CuratedBytes();
        var committedBefore = Contents(CommittedSource);
        var globbedBefore = Contents(HiveSource);

        var failures = 0;
        for (var n = 1; ; n++)
        {
            var faulty = new FaultyLakeStore(_lake.Store) { FailOnWrite = n };
            try
            {
                await new SnapshotPublisher(faulty).PublishAsync(SampleSnapshot.Build(variant: 1), $"run-fail-{n}");
                break; // n is past the last write: the publish went through
            }
            catch (SnapshotPublishException e)
            {
                failures++;
                Assert.Contains("previously published version is unchanged", e.Message);
            }
            // Every file of the live version is byte-for-byte intact, the commit record still names
            // run-1, and the failed run's own files are gone again (so even plain globs see v1 only).
            Assert.Equal(bytesBefore, CuratedBytes());
            Assert.Equal(committedBefore, Contents(CommittedSource));
            Assert.Equal(globbedBefore, Contents(HiveSource));
            Assert.DoesNotContain(_lake.AllFiles(), f => f.StartsWith("_staging/", StringComparison.Ordinal));
            Assert.Equal("run-1", (await new SnapshotPublisher(_lake.Store).GetPublishedAsync("343", SampleSnapshot.Date))!.RunId);
        }
        // 8 staged files + the changed tables placed + the commit record: every one was a failure point.
        Assert.True(failures >= 10, $"only {failures} failure points");
        Assert.NotEqual(committedBefore, Contents(CommittedSource));
    }

    [Fact]
    public async Task A_failed_first_publish_leaves_no_visible_snapshot()
    {
        var faulty = new FaultyLakeStore(_lake.Store) { FailOnWrite = 12 }; // after staging, midway through placing
        await Assert.ThrowsAsync<SnapshotPublishException>(() => new SnapshotPublisher(faulty).PublishAsync(SampleSnapshot.Build(), "run-1"));

        Assert.Null(await new SnapshotPublisher(_lake.Store).GetPublishedAsync("343", SampleSnapshot.Date));
        Assert.Empty(_lake.AllFiles());
    }

    [Fact]
    public async Task A_commit_whose_response_is_lost_still_counts_as_published()
    {
        await new SnapshotPublisher(_lake.Store).PublishAsync(SampleSnapshot.Build(), "run-1");
        var faulty = new FaultyLakeStore(_lake.Store) { ThrowAfterWriting = p => p.StartsWith("curated/snapshots/", StringComparison.Ordinal) };

        var result = await new SnapshotPublisher(faulty).PublishAsync(SampleSnapshot.Build(variant: 1), "run-2");

        Assert.Equal("run-2", (await new SnapshotPublisher(_lake.Store).GetPublishedAsync("343", SampleSnapshot.Date))!.RunId);
        // The files the commit names were kept, not "cleaned up" as if the run had failed.
        Assert.All(result.Files, f => Assert.True(File.Exists(Path.Combine(_lake.Root, f.Path)), f.Path));
        Assert.Equal(181.0, _duck.Scalar($"SELECT numerator FROM {CommittedSource(LakeTables.Kpi)} WHERE breakdown = 'la' AND kpi_id = 'cp_visited_20wd'"));
    }

    [Fact]
    public async Task Clean_up_failures_are_warnings_and_the_next_publish_finishes_the_job()
    {
        await new SnapshotPublisher(_lake.Store).PublishAsync(SampleSnapshot.Build(), "run-1");
        var noDeletes = new FaultyLakeStore(_lake.Store) { FailDeletes = true };

        var result = await new SnapshotPublisher(noDeletes).PublishAsync(SampleSnapshot.Build(variant: 1), "run-2");

        Assert.NotEmpty(result.CleanupWarnings);
        Assert.Equal(181.0, _duck.Scalar($"SELECT numerator FROM {CommittedSource(LakeTables.Kpi)} WHERE breakdown = 'la' AND kpi_id = 'cp_visited_20wd'"));
        Assert.Contains(_lake.AllFiles(), f => f.StartsWith("_staging/", StringComparison.Ordinal));

        var clean = await new SnapshotPublisher(_lake.Store).PublishAsync(SampleSnapshot.Build(variant: 1), "run-3");
        Assert.Empty(clean.CleanupWarnings);
        Assert.Equal(clean.Files.Select(f => f.Path).Append(clean.CommitPath).Order(StringComparer.Ordinal), _lake.AllFiles());
    }

    [Fact]
    public async Task Rows_of_another_snapshot_are_rejected_before_anything_is_written()
    {
        var output = SampleSnapshot.Build();
        var wrong = new SnapshotOutput
        {
            LaCode = output.LaCode, SnapshotDate = output.SnapshotDate, Kpi = output.Kpi,
            DimTeam = [.. output.DimTeam, new DimTeamRow { TeamId = "T2", LaCode = "344", SnapshotDate = output.SnapshotDate }],
        };
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => new SnapshotPublisher(_lake.Store).PublishAsync(wrong, "run-1"));
        Assert.Contains("dim_team: row 1", e.Message);
        Assert.Empty(_lake.AllFiles());

        await Assert.ThrowsAsync<ArgumentException>(() => new SnapshotPublisher(_lake.Store).PublishAsync(output, "../run"));
        await Assert.ThrowsAsync<ArgumentException>(() => new SnapshotPublisher(_lake.Store).PublishAsync(SampleSnapshot.Build(la: "../x"), "run-1"));
    }

    [Fact]
    public async Task Reading_a_table_checks_the_file_against_the_commit_record()
    {
        var result = await new SnapshotPublisher(_lake.Store).PublishAsync(SampleSnapshot.Build(), "run-1");
        var kpiFile = Path.Combine(_lake.Root, result.Files.Single(f => f.Table == LakeTables.Kpi).Path);
        var other = Path.Combine(_lake.Root, result.Files.Single(f => f.Table == LakeTables.DimTeam).Path);
        File.Copy(other, kpiFile, overwrite: true); // damage: a valid Parquet file, but not the one committed

        var e = await Assert.ThrowsAsync<InvalidDataException>(() =>
            new SnapshotPublisher(_lake.Store).ReadTableAsync<KpiRow>("343", SampleSnapshot.Date, LakeTables.Kpi));
        Assert.Contains("SHA-256", e.Message);

        // A republish notices the damaged file does not match its name and rewrites it.
        var again = await new SnapshotPublisher(_lake.Store).PublishAsync(SampleSnapshot.Build(), "run-2");
        Assert.False(again.Files.Single(f => f.Table == LakeTables.Kpi).Reused);
        Assert.Equal(3, (await new SnapshotPublisher(_lake.Store).ReadTableAsync<KpiRow>("343", SampleSnapshot.Date, LakeTables.Kpi))!.Count);
    }
}
