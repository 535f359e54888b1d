using System.Text;
using KpiPipeline.Extract;
using KpiPipeline.Model;
using KpiPipeline.Tests.TestSupport;

namespace KpiPipeline.Tests.Extract;

/// <summary>Problems that reject the whole drop: one-line messages naming file, and column or row.</summary>
public class DropReaderFatalTests
{
    private const string ContactHeader = "cont_contact_id,cont_person_id,cont_contact_date";

    private static TestDrop Contacts(params string[] rows) => new TestDrop().Table(Tables.Contacts, ContactHeader, rows);

    private static DropRejectedException Rejected(TestDrop drop) => Assert.Throws<DropRejectedException>(() => drop.Read());

    private static void AssertOneLine(Exception e) => Assert.DoesNotContain('\n', e.Message);

    [Fact]
    public void Missing_required_column_names_file_and_column()
    {
        var e = Rejected(new TestDrop().Table(Tables.Contacts, "cont_contact_id,cont_person_id", "c1,007"));

        Assert.Equal("ssd_contacts.csv: required column 'cont_contact_date' is missing", e.Message);
        Assert.Equal("ssd_contacts.csv", e.File);
        Assert.Equal("cont_contact_date", e.Column);
        Assert.Equal(DropRules.ColumnMissing, e.Rule);
    }

    [Fact]
    public void Missing_required_column_fails_before_any_table_is_parsed()
    {
        // ssd_person is fine but comes first; the broken header of a later table still wins, from the header check.
        using var drop = new TestDrop()
            .Table(Tables.Contacts, ContactHeader, "c1,007,2023-05-30")
            .Table(Tables.CinReviews, "cinr_id,cinr_person_id,cinr_held_date", "r1,007,2023-05-01")
            .WriteTemp();
        var e = Assert.Throws<DropRejectedException>(() => drop.Read());
        Assert.Equal("ext_cin_reviews.csv: required column 'cinr_due_date' is missing", e.Message);
    }

    [Fact]
    public void Duplicate_column_is_fatal()
    {
        var e = Rejected(new TestDrop().Table(Tables.Contacts, ContactHeader + ",CONT_CONTACT_DATE", "c1,007,2023-05-30,2023-05-30"));
        Assert.Equal(DropRules.ColumnDuplicate, e.Rule);
        Assert.Equal("cont_contact_date", e.Column);
        AssertOneLine(e);
    }

    [Fact]
    public void Checksum_mismatch_is_fatal()
    {
        using var drop = Contacts("c1,007,2023-05-30").WriteTemp();
        // Same number of rows, different bytes.
        File.WriteAllText(drop.PathOf(Tables.Contacts), ContactHeader + "\nc1,007,2023-05-31\n");

        var e = Assert.Throws<DropRejectedException>(() => drop.Read());
        Assert.Equal(DropRules.ChecksumMismatch, e.Rule);
        Assert.StartsWith("ssd_contacts.csv: SHA-256 does not match manifest (expected ", e.Message);
        Assert.Matches(@"got [0-9a-f]{64}\)$", e.Message);
        AssertOneLine(e);
    }

    [Fact]
    public void Row_count_mismatch_is_fatal()
    {
        var e = Rejected(Contacts("c1,007,2023-05-30", "c2,007,2023-05-30").EditManifestTable(Tables.Contacts, t => t with { Rows = 3 }));
        Assert.Equal("ssd_contacts.csv: manifest says 3 rows, file has 2", e.Message);
        Assert.Equal(DropRules.RowCountMismatch, e.Rule);
    }

    [Fact]
    public void Missing_manifest_is_fatal()
    {
        var e = Rejected(Contacts("c1,007,2023-05-30").WithoutManifest());
        Assert.Equal("manifest.json missing: the drop is not complete", e.Message);
        Assert.Equal(DropRules.ManifestMissing, e.Rule);
    }

    [Fact]
    public void Missing_drop_folder_is_fatal()
    {
        var e = Assert.Throws<DropRejectedException>(() => DropReader.Read(Path.Combine(Path.GetTempPath(), "kpi-tests", "no-such-drop")));
        Assert.Equal(DropRules.DropMissing, e.Rule);
    }

    [Fact]
    public void Invalid_manifest_json_is_fatal_in_one_line()
    {
        using var drop = Contacts("c1,007,2023-05-30").WriteTemp();
        File.WriteAllText(drop.ManifestPath, "{\"la_code\":\"343\",\n \"tables\": [");
        var e = Assert.Throws<DropRejectedException>(() => drop.Read());
        Assert.Equal(DropRules.ManifestInvalid, e.Rule);
        Assert.StartsWith("manifest.json: ", e.Message);
        AssertOneLine(e);
    }

    [Fact]
    public void Manifest_listing_a_missing_file_is_fatal()
    {
        using var drop = Contacts("c1,007,2023-05-30").WriteTemp();
        File.Delete(drop.PathOf(Tables.Contacts));
        var e = Assert.Throws<DropRejectedException>(() => drop.Read());
        Assert.Equal("ssd_contacts.csv: listed in manifest.json for ssd_contacts but missing from the drop", e.Message);
        Assert.Equal(DropRules.FileMissing, e.Rule);
    }

    [Fact]
    public void Manifest_file_names_cannot_leave_the_drop_folder()
    {
        var e = Rejected(Contacts("c1,007,2023-05-30").EditManifestTable(Tables.Contacts, t => t with { File = "../ssd_contacts.csv" }));
        Assert.Equal(DropRules.ManifestInvalid, e.Rule);
        Assert.Contains("plain file name", e.Message);
    }

