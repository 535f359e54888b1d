using KpiPipeline.Extract;
using KpiPipeline.Model;
using KpiPipeline.Tests.TestSupport;

namespace KpiPipeline.Tests.Extract;

/// <summary>Row-level problems: the row is rejected or repaired and a data_quality issue says where and why.</summary>
public class DropReaderRowTests
{
    private const string ContactHeader = "cont_contact_id,cont_person_id,cont_contact_date";
    private const string ReferralHeader = "cine_referral_id,cine_person_id,cine_referral_date,cine_close_date";

    [Fact]
    public void Bad_date_rejects_the_row_and_names_row_and_record()
    {
        var result = new TestDrop()
            .Table(Tables.Contacts, ContactHeader, "c1,007,2023-05-30", "c2,007,x", "c3,007,2023-05-29")
            .Read();

        Assert.Equal(2, result.Data.Contacts.RowCount);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(new DataQualityIssue(Tables.Contacts, 3, "c2", DropRules.BadDate, Severity.Error, "cont_contact_date 'x' is not a date"), issue);
        Assert.Equal(1, result.RowsRejected);
        Assert.Equal(4, result.RowsIn); // 3 contacts + the auto-added person row
    }

    [Fact]
    public void Empty_required_value_rejects_the_row()
    {
        var result = new TestDrop().Table(Tables.Contacts, ContactHeader, "c1,007,", ",007,2023-05-30").Read();
        Assert.Equal(0, result.Data.Contacts.RowCount);
        Assert.Equal(new[] { "cont_contact_date is empty", "cont_contact_id is empty" }, result.Issues.Select(i => i.Message));
        Assert.All(result.Issues, i => Assert.Equal(DropRules.MissingValue, i.Rule));
        Assert.Equal(new string?[] { "c1", null }, result.Issues.Select(i => i.RecordId));
    }

    [Fact]
    public void End_before_start_rejects_the_row()
    {
        var result = new TestDrop()
            .Table(Tables.CinEpisodes, ReferralHeader, "r1,007,2023-05-10,2023-05-09", "r2,007,2023-05-10,2023-05-10")
            .Read();

        var referral = Assert.Single(result.Data.Referrals.All.ToArray());
        Assert.Equal(new DateOnly(2023, 5, 10), referral.CloseDate); // same-day close is fine
        var issue = Assert.Single(result.Issues);
        Assert.Equal(DropRules.EndBeforeStart, issue.Rule);
        Assert.Equal("r1", issue.RecordId);
        Assert.Equal(2, issue.SourceRow);
        Assert.Equal("end date before start date: cine_close_date 2023-05-09 is before cine_referral_date 2023-05-10", issue.Message);
    }

    [Fact]
    public void Duplicate_key_keeps_the_first_row()
    {
        var result = new TestDrop()
            .Table(Tables.Contacts, ContactHeader, "c1,007,2023-05-30", "c1,008,2023-05-29")
            .Read();

        var contact = Assert.Single(result.Data.Contacts.All.ToArray());
        Assert.Equal("007", result.Data.People[contact.Person]);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(DropRules.DuplicateKey, issue.Rule);
        Assert.Equal(3, issue.SourceRow);
        Assert.Contains("duplicate key", issue.Message);
    }

    [Fact]
    public void The_first_valid_row_with_a_key_wins_and_rejected_rows_add_no_people()
    {
        var result = new TestDrop().WithoutAutoPersons()
            .Table(Tables.Person, "pers_person_id", "007")
            .Table(Tables.Contacts, ContactHeader, "c1,007,x", "c1,007,2023-05-30", "c1,999,2023-05-29")
            .Read();

        Assert.Equal(new DateTime(2023, 5, 30), Assert.Single(result.Data.Contacts.All.ToArray()).ContactAt);
        Assert.Equal(new[] { DropRules.BadDate, DropRules.DuplicateKey }, result.Issues.Select(i => i.Rule));
        Assert.Equal(1, result.Data.PersonCount); // the duplicate's unknown person "999" was never added
    }

