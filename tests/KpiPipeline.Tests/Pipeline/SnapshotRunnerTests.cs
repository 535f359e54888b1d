using System.Security.Cryptography;
using DuckDB.NET.Data;
using KpiPipeline.Lake;
using KpiPipeline.Pipeline;
using KpiPipeline.Tests.TestSupport;

namespace KpiPipeline.Tests.Pipeline;

public sealed class SnapshotRunnerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kpi-runner-").FullName;
    private static readonly DateOnly Day = new(2023, 5, 31);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static TestDrop SmallDrop() => new TestDrop("343", Day)
        .Table("ssd_person", "pers_person_id,pers_dob", "007,2015-01-01", "7,2016-02-02", "c3,2004-05-31")
        .Table("ssd_cp_plans", "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date",
            "P1,007,2023-01-10,", "P2,7,2022-11-01,2023-05-31")
        .Table("ssd_cp_visits", "cppv_cp_visit_id,cppv_person_id,cppv_cp_plan_id,cppv_cp_visit_date,cppv_cp_visit_seen",
            "V1,007,P1,2023-05-02,Y")
        .Table("ssd_contacts", "cont_contact_id,cont_person_id,cont_contact_date", "C1,007,2023-01-05T10:00", "C2,7,2022-05-31T09:00");

    private static SnapshotRunner Runner() => new(ReferenceDataLoader.Load());

    [Fact]
    public async Task A_drop_runs_into_a_folder_lake_that_DuckDB_reads_back()
    {
        var drop = SmallDrop().WriteTo(Path.Combine(_root, "drop"));
        var lake = new FolderLakeStore(Path.Combine(_root, "lake"));

        var result = await Runner().RunAsync(new RunRequest(drop, lake, RunTrigger.Cli));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("343", result.LaCode);
        Assert.Equal(Day, result.SnapshotDate);
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        var kpiGlob = Path.Combine(_root, "lake", "curated", "kpi", "**", "*.parquet");
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"""
            SELECT value, previous_value, typeof(snapshot_date), la_code
            FROM read_parquet('{kpiGlob}', hive_partitioning = false)
            WHERE kpi_id = 'cp_plans_open' AND breakdown = 'la'
            """;
        using (var r = cmd.ExecuteReader())
        {
            Assert.True(r.Read());
            Assert.Equal(1.0, r.GetDouble(0));   // 007 open; 7 ended on D
            Assert.Equal(2.0, r.GetDouble(1));   // both open at 30 April
            Assert.Equal("DATE", r.GetString(2));
            Assert.Equal("343", r.GetString(3));
            Assert.False(r.Read());
        }

        cmd.CommandText = $"""
            SELECT person_id, cohort, last_visit_date, visit_overdue
            FROM read_parquet('{Path.Combine(_root, "lake", "curated", "child_snapshot", "**", "*.parquet")}', hive_partitioning = false)
            ORDER BY person_id
            """;
        using (var r = cmd.ExecuteReader())
        {
            Assert.True(r.Read());
            Assert.Equal("007", r.GetString(0));  // leading zeros kept
            Assert.Equal("CP", r.GetString(1));
            Assert.Equal(new DateOnly(2023, 5, 2), DateOnly.FromDateTime(r.GetDateTime(2)));
            Assert.False(r.GetBoolean(3));
            Assert.False(r.Read());               // "7" is closed; c3 is in no cohort
        }

        // Statistical neighbours as published at D: April 2021 model, year ending March 2022 (the seed prints 89.2).
        cmd.CommandText = $"SELECT sn_average, sn_count, sn_model, benchmark_year FROM read_parquet('{kpiGlob}') WHERE kpi_id = 'assessments_45wd_12m' AND breakdown = 'la'";
        using (var r = cmd.ExecuteReader())
        {
            Assert.True(r.Read());
            Assert.Equal(89.2, Math.Round(r.GetDouble(0), 1));
            Assert.Equal(10, r.GetInt32(1));
            Assert.Equal("april2021", r.GetString(2));
            Assert.Equal(2022, r.GetInt32(3));
        }

        // Rates use the pack's ONS population for Sefton (mid-2022 for 31 May 2023).
        cmd.CommandText = $"SELECT denominator FROM read_parquet('{kpiGlob}') WHERE kpi_id = 'cp_plans_open_rate'";
        Assert.True(Convert.ToDouble(cmd.ExecuteScalar()) > 40_000);
    }

    [Fact]
    public async Task A_rerun_of_the_same_drop_writes_byte_identical_files_and_replaces_the_snapshot()
    {
        var drop = SmallDrop().WriteTo(Path.Combine(_root, "drop"));
        var lakeDir = Path.Combine(_root, "lake");
        var lake = new FolderLakeStore(lakeDir);

        Assert.True((await Runner().RunAsync(new RunRequest(drop, lake, RunTrigger.Cli))).Succeeded);
        var first = DataFiles(lakeDir);
        Assert.True((await Runner().RunAsync(new RunRequest(drop, lake, RunTrigger.Replay))).Succeeded);
        var second = DataFiles(lakeDir);

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.Single(Directory.GetFiles(Path.Combine(lakeDir, "curated", "kpi"), "*.parquet", SearchOption.AllDirectories));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(lakeDir, "curated", "run"), "*.parquet", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task A_rejected_drop_is_quarantined_with_a_clear_reason_and_the_published_snapshot_is_untouched()
    {
        var lakeDir = Path.Combine(_root, "lake");
        var lake = new FolderLakeStore(lakeDir);
        var good = SmallDrop().WriteTo(Path.Combine(_root, "good"));
        Assert.True((await Runner().RunAsync(new RunRequest(good, lake, RunTrigger.Cli))).Succeeded);
        var before = DataFiles(lakeDir);

        var bad = new TestDrop("343", Day)
            .Table("ssd_person", "pers_person_id", "007")
            .Table("ssd_cp_plans", "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_end_date", "P1,007,")
            .WriteTo(Path.Combine(_root, "bad"));
        var result = await Runner().RunAsync(new RunRequest(bad, lake, RunTrigger.Cli));

        Assert.False(result.Succeeded);
        Assert.Contains("ssd_cp_plans.csv", result.Error);
        Assert.Contains("cppl_cp_plan_start_date", result.Error);
        Assert.Equal(before, DataFiles(lakeDir));
        var reason = Directory.GetFiles(Path.Combine(lakeDir, "quarantine"), Quarantine.ReasonFileName, SearchOption.AllDirectories);
        Assert.Single(reason);
        Assert.Contains("cppl_cp_plan_start_date", File.ReadAllText(reason[0]));
    }

    /// <summary>SHA-256 of every published data file.</summary>
    private static SortedDictionary<string, string> DataFiles(string lakeDir)
    {
        var curated = Path.Combine(lakeDir, "curated");
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.GetFiles(curated, "*.parquet", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(curated, f);
            // The run log and the commit record name the run (id, times): everything else must be identical.
            if (rel.StartsWith("run" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || rel.StartsWith("snapshots" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            files[rel] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)));
        }
        return files;
    }
}
