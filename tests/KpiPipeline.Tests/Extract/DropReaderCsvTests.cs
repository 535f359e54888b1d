using System.Text;
using KpiPipeline.Extract;
using KpiPipeline.Model;
using KpiPipeline.Tests.TestSupport;

namespace KpiPipeline.Tests.Extract;

/// <summary>CSV conventions of extract-contract.md: BOM, CRLF, RFC 4180 quoting, free column order, ids as strings.</summary>
public class DropReaderCsvTests
{
    private const string ContactHeader = "cont_contact_id,cont_person_id,cont_contact_date";

    [Fact]
    public void Reads_a_minimal_drop()
    {
        var result = new TestDrop("343", new DateOnly(2023, 5, 31))
            .Table(Tables.Contacts, ContactHeader, "c1,007,2023-05-30", "c2,008,2023-05-31T10:15")
            .Read();

        var data = result.Data;
        Assert.Equal("343", data.LaCode);
        Assert.Equal(new DateOnly(2023, 5, 31), data.ExtractDate);
        Assert.Equal(2, data.PersonCount);
        Assert.Equal(2, data.Contacts.RowCount);
        var p7 = data.People.Find("007");
        Assert.Equal(new DateTime(2023, 5, 30), Assert.Single(data.Contacts.For(p7).ToArray()).ContactAt);
        Assert.Equal(new DateTime(2023, 5, 31, 10, 15, 0), data.Contacts.For(data.People.Find("008"))[0].ContactAt);
        Assert.Empty(result.Issues);
        Assert.Equal(4, result.RowsIn); // 2 contacts + 2 auto-added persons
        Assert.Equal(0, result.RowsRejected);
        Assert.Equal(64, result.InputSha256.Length);
    }

    [Fact]
    public void Bom_and_crlf_are_tolerated()
    {
        var result = new TestDrop().WithBom().WithCrLf()
            .Table(Tables.Contacts, ContactHeader, "c1,007,2023-05-30")
            .Read();

        Assert.Equal(1, result.Data.Contacts.RowCount);
        Assert.Equal("007", result.Data.People[0]);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Quoted_fields_with_commas_line_breaks_and_quotes_keep_row_numbers_right()
    {
        // Row 2 holds a line break inside quotes: it is still one record, so the bad date on the next
        // record is reported as source row 3 (spreadsheet numbering), though it sits on text line 4.
        var result = new TestDrop()
            .Table(Tables.Department, "dept_team_id,dept_team_name,dept_team_parent_name",
                "T1,\"Localities 1, North\",\"Say \"\"hello\"\"\nsecond line\"",
                "T2,\"Cared For\",Cared For")
            .Table(Tables.Contacts, ContactHeader + ",cont_contact_source_code",
                "c1,007,2023-05-30,\"a, b\nc\"",
                "c2,007,not-a-date,x",
                "\"c3\",\"007\",\"2023-05-29\",\"\"")
            .Read();

        var t1 = result.Data.TeamInfo[result.Data.Teams.Find("T1")]!;
        Assert.Equal("Localities 1, North", t1.Name);
        Assert.Equal("Say \"hello\"\nsecond line", t1.Service);
        Assert.Equal(2, result.Data.Contacts.RowCount);

        var issue = Assert.Single(result.Issues);
        Assert.Equal(3, issue.SourceRow);
        Assert.Equal("c2", issue.RecordId);
    }

    [Fact]
    public void Column_order_is_free_and_unknown_columns_are_ignored()
    {
        var result = new TestDrop()
            .Table(Tables.Contacts, "cont_contact_date,something_else,CONT_PERSON_ID,cont_contact_id",
                "2023-05-30,whatever,007,c1")
            .Read();

        var contact = Assert.Single(result.Data.Contacts.All.ToArray());
        Assert.Equal("007", result.Data.People[contact.Person]);
        Assert.Equal(new DateTime(2023, 5, 30), contact.ContactAt);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Leading_zero_ids_stay_distinct()
    {
        var result = new TestDrop()
            .Table(Tables.Contacts, ContactHeader, "c1,007,2023-05-30", "c2,7,2023-05-30", "c3, 007 ,2023-05-29")
            .Read();

        Assert.Equal(2, result.Data.PersonCount);
        var p007 = result.Data.People.Find("007");
        var p7 = result.Data.People.Find("7");
        Assert.NotEqual(p007, p7);
        Assert.Equal(2, result.Data.Contacts.For(p007).Length); // " 007 " is trimmed to "007"
        Assert.Equal(1, result.Data.Contacts.For(p7).Length);
    }

    [Fact]
    public void Blank_lines_are_not_data_rows()
    {
        var result = new TestDrop()
            .Table(Tables.Contacts, ContactHeader, "c1,007,2023-05-30", "", "c2,007,2023-05-31", "   ")
            .Read();

        Assert.Equal(2, result.Data.Contacts.RowCount);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_rejected()
    {
        var result = new TestDrop()
            .Table(Tables.Contacts, ContactHeader, "c1,007,2023-05-30", "c2,007,30/05/2023,extra", "c3,007")
            .Read();

        Assert.Equal(1, result.Data.Contacts.RowCount);
        Assert.Equal(2, result.RowsRejected);
        Assert.All(result.Issues, i => Assert.Equal(DropRules.RowShape, i.Rule));
        Assert.Equal(new long[] { 3, 4 }, result.Issues.Select(i => i.SourceRow));
        Assert.Equal(new[] { "c2", "c3" }, result.Issues.Select(i => i.RecordId));
    }

    [Fact]
    public void Multibyte_characters_across_read_blocks_are_valid_utf8()
    {
        // Team names full of 3-byte characters, enough to cross several 64 KB read blocks at every offset.
        var rows = Enumerable.Range(0, 3000).Select(i => $"T{i},Équipe “{i}” – ñ€,Service ✓").ToArray();
        var result = new TestDrop().Table(Tables.Department, "dept_team_id,dept_team_name,dept_team_parent_name", rows).Read();

        Assert.Equal(3000, result.Data.Teams.Count);
        Assert.Equal("Équipe “2999” – ñ€", result.Data.TeamInfo[result.Data.Teams.Find("T2999")]!.Name);
    }
}
