using KpiPipeline.Extract;
using KpiPipeline.Extract.Partitioning;
using KpiPipeline.Lake;
using KpiPipeline.Model;
using KpiPipeline.Pipeline;
using KpiPipeline.Synthetic;
using KpiPipeline.Tests.TestSupport;

namespace KpiPipeline.Tests.Pipeline;

/// <summary>
/// A drop read and computed partition by partition must publish exactly what a one-pass run publishes: the data
/// files are named by their content hash, so equal names mean byte-identical tables.
/// </summary>
public sealed class PartitionedRunTests : IDisposable
{
    private static readonly DateOnly Day = new(2023, 5, 31);
    private readonly string _root = Directory.CreateTempSubdirectory("kpi-partitioned-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_synthetic_drop_split_five_ways_publishes_the_same_files_as_one_pass()
    {
        var drop = Path.Combine(_root, "343", "2023-05-31");
        SyntheticDropGenerator.Generate(new GeneratorOptions("343", Day, drop, Seed: 7, Scale: 0.2));

        var whole = await RunAsync(drop, "one", partitions: 1);
        var split = await RunAsync(drop, "five", partitions: 5);

        Assert.True(whole.Result.Succeeded, whole.Result.Error);
        Assert.True(split.Result.Succeeded, split.Result.Error);
        Assert.Contains(split.Result.Phases!, p => p.Name == "split");
        Assert.Equal(whole.Result.RowsIn, split.Result.RowsIn);
        Assert.Equal(whole.Result.RowsRejected, split.Result.RowsRejected);
        Assert.Equal(whole.Result.RowsWritten, split.Result.RowsWritten);
        foreach (var table in new[] { "kpi", "kpi_trend", "child_snapshot", "data_quality", "dim_worker", "dim_team" })
            Assert.Equal(DataFiles(whole.Lake, table), DataFiles(split.Lake, table));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "scratch-five"))); // slices are deleted
    }

    [Fact]
    public async Task Rows_that_are_judged_against_another_childs_rows_give_the_same_issues_and_KPIs_when_split()
    {
        // Two children that the 4-way split puts in different partitions.
        var router = new PersonPartitions(4);
        var ids = Enumerable.Range(1, 40).Select(i => $"P{i:000}").ToList();
        var x = ids[0];
        int PartitionOf(string id) => router.Of(PersonPartitions.IdHash(System.Text.Encoding.UTF8.GetBytes(id)));
        var y = ids.First(id => PartitionOf(id) != PartitionOf(x));

        var drop = new TestDrop("343", Day)
            .Table("ssd_person", "pers_person_id,pers_dob", $"{x},2015-01-01", $"{y},2016-02-02")
            // C1 twice, for two children: the second is a duplicate whichever partition it is in.
            .Table("ssd_contacts", "cont_contact_id,cont_person_id,cont_contact_date",
                $"C1,{x},2023-01-05", $"C2,{y},2023-02-05", $"C1,{y},2023-03-05")
            // CLA1 is shared by both children; CLA2 is x's alone.
            .Table(Tables.ClaEpisodes, "clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_episode_ceased_date,clae_cla_id",
                $"e1,{x},2022-01-01,,CLA2", $"e2,{y},2022-03-01,,CLA1", $"e3,{x},2021-01-01,2021-06-01,CLA1")
            // Placements without a child: pl1 follows CLA2 to x; pl2's CLA1 is ambiguous, so it is rejected.
            .Table(Tables.ClaPlacement, "clap_cla_placement_id,clap_cla_id,clap_person_id,clap_cla_placement_start_date,clap_cla_placement_type,clap_cla_placement_end_date",
                "pl1,CLA2,,2022-01-01,U4,", "pl2,CLA1,,2022-03-01,U4,", $"pl3,CLA1,{y},2022-03-01,U4,")
            .WriteUnder(Path.Combine(_root, "edge"));

        var whole = await RunAsync(drop, "edge-one", partitions: 1);
        var split = await RunAsync(drop, "edge-four", partitions: 4);

        Assert.True(split.Result.Succeeded, split.Result.Error);
        Assert.Equal(whole.Result.RowsRejected, split.Result.RowsRejected);
        Assert.Equal(2, whole.Result.RowsRejected); // the duplicate contact and the unplaceable placement
        foreach (var table in new[] { "kpi", "kpi_trend", "child_snapshot", "data_quality" })
            Assert.Equal(DataFiles(whole.Lake, table), DataFiles(split.Lake, table));

        using var reader = PartitionedDropReader.Open(drop, new DropReadOptions { Partitions = 4, ScratchFolder = _root });
        for (var p = 0; p < reader.Count; p++) reader.Read(p);
        var issues = reader.Issues();
        Assert.Contains(issues, i => i is { Table: "ssd_contacts", SourceRow: 4, Rule: DropRules.DuplicateKey });
        Assert.Contains(issues, i => i is { Table: Tables.ClaEpisodes, Rule: DropRules.ClaIdConflict });
        Assert.Contains(issues, i => i is { Table: Tables.ClaPlacement, SourceRow: 3, Rule: DropRules.PersonUnresolved });
    }

    [Theory]
    [InlineData("C1", "C2", "R9", "R1", "R2")] // keys the splitter and readers look up by hash
    [InlineData("11", "12", "29", "21", "22")] // by number
    public async Task A_key_first_seen_on_a_rejected_row_of_another_child_is_judged_as_in_one_pass_and_no_child_spans_partitions(
        string c1, string c2, string r9, string r1, string r2)
    {
        var router = new PersonPartitions(4);
        var ids = Enumerable.Range(1, 40).Select(i => $"P{i:000}").ToList();
        int PartitionOf(string id) => router.Of(PersonPartitions.IdHash(System.Text.Encoding.UTF8.GetBytes(id)));
        var x = ids[0];
        var y = ids.First(id => PartitionOf(id) != PartitionOf(x));

        // C1 and R9 first appear on x's rows, which are rejected; y's later rows with them are duplicates all the same
        // (a key belongs to the child of its first row). Before, y's R9 followed x's to x's partition and was kept there,
        // so y's two open referrals were counted in two partitions, as two children.
        var drop = new TestDrop("343", Day)
            .Table("ssd_person", "pers_person_id,pers_dob", $"{x},2015-01-01", $"{y},2016-02-02")
            .Table("ssd_contacts", "cont_contact_id,cont_person_id,cont_contact_date",
                $"{c1},{x},not a date", $"{c1},{y},2023-03-05", $"{c2},{x},2023-02-01", $"{c1},{x},2023-02-03")
            .Table("ssd_cin_episodes", "cine_referral_id,cine_person_id,cine_referral_date",
                $"{r9},{x},2023-13-01", $"{r1},{y},2023-03-06", $"{r2},{x},2023-02-02", $"{r9},{y},2023-04-01")
            .WriteUnder(Path.Combine(_root, "rejected-first-" + c1));

        var whole = await RunAsync(drop, "rejected-first-one-" + c1, partitions: 1);
        var split = await RunAsync(drop, "rejected-first-four-" + c1, partitions: 4);

        Assert.True(split.Result.Succeeded, split.Result.Error);
        Assert.Equal(4, whole.Result.RowsRejected); // two bad dates, and y's two rows with x's keys
        Assert.Equal(whole.Result.RowsRejected, split.Result.RowsRejected);
        foreach (var table in new[] { "kpi", "kpi_trend", "child_snapshot", "data_quality" })
            Assert.Equal(DataFiles(whole.Lake, table), DataFiles(split.Lake, table));

        using var reader = PartitionedDropReader.Open(drop, new DropReadOptions { Partitions = 4, ScratchFolder = _root });
        for (var p = 0; p < reader.Count; p++) reader.Read(p);
        var duplicates = reader.Issues().Where(i => i.Rule == DropRules.DuplicateKey).Select(i => (i.Table, i.SourceRow)).Order().ToList();
        Assert.Equal([("ssd_cin_episodes", 5L), ("ssd_contacts", 3L)], duplicates); // x's own resend of C1 (row 5) is kept
    }

    [Fact]
    public async Task Rows_of_the_wrong_shape_in_a_split_table_are_reported_as_an_unsplit_read_reports_them()
    {
        var ids = Enumerable.Range(1, 12).Select(i => $"P{i:000}").ToList();
        var contacts = ids.Select((id, i) =>
            $"C{i},{id},2023-0{1 + i % 5}-0{1 + i % 9},\"{{\"\"NFA_FLAG\"\":\"\"Y\"\",\r\n\"\"x\"\":1}}\",3B,2023-0{1 + i % 5}-2{i % 9}").ToList();
        contacts.Insert(3, "C90,P001,2023-01-01");                                  // too short: its key is still there
        contacts.Insert(5, "C91,P002,2023-01-01,\"{}\",3B,2023-01-02,extra");      // too long
        contacts.Insert(7, "C92");                                                 // too short to have a person
        contacts.Insert(9, "\"C,93\",P003,2023-01-01,\"a,b\"");                   // a quoted key with a comma, too short
        var drop = new TestDrop("343", Day)
            .WithBom()
            .Table("ssd_person", "pers_person_id,pers_sex,pers_dob,pers_ethnicity", ids.Select(id => $"{id},F,2015-01-01,\"W,BRI\"").ToArray())
            .Table("ssd_contacts", "cont_contact_id,cont_person_id,cont_contact_date,cont_contact_outcome_json,cont_contact_source_code,cont_decision_date",
                contacts.ToArray())
            .WriteUnder(Path.Combine(_root, "shape"));

        var whole = await RunAsync(drop, "shape-one", partitions: 1);
        var split = await RunAsync(drop, "shape-three", partitions: 3);

        Assert.True(split.Result.Succeeded, split.Result.Error);
        Assert.Equal(4, whole.Result.RowsRejected);
        Assert.Equal(whole.Result.RowsRejected, split.Result.RowsRejected);
        foreach (var table in new[] { "kpi", "kpi_trend", "child_snapshot", "data_quality" })
            Assert.Equal(DataFiles(whole.Lake, table), DataFiles(split.Lake, table));

        var scratch = Path.Combine(_root, "scratch-shape");
        using var reader = PartitionedDropReader.Open(drop, new DropReadOptions { Partitions = 3, ScratchFolder = scratch });
        for (var p = 0; p < reader.Count; p++) reader.Read(p);
        var shapes = reader.Issues().Where(i => i.Rule == DropRules.RowShape).OrderBy(i => i.SourceRow).ToList();
        Assert.Equal(
        [
            (5L, "C90", "row has 3 fields, the header has 6"),
            (7L, "C91", "row has 7 fields, the header has 6"),
            (9L, "C92", "row has 1 fields, the header has 6"),
            (11L, "C,93", "row has 4 fields, the header has 6"),
        ], shapes.Select(i => (i.SourceRow, i.RecordId, i.Message)).ToList());
    }

    [Fact]
    public async Task Partitions_after_the_first_share_its_teams_and_workers_without_reading_the_organisation_again()
    {
        var router = new PersonPartitions(4);
        int PartitionOf(string id) => router.Of(PersonPartitions.IdHash(System.Text.Encoding.UTF8.GetBytes(id)));
        var ids = Enumerable.Range(1, 40).Select(i => $"P{i:000}").ToList();
        var x = ids.First(id => PartitionOf(id) == 0);
        var y = ids.First(id => PartitionOf(id) == 3);

        var drop = new TestDrop("343", Day)
            .Table("ssd_person", "pers_person_id,pers_dob", $"{x},2015-01-01", $"{y},2016-02-02")
            .Table("ssd_department", "dept_team_id,dept_team_name,dept_team_parent_name", "T1,North,Assessment", "T2,South,Assessment")
            // W1's manager M9 is not listed: one warning for the drop, not one per partition.
            .Table("ssd_professionals", "prof_professional_id,prof_professional_department,prof_manager_id", "W1,T1,M9", "W2,South,")
            .Table("ssd_cin_episodes", "cine_referral_id,cine_person_id,cine_referral_date", $"R1,{x},2023-01-05", $"R2,{y},2023-02-05")
            // y's partition names a team by name, a listed worker, and an unlisted worker W7.
            .Table("ssd_involvements", "invo_involvements_id,invo_professional_id,invo_professional_team,invo_person_id,invo_involvement_start_date",
                $"I1,W1,T1,{x},2023-01-05", $"I2,W2,north,{y},2023-02-05", $"I3,W7,T2,{y},2023-02-06")
            .WriteUnder(Path.Combine(_root, "org"));

        var whole = await RunAsync(drop, "org-one", partitions: 1);
        var split = await RunAsync(drop, "org-four", partitions: 4);

        Assert.True(split.Result.Succeeded, split.Result.Error);
        foreach (var table in new[] { "kpi", "kpi_trend", "child_snapshot", "data_quality", "dim_team", "dim_worker" })
            Assert.Equal(DataFiles(whole.Lake, table), DataFiles(split.Lake, table));
        using var reader = PartitionedDropReader.Open(drop, new DropReadOptions { Partitions = 4, ScratchFolder = _root });
        for (var p = 0; p < reader.Count; p++) reader.Read(p);
        Assert.Single(reader.Issues(), i => i is { Table: "ssd_professionals", Rule: DropRules.UnknownWorker });
    }

    [Fact]
    public void A_broken_split_table_rejects_the_drop_naming_the_file_and_leaves_no_scratch()
    {
        var drop = new TestDrop("343", Day)
            .Table("ssd_person", "pers_person_id,pers_dob", "a,2015-01-01", "b,2016-02-02")
            .Table("ssd_contacts", "cont_contact_id,cont_person_id,cont_contact_date", "C1,a,2023-01-05")
            .EditManifestTable("ssd_contacts", t => t with { Rows = 2 })
            .WriteUnder(Path.Combine(_root, "broken"));
        var scratch = Path.Combine(_root, "scratch-broken");

        var e = Assert.Throws<DropRejectedException>(() =>
            PartitionedDropReader.Open(drop, new DropReadOptions { Partitions = 3, ScratchFolder = scratch }));

        Assert.Equal("ssd_contacts.csv: manifest says 2 rows, file has 1", e.Message);
        Assert.True(!Directory.Exists(scratch) || Directory.GetDirectories(scratch).Length == 0);
    }

    [Theory]
    [InlineData("ssd_contacts", "ssd_contacts.csv: SHA-256 does not match manifest")]    // split: checked by the split pass
    [InlineData("ssd_professionals", "ssd_professionals.csv: SHA-256 does not match manifest")] // read whole with partition 0
    public async Task A_split_drop_with_a_bad_file_is_quarantined_and_the_published_snapshot_is_untouched(string table, string error)
    {
        var good = new TestDrop("343", Day)
            .Table("ssd_person", "pers_person_id,pers_dob", "a,2015-01-01", "b,2016-02-02", "c,2017-03-03")
            .Table("ssd_professionals", "prof_professional_id,prof_professional_name", "W1,Worker one")
            .Table("ssd_contacts", "cont_contact_id,cont_person_id,cont_contact_date", "C1,a,2023-01-05", "C2,b,2023-02-05");
        var published = await RunAsync(good.WriteUnder(Path.Combine(_root, "good")), "quarantine", partitions: 3);
        Assert.True(published.Result.Succeeded, published.Result.Error);
        var before = new[] { "kpi", "child_snapshot", "data_quality" }.ToDictionary(t => t, t => DataFiles(published.Lake, t));

        var bad = good.WriteUnder(Path.Combine(_root, "bad"));
        File.AppendAllText(Path.Combine(bad, table + ".csv"), " "); // same rows, different bytes
        var result = await RunAsync(bad, "quarantine", partitions: 3);

        Assert.False(result.Result.Succeeded);
        Assert.StartsWith(error, result.Result.Error);
        foreach (var (t, files) in before) Assert.Equal(files, DataFiles(published.Lake, t));
        var reason = Directory.GetFiles(Path.Combine(published.Lake, "quarantine"), Quarantine.ReasonFileName, SearchOption.AllDirectories);
        Assert.Contains(error, File.ReadAllText(Assert.Single(reason)));
    }

    [Fact]
    public void Partitions_read_at_the_same_time_and_taken_in_order_give_the_issues_of_a_read_one_after_another()
    {
        // 40 children over 4 partitions, each with two contacts whose dates are broken: with a cap of 5 per rule,
        // which issues are listed depends only on the order partitions are taken in, not on which read finished first.
        var ids = Enumerable.Range(1, 40).Select(i => $"P{i:000}").ToList();
        var drop = new TestDrop("343", Day)
            .Table("ssd_person", "pers_person_id,pers_dob", ids.Select(id => $"{id},2015-01-01").ToArray())
            .Table("ssd_contacts", "cont_contact_id,cont_person_id,cont_contact_date",
                ids.SelectMany((id, i) => new[] { $"C{i}a,{id},2023-13-01", $"C{i}b,{id},not a date" }).ToArray())
            .WriteUnder(Path.Combine(_root, "capped"));
        var options = new DropReadOptions { Partitions = 4, MaxIssuesPerRule = 5, ScratchFolder = _root };

        using var sequential = PartitionedDropReader.Open(drop, options);
        var oneByOne = Enumerable.Range(0, sequential.Count).Select(sequential.Read).Sum(d => d.Contacts.RowCount);

        using var concurrent = PartitionedDropReader.Open(drop, options);
        var together = concurrent.Take(concurrent.ReadPartition(0)).Contacts.RowCount;
        var later = new PartitionRead[concurrent.Count];
        Parallel.For(1, concurrent.Count, p => later[p] = concurrent.ReadPartition(p)); // finishing in any order
        together += later.Skip(1).Sum(read => concurrent.Take(read).Contacts.RowCount); // taken in partition order

        Assert.Equal(oneByOne, together);
        Assert.Equal(80, concurrent.RowsRejected);
        Assert.Equal(sequential.RowsRejected, concurrent.RowsRejected);
        var issues = concurrent.Issues();
        Assert.Equal(sequential.Issues(), issues);
        Assert.Equal(5, issues.Count(i => i.SourceRow > 0));
        Assert.Contains(issues, i => i.SourceRow == 0 && i.Message.Contains("(80 in all", StringComparison.Ordinal));
    }

    [Fact]
    public void Partition_reads_keep_their_order_rules()
    {
        var drop = new TestDrop("343", Day)
            .Table("ssd_person", "pers_person_id,pers_dob", "a,2015-01-01", "b,2016-02-02", "c,2017-03-03")
            .WriteUnder(Path.Combine(_root, "order"));
        using var reader = PartitionedDropReader.Open(drop, new DropReadOptions { Partitions = 3, ScratchFolder = _root });

        Assert.Throws<InvalidOperationException>(() => reader.ReadPartition(1)); // partition 0 first: it reads the organisation
        var zero = reader.ReadPartition(0);
        Assert.Throws<InvalidOperationException>(() => reader.ReadPartition(0)); // once each
        reader.Take(zero);
        var two = reader.ReadPartition(2);
        Assert.Throws<InvalidOperationException>(() => reader.Take(two));        // taken in order
        reader.Take(reader.ReadPartition(1));
        reader.Take(two);
        Assert.Empty(reader.Issues());
    }

    [Fact]
    public void The_partition_count_follows_the_size_of_the_child_tables()
    {
        var drop = new TestDrop("343", Day)
            .Table("ssd_person", "pers_person_id,pers_dob", "a,2015-01-01")
            .WriteUnder(Path.Combine(_root, "small"));
        using var small = PartitionedDropReader.Open(drop);
        Assert.Equal(1, small.Count);
        using var tiny = PartitionedDropReader.Open(drop, new DropReadOptions { SplitAboveBytes = 10, PartitionBytes = 10, ScratchFolder = _root });
        Assert.True(tiny.Count > 1);
    }

    private async Task<(RunResult Result, string Lake)> RunAsync(string drop, string name, int partitions)
    {
        var lake = Path.Combine(_root, "lake-" + name);
        var runner = new SnapshotRunner(ReferenceDataLoader.Load(), new SnapshotRunnerOptions
        {
            Read = new DropReadOptions { Partitions = partitions, ScratchFolder = Path.Combine(_root, "scratch-" + name) },
        });
        var result = await runner.RunAsync(new RunRequest(drop, new FolderLakeStore(lake), RunTrigger.Cli));
        return (result, lake);
    }

    /// <summary>The table's data file names (content-addressed), relative to the table folder.</summary>
    private static List<string> DataFiles(string lake, string table)
    {
        var folder = Path.Combine(lake, "curated", table);
        return Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToList();
    }
}
