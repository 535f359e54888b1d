using KpiPipeline.Lake;
using KpiPipeline.Lake.Tables;

namespace KpiPipeline.Tests.Lake;

public sealed class QuarantineAndRunTableTests : IDisposable
{
    private readonly TempLake _lake = new();
    private readonly Duck _duck = new();
    private static readonly DateOnly Date = new(2023, 5, 31);

    public void Dispose()
    {
        _duck.Dispose();
        _lake.Dispose();
    }

    [Fact]
    public async Task Quarantine_copies_files_and_writes_reason_json_last()
    {
        var folder = Path.Combine(_lake.Root, "..", "q-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var bad = Path.Combine(folder, "ssd_person.csv");
            File.WriteAllText(bad, "person_id,person_dob\n,2010-01-01\n");
            var faulty = new FaultyLakeStore(_lake.Store);
            var reason = new QuarantineReason("1 error in ssd_person.csv",
                new QuarantineIssue("ssd_person.csv", 1, "person_id", "person_id is empty"));

            var path = await Quarantine.WriteAsync(faulty, "343", Date, "run-7", reason, [bad]);

            Assert.Equal("quarantine/343/2023-05-31/run-7/", path);
            Assert.Equal(["quarantine/343/2023-05-31/run-7/ssd_person.csv", "quarantine/343/2023-05-31/run-7/reason.json"], faulty.WrittenPaths);
            Assert.Equal(File.ReadAllBytes(bad), File.ReadAllBytes(Path.Combine(_lake.Root, "quarantine/343/2023-05-31/run-7/ssd_person.csv")));
            var doc = await Quarantine.ReadReasonAsync(_lake.Store, "343", Date, "run-7");
            Assert.NotNull(doc);
            Assert.Equal("run-7", doc.RunId);
            Assert.Equal("2023-05-31", doc.Date);
            var issue = Assert.Single(doc.Issues);
            Assert.Equal(("ssd_person.csv", 1L, "person_id"), (issue.File, issue.Row, issue.Column));
            Assert.Equal(LakeHash.Sha256Hex(File.ReadAllBytes(bad)), Assert.Single(doc.Files).Sha256);
            Assert.Contains("\"column\": \"person_id\"", File.ReadAllText(Path.Combine(_lake.Root, path, "reason.json")));

            await Assert.ThrowsAsync<ArgumentException>(() => Quarantine.WriteAsync(_lake.Store, "343", Date, "../x", reason, [bad]));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static RunRow Run(string id, string status, DateTime started, DateTime? finished = null) => new()
    {
        RunId = id, LaCode = "343", SnapshotDate = Date, Trigger = RunRow.Triggers.Blob, StartedAt = started, FinishedAt = finished,
        Status = status, InputSha256 = new string('a', 64), CodeVersion = "1.0.0+abc", RowsIn = 12345, RowsRejected = 0,
    };

    [Fact]
    public async Task Runs_are_one_file_each_with_UTC_logical_timestamps()
    {
        var t0 = new DateTime(2023, 6, 1, 1, 15, 0, 250, DateTimeKind.Utc);
        var id1 = RunTable.NewRunId(new DateTimeOffset(t0));
        Assert.Matches(@"^20230601T011500Z-[0-9a-f]{8}$", id1);
        await RunTable.WriteAsync(_lake.Store, Run(id1, RunRow.Statuses.Running, t0));
        await RunTable.WriteAsync(_lake.Store, Run(id1, RunRow.Statuses.Succeeded, t0, t0.AddSeconds(42))); // replaces the "running" row
        await RunTable.WriteAsync(_lake.Store, Run("run-b", RunRow.Statuses.Failed, t0.AddDays(1)));

        Assert.Equal([$"curated/run/la_code=343/snapshot_date=2023-05-31/run-{id1}.parquet", "curated/run/la_code=343/snapshot_date=2023-05-31/run-run-b.parquet"],
            _lake.AllFiles());
        var runs = await RunTable.ReadAllAsync(_lake.Store, "343");
        Assert.Equal([id1, "run-b"], runs.Select(r => r.RunId));
        Assert.Equal(t0, runs[0].StartedAt);
        Assert.Equal(DateTimeKind.Utc, runs[0].StartedAt.Kind);
        Assert.Null(runs[1].FinishedAt);

        var source = $"read_parquet('{_lake.Glob("curated/run/**/*.parquet")}', hive_partitioning = true, hive_types = {{'la_code': VARCHAR}})";
        var types = _duck.Describe($"SELECT * FROM {source}").ToDictionary(d => d.Name, d => d.Type);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["started_at"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["finished_at"]);
        Assert.Equal("DATE", types["snapshot_date"]);
        Assert.Equal("VARCHAR", types["la_code"]);
        // Epoch values prove the instant survived, whatever time zone DuckDB displays in.
        Assert.Equal(new DateTimeOffset(t0).ToUnixTimeMilliseconds(), _duck.Scalar($"SELECT epoch_ms(started_at) FROM {source} WHERE run_id = '{id1}'"));
        Assert.Equal(42_000L, _duck.Scalar($"SELECT epoch_ms(finished_at) - epoch_ms(started_at) FROM {source} WHERE run_id = '{id1}'"));
        Assert.Equal(2L, _duck.Scalar($"SELECT count(*) FROM {source}"));
    }

    [Fact]
    public async Task Bad_run_rows_are_refused()
    {
        var t0 = new DateTime(2023, 6, 1, 1, 15, 0, DateTimeKind.Utc);
        await Assert.ThrowsAsync<ArgumentException>(() => RunTable.WriteAsync(_lake.Store, Run("r1", "succeeded", DateTime.SpecifyKind(t0, DateTimeKind.Local))));
        await Assert.ThrowsAsync<ArgumentException>(() => RunTable.WriteAsync(_lake.Store, Run("r1", "succeeded", t0, DateTime.SpecifyKind(t0, DateTimeKind.Unspecified))));
        await Assert.ThrowsAsync<ArgumentException>(() => RunTable.WriteAsync(_lake.Store, Run("r1", "succeeded", t0, t0.AddSeconds(-1))));
        await Assert.ThrowsAsync<ArgumentException>(() => RunTable.WriteAsync(_lake.Store, Run("r1", "done", t0)));
        var manual = Run("r1", "succeeded", t0);
        manual.Trigger = "manual";
        await Assert.ThrowsAsync<ArgumentException>(() => RunTable.WriteAsync(_lake.Store, manual));
        await Assert.ThrowsAsync<ArgumentException>(() => RunTable.WriteAsync(_lake.Store, Run("../r1", "succeeded", t0)));
        Assert.Empty(_lake.AllFiles());
    }
}
