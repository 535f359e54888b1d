using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using KpiPipeline.Common;
using KpiPipeline.Extract;

namespace KpiPipeline.Tests.Synthetic;

/// <summary>The drop obeys the extract contract: every table and column, the manifest's counts and checksums, the CSV conventions.</summary>
[Collection(SyntheticDropCollection.Name)]
public sealed partial class DropFormatTests(SyntheticDropFixture drop)
{
    // Column prefix → table, for the column names the contract lists.
    private static readonly Dictionary<string, string> TableByPrefix = new()
    {
        ["pers"] = "ssd_person", ["dept"] = "ssd_department", ["prof"] = "ssd_professionals", ["invo"] = "ssd_involvements",
        ["cont"] = "ssd_contacts", ["cine"] = "ssd_cin_episodes", ["cina"] = "ssd_cin_assessments", ["s47e"] = "ssd_s47_enquiry",
        ["icpc"] = "ssd_initial_cp_conference", ["cinp"] = "ssd_cin_plans", ["cppl"] = "ssd_cp_plans", ["clae"] = "ssd_cla_episodes",
        ["clap"] = "ssd_cla_placement", ["lega"] = "ssd_legal_status", ["cinv"] = "ssd_cin_visits", ["cppv"] = "ssd_cp_visits",
        ["clav"] = "ssd_cla_visits", ["clea"] = "ssd_care_leavers", ["supv"] = "ext_case_supervision", ["wf"] = "ext_workforce",
        ["audt"] = "ext_audits", ["cinr"] = "ext_cin_reviews",
    };