    [Fact]
    public void Person_table_is_required()
    {
        var e = Rejected(Contacts("c1,007,2023-05-30").WithoutAutoPersons());
        Assert.Equal("ssd_person: required table is not listed in manifest.json", e.Message);
        Assert.Equal(DropRules.RequiredTableMissing, e.Rule);
    }

    [Fact]
    public void Windows_1252_file_is_fatal_with_the_byte_offset()
    {
        var header = "pers_person_id,pers_gender\n";
        var bytes = Encoding.Latin1.GetBytes(header + "p1,Andr\u00e9\n"); // é = 0xE9 in Windows-1252
        var e = Rejected(new TestDrop().WithoutAutoPersons().RawTable(Tables.Person, bytes));

        var offset = header.Length + "p1,Andr".Length;
        Assert.Equal($"ssd_person.csv: not UTF-8 (looks like Windows-1252 at byte {offset})", e.Message);
        Assert.Equal(DropRules.NotUtf8, e.Rule);
        Assert.Equal("ssd_person.csv", e.File);
    }

    [Fact]
    public void Windows_1252_deep_in_a_big_file_is_found_while_streaming()
    {
        var text = new StringBuilder("pers_person_id,pers_gender\n");
        for (var i = 0; i < 20_000; i++) text.Append("p").Append(i).Append(",F\n");
        text.Append("late,");
        var offset = text.Length;
        // ’ is 0x92 in Windows-1252 (the code page is not in .NET here, so the byte is written directly).
        byte[] bytes = [.. Encoding.ASCII.GetBytes(text.ToString()), 0x92, .. "s\n"u8];

        var e = Rejected(new TestDrop().WithoutAutoPersons().RawTable(Tables.Person, bytes));
        Assert.Equal($"ssd_person.csv: not UTF-8 (looks like Windows-1252 at byte {offset})", e.Message);
    }

    [Fact]
    public void Utf16_file_is_named_as_such()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("pers_person_id\np1\n")).ToArray();
        var e = Rejected(new TestDrop().WithoutAutoPersons().RawTable(Tables.Person, bytes));
        Assert.Equal("ssd_person.csv: not UTF-8 (looks like UTF-16: byte-order mark at byte 0)", e.Message);
    }

    [Fact]
    public void Empty_file_has_no_header()
    {
        var e = Rejected(new TestDrop().RawTable(Tables.Contacts, []));
        Assert.Equal("ssd_contacts.csv: file is empty (no header row)", e.Message);
        Assert.Equal(DropRules.HeaderMissing, e.Rule);
    }

    [Fact]
    public void Manifest_must_match_a_la_date_folder()
    {
        var wrongLa = Rejected(Contacts("c1,007,2023-05-30").EditManifest(m => m with { LaCode = "344" }));
        Assert.Equal("manifest.json: la_code '344' does not match the drop folder '343'", wrongLa.Message);
        Assert.Equal(DropRules.ManifestFolderMismatch, wrongLa.Rule);

        var wrongDate = Rejected(Contacts("c1,007,2023-05-30").EditManifest(m => m with { ExtractDate = "2023-06-30" }));
        Assert.Equal("manifest.json: extract_date '2023-06-30' does not match the drop folder '2023-05-31'", wrongDate.Message);
    }

    [Fact]
    public void A_folder_not_laid_out_la_date_only_warns()
    {
        var root = Path.Combine(Path.GetTempPath(), "kpi-tests", Guid.NewGuid().ToString("N"), "my-drop");
        try
        {
            var folder = Contacts("c1,007,2023-05-30").WriteTo(root);
            var result = DropReader.Read(folder);
            var issue = Assert.Single(result.Issues);
            Assert.Equal(DropRules.FolderLayout, issue.Rule);
            Assert.Equal(Severity.Warning, issue.Severity);
            Assert.Equal(1, result.Data.Contacts.RowCount);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
        }
    }

    [Fact]
    public void The_first_failing_table_in_contract_order_is_reported_whatever_the_threads_do()
    {
        // Both contacts (earlier in contract order) and cin reviews are wrong; contacts must be the one reported,
        // with one thread or two.
        var drop = Contacts("c1,007,2023-05-30")
            .Table(Tables.CinReviews, "cinr_id,cinr_person_id,cinr_due_date", "r1,007,2023-05-01")
            .EditManifestTable(Tables.CinReviews, t => t with { Rows = 5 })
            .EditManifestTable(Tables.Contacts, t => t with { Rows = 9 });
        foreach (var parallelism in new[] { 1, 2 })
        {
            var e = Assert.Throws<DropRejectedException>(() => drop.Read(new DropReadOptions { MaxDegreeOfParallelism = parallelism }));
            Assert.Equal("ssd_contacts.csv: manifest says 9 rows, file has 1", e.Message);
        }
    }

    [Fact]
    public void A_cancelled_read_stops()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Contacts("c1,007,2023-05-30").Read(new DropReadOptions { CancellationToken = cts.Token }));
    }

    [Fact]
    public void Unknown_tables_and_stray_files_only_warn()
    {
        using var drop = Contacts("c1,007,2023-05-30").Table("ssd_something_new", "x,y", "1,2").WriteTemp();
        File.WriteAllText(Path.Combine(drop.Folder, "notes.csv"), "a\n1\n");
        var result = drop.Read();

        Assert.Equal(new[] { DropRules.UnknownTable, DropRules.FileNotInManifest }, result.Issues.Select(i => i.Rule));
        Assert.All(result.Issues, i => Assert.Equal(Severity.Warning, i.Severity));
        Assert.DoesNotContain("ssd_something_new", result.Data.TablesPresent);
    }
}