    [Theory]
    [InlineData("c1", "c2")]  // keys looked up by hash
    [InlineData("101", "102")] // keys looked up by number
    public void A_key_belongs_to_the_child_of_its_first_row_even_a_rejected_one(string k1, string k2)
    {
        var result = new TestDrop()
            .Table(Tables.Contacts, ContactHeader,
                $"{k1},007,x",            // rejected: bad date; the key is still 007's
                $"{k1},008,2023-05-30",   // another child: duplicate
                $"{k1},007,2023-05-29",   // 007's corrected resend: kept
                $"{k2},009",              // wrong shape: the key is still 009's
                $"{k2},010,2023-05-01",   // another child: duplicate
                $"{k2},009,2023-05-02")   // 009's resend: kept
            .Read();

        var kept = result.Data.Contacts.All.ToArray().Select(c => (result.Data.People[c.Person], c.ContactAt)).Order().ToList();
        Assert.Equal([("007", new DateTime(2023, 5, 29)), ("009", new DateTime(2023, 5, 2))], kept);
        Assert.Equal(
            [(2L, DropRules.BadDate), (3L, DropRules.DuplicateKey), (5L, DropRules.RowShape), (6L, DropRules.DuplicateKey)],
            result.Issues.Select(i => (i.SourceRow, i.Rule)).ToList());
    }

    [Fact]
    public void Unknown_boolean_is_a_warning_and_blank()
    {
        var result = new TestDrop()
            .Table(Tables.CinVisits, "cinv_cin_visit_id,cinv_person_id,cinv_cin_visit_date,cinv_cin_visit_seen", "v1,007,2023-05-01,maybe")
            .Read();

        Assert.Null(Assert.Single(result.Data.CinVisits.All.ToArray()).Seen);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(Severity.Warning, issue.Severity);
        Assert.Equal(DropRules.BadBoolean, issue.Rule);
        Assert.Equal("unknown boolean 'maybe' in cinv_cin_visit_seen; treated as blank", issue.Message);
        Assert.Equal(0, result.RowsRejected);
    }

    [Fact]
    public void Person_not_in_ssd_person_is_kept_with_a_warning()
    {
        var result = new TestDrop().WithoutAutoPersons()
            .Table(Tables.Person, "pers_person_id", "007")
            .Table(Tables.Contacts, ContactHeader, "c1,007,2023-05-30", "c2,999,2023-05-30")
            .Read();

        Assert.Equal(2, result.Data.Contacts.RowCount);
        Assert.Equal(2, result.Data.PersonCount);
        var p999 = result.Data.People.Find("999");
        Assert.Equal(1, result.Data.Contacts.For(p999).Length);
        Assert.Equal(0, result.Data.Persons.For(p999).Length); // no ssd_person row
        var issue = Assert.Single(result.Issues);
        Assert.Equal(new DataQualityIssue(Tables.Contacts, 3, "c2", DropRules.UnknownPerson, Severity.Warning,
            "cont_person_id '999': person id not in ssd_person"), issue);
    }

    [Fact]
    public void Ids_longer_than_48_characters()
    {
        var longId = new string('x', 49);
        var result = new TestDrop()
            .Table(Tables.CinEpisodes, "cine_referral_id,cine_person_id,cine_referral_date,cine_referral_worker_id",
                $"{longId},007,2023-05-01,", $"r2,007,2023-05-02,{longId}")
            .Read();

        var referral = Assert.Single(result.Data.Referrals.All.ToArray());
        Assert.Equal(IdMap.None, referral.Worker); // an optional id too long is blanked, the row kept
        Assert.Equal(new[] { (DropRules.IdTooLong, Severity.Error), (DropRules.IdTooLong, Severity.Warning) },
            result.Issues.Select(i => (i.Rule, i.Severity)));
        Assert.Equal(new string('x', 48) + "…", result.Issues[0].RecordId);
        Assert.Equal(new DateOnly(2023, 5, 2), referral.ReferralDate);
    }

    [Fact]
    public void Decision_before_contact_blanks_the_decision_time()
    {
        var result = new TestDrop()
            .Table(Tables.Contacts, ContactHeader + ",cont_decision_date", "c1,007,2023-05-30 10:00,2023-05-30 09:00", "c2,007,2023-05-30 10:00,2023-05-31 09:00")
            .Read();

        var contacts = result.Data.Contacts.All.ToArray().OrderBy(c => c.DecidedAt).ToArray();
        Assert.Null(contacts[0].DecidedAt);
        Assert.Equal(new DateTime(2023, 5, 31, 9, 0, 0), contacts[1].DecidedAt);
        Assert.Equal(DropRules.DecisionBeforeContact, Assert.Single(result.Issues).Rule);
    }