    private static string ContractTablesSection()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.SharedReference, "docs", "extract-contract.md"));
        var start = text.IndexOf("## Tables", StringComparison.Ordinal);
        var end = text.IndexOf("## Reference data", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "extract-contract.md no longer has the Tables .. Reference data sections");
        return text[start..end];
    }

    [GeneratedRegex(@"\b(?:wf|[a-z0-9]{4})_[a-z0-9_]+\b")]
    private static partial Regex ColumnToken();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex BoldHeading();

    private static string[] Header(string file)
    {
        using var reader = new StreamReader(file, Encoding.UTF8);
        return reader.ReadLine()!.Split(',');
    }

    [Fact]
    public void Every_contract_table_is_in_the_drop_and_the_manifest()
    {
        var manifest = DropManifest.Parse(File.ReadAllText(Path.Combine(drop.Folder, DropManifest.FileName)), "manifest.json");
        var tables = BoldHeading().Matches(ContractTablesSection())
            .SelectMany(m => Regex.Matches(m.Groups[1].Value, @"\b(?:ssd|ext)_[a-z0-9_]+\b").Select(t => t.Value))
            .Distinct().ToList();
        Assert.Equal(22, tables.Count);
        foreach (var table in tables)
        {
            Assert.True(File.Exists(Path.Combine(drop.Folder, table + ".csv")), $"{table}.csv missing");
            Assert.True(manifest.Tables.ContainsKey(table), $"{table} missing from the manifest");
        }
    }

    [Fact]
    public void Every_contract_column_is_in_its_table_header()
    {
        var columns = ColumnToken().Matches(ContractTablesSection()).Select(m => m.Value).Distinct().ToList();
        Assert.True(columns.Count > 150, "the contract's column list could not be read");
        var headers = TableByPrefix.Values.Distinct().ToDictionary(t => t, t => Header(Path.Combine(drop.Folder, t + ".csv")).ToHashSet());
        foreach (var column in columns)
        {
            var prefix = column[..column.IndexOf('_')];
            Assert.True(TableByPrefix.TryGetValue(prefix, out var table), $"column {column} has an unknown prefix");
            Assert.True(headers[table].Contains(column), $"{table}.csv has no column {column}");
        }
    }

    [Fact]
    public void Manifest_rows_and_checksums_match_the_files()
    {
        var manifest = DropManifest.Parse(File.ReadAllText(Path.Combine(drop.Folder, DropManifest.FileName)), "manifest.json");
        Assert.Equal("343", manifest.LaCode);
        Assert.Equal("2023-05-31", manifest.ExtractDate);
        Assert.Equal("2023-05-31T23:10:00Z", manifest.ExtractedAt);
        Assert.Equal(22, manifest.Tables.Count);
        foreach (var (table, entry) in manifest.Tables)
        {
            var path = Path.Combine(drop.Folder, entry.File);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), entry.Sha256);
            Assert.Equal(drop.Db.Scalar($"SELECT count(*) FROM {table}"), entry.Rows);
            Assert.Equal(drop.Result.RowsByTable[table], entry.Rows);
        }
        Assert.Equal(drop.Result.Bytes, Directory.GetFiles(drop.Folder).Sum(f => new FileInfo(f).Length));
    }

    [Fact]
    public void Manifest_is_written_after_every_table()
    {
        var manifestTime = File.GetLastWriteTimeUtc(Path.Combine(drop.Folder, DropManifest.FileName));
        Assert.All(Directory.GetFiles(drop.Folder, "*.csv"), f => Assert.True(File.GetLastWriteTimeUtc(f) <= manifestTime, f));
    }

    [Fact]
    public void Files_are_utf8_without_bom_and_use_the_contract_formats()
    {
        foreach (var file in Directory.GetFiles(drop.Folder, "*.csv"))
        {
            var head = new byte[3];
            using (var s = File.OpenRead(file)) s.ReadExactly(head);
            Assert.False(head is [0xEF, 0xBB, 0xBF], $"{Path.GetFileName(file)} starts with a BOM");
        }
        Assert.Equal(0, drop.Db.Scalar(@"SELECT count(*) FROM ssd_contacts WHERE NOT regexp_matches(cont_contact_date, '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$')"));
        Assert.Equal(0, drop.Db.Scalar(@"SELECT count(*) FROM ssd_cin_episodes WHERE NOT regexp_matches(cine_referral_date, '^\d{4}-\d{2}-\d{2}$')"));
        Assert.Equal(0, drop.Db.Scalar("SELECT count(*) FROM ssd_cin_assessments WHERE cina_assessment_child_seen NOT IN ('Y','N')"));
        // Outcome JSON holds commas and quotes, so it only survives with RFC 4180 quoting.
        Assert.Equal(0, drop.Db.Scalar("SELECT count(*) FROM ssd_contacts WHERE cont_contact_outcome_json IS NOT NULL AND json_extract_string(cont_contact_outcome_json, '$.NFA_FLAG') IS NULL"));
    }

    [Fact]
    public void Some_person_ids_have_leading_zeros_and_keep_them_everywhere()
    {
        var zeroIds = drop.Db.Scalar("SELECT count(*) FROM ssd_person WHERE pers_person_id LIKE '0%'");
        var all = drop.Db.Scalar("SELECT count(*) FROM ssd_person");
        Assert.InRange(zeroIds, 1, all * 0.9);
        Assert.True(drop.Db.Scalar("SELECT count(*) FROM ssd_contacts WHERE cont_person_id LIKE '00%'") > 0);
        Assert.True(drop.Db.Scalar("SELECT count(*) FROM ssd_involvements WHERE invo_person_id LIKE '00%' AND invo_person_id IN (SELECT pers_person_id FROM ssd_person)") > 0);
    }

    [Fact]
    public void Workers_have_fictional_names_and_emails_and_children_have_no_names()
    {
        Assert.DoesNotContain(Header(Path.Combine(drop.Folder, "ssd_person.csv")), c => c.Contains("name", StringComparison.Ordinal));
        Assert.Equal(0, drop.Db.Scalar("SELECT count(*) FROM ssd_professionals WHERE prof_email NOT LIKE '%@la343.example.org'"));
        Assert.Equal(0, drop.Db.Scalar("SELECT count(*) - count(DISTINCT prof_email) FROM ssd_professionals"));
    }
}
