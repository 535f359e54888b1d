using KpiPipeline.Extract;
using KpiPipeline.Model;

namespace KpiPipeline.Tests.TestSupport;

public class TestDropTests
{
    [Fact]
    public void Adds_minimal_person_rows_for_every_referenced_person()
    {
        using var drop = new TestDrop()
            .Table(Tables.Person, "pers_person_id,pers_dob", "001,2010-01-01")
            .Table(Tables.Contacts, "cont_contact_id,cont_person_id,cont_contact_date", "c1,007,2023-05-30", "c2,001,2023-05-30")
            .Table(Tables.CinVisits, "cinv_cin_visit_id,cinv_person_id,cinv_cin_visit_date", "v1,\"0,8\",2023-05-01")
            .WriteTemp();

        // Referenced ids are added in table-name order (ssd_cin_visits before ssd_contacts), quoted when needed.
        Assert.Equal("pers_person_id,pers_dob\n001,2010-01-01\n\"0,8\",\n007,\n", File.ReadAllText(drop.PathOf(Tables.Person)));
        var result = drop.Read();
        Assert.Empty(result.Issues);
        Assert.Equal(3, result.Data.PersonCount);
        Assert.Equal(3, result.Manifest.Tables[Tables.Person].Rows);
    }

    [Fact]
    public void Appending_to_a_table_and_crlf()
    {
        using var drop = new TestDrop().WithCrLf()
            .Table(Tables.Contacts, "cont_contact_id,cont_person_id,cont_contact_date", "c1,007,2023-05-30")
            .Table(Tables.Contacts, "cont_contact_id,cont_person_id,cont_contact_date", "c2,007,2023-05-31")
            .WriteTemp();

        Assert.Equal("cont_contact_id,cont_person_id,cont_contact_date\r\nc1,007,2023-05-30\r\nc2,007,2023-05-31\r\n",
            File.ReadAllText(drop.PathOf(Tables.Contacts)));
        Assert.EndsWith(Path.Combine("343", "2023-05-31"), drop.Folder);
        Assert.Equal(2, drop.Read().Data.Contacts.RowCount);
    }
}