    [Fact]
    public void Dates_of_birth_are_never_quoted_in_messages()
    {
        var result = new TestDrop()
            .Table(Tables.Person, "pers_person_id,pers_dob,pers_expected_dob", "007,31/02/2012,2012-13-01")
            .Read();

        Assert.Equal(2, result.Issues.Count);
        Assert.All(result.Issues, i =>
        {
            Assert.Equal(DropRules.BadDate, i.Rule);
            Assert.DoesNotContain("2012", i.Message);
            Assert.Contains("(value withheld)", i.Message);
        });
        Assert.Null(result.Data.Persons.For(0)[0].BirthDate);
    }

    [Fact]
    public void Issues_beyond_the_cap_are_counted_in_one_summary_row()
    {
        var rows = Enumerable.Range(1, 5).Select(i => $"c{i},007,bad{i}").Append("c9,007,2023-05-30").ToArray();
        var result = new TestDrop().Table(Tables.Contacts, ContactHeader, rows).Read(new DropReadOptions { MaxIssuesPerRule = 2 });

        Assert.Equal(5, result.RowsRejected);
        Assert.Equal(3, result.Issues.Count);
        Assert.Equal(new long[] { 2, 3 }, result.Issues.Take(2).Select(i => i.SourceRow));
        var summary = result.Issues[2];
        Assert.Equal(0, summary.SourceRow);
        Assert.Equal(DropRules.BadDate, summary.Rule);
        Assert.Equal("3 more rows broke rule bad_date (5 in all; only the first 2 are listed)", summary.Message);
    }

    [Fact]
    public void Codes_and_issues_do_not_depend_on_thread_timing()
    {
        // Unknown people, workers and teams first met in several tables read in parallel.
        var drop = new TestDrop().WithoutAutoPersons()
            .Table(Tables.Person, "pers_person_id", "p0")
            .Table(Tables.Department, "dept_team_id,dept_team_name", "T1,One")
            .Table(Tables.Contacts, ContactHeader, Enumerable.Range(0, 300).Select(i => $"c{i},u{i % 37},2023-05-30").ToArray())
            .Table(Tables.CinEpisodes, "cine_referral_id,cine_person_id,cine_referral_date,cine_referral_team,cine_referral_worker_id",
                Enumerable.Range(0, 300).Select(i => $"r{i},u{(i * 7) % 41},2023-05-01,T{i % 5},w{i % 3}").ToArray())
            .Table(Tables.CinVisits, "cinv_cin_visit_id,cinv_person_id,cinv_cin_visit_date",
                Enumerable.Range(0, 300).Select(i => $"v{i},u{(i * 3) % 43},2023-05-01").ToArray());

        var one = drop.Read(new DropReadOptions { MaxDegreeOfParallelism = 1 });
        for (var run = 0; run < 5; run++)
        {
            var two = drop.Read(new DropReadOptions { MaxDegreeOfParallelism = 2 });
            Assert.Equal(Enumerable.Range(0, one.Data.People.Count).Select(i => one.Data.People[i]),
                Enumerable.Range(0, two.Data.People.Count).Select(i => two.Data.People[i]));
            Assert.Equal(Enumerable.Range(0, one.Data.Teams.Count).Select(i => one.Data.Teams[i]),
                Enumerable.Range(0, two.Data.Teams.Count).Select(i => two.Data.Teams[i]));
            Assert.Equal(one.Data.Referrals.All.ToArray(), two.Data.Referrals.All.ToArray());
            Assert.Equal(one.Data.CinVisits.All.ToArray(), two.Data.CinVisits.All.ToArray());
            Assert.Equal(one.Issues, two.Issues);
        }
        Assert.Equal(1 + 43, one.Data.PersonCount); // p0 and u0..u42
        Assert.Null(one.Data.TeamInfo[one.Data.Teams.Find("T3")]);
        Assert.NotNull(one.Data.TeamInfo[one.Data.Teams.Find("T1")]);
    }
}
