using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>ssd_contacts → <see cref="ContactRecord"/>; DecidedAt from the extension column cont_decision_date.</summary>
internal sealed class ContactsReader(TableSpec spec, ReadContext context) : PersonRecordReader<ContactRecord>(spec, context)
{
    private const int Id = 0, Person = 1, Date = 2, Decision = 3;

    public static readonly TableSpec Definition = new(Tables.Contacts,
        [Req("cont_contact_id"), Req("cont_person_id"), Req("cont_contact_date"), Opt("cont_decision_date")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new ContactsReader(s, c));

    protected override bool TryRead(ref Row row, out ContactRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDateTime(Date, out var at)) return false;
        var decided = row.DateTime(Decision);
        if (decided < at)
        {
            // Repaired, not rejected: the contact itself is sound and counts; only its decision time is unusable.
            row.Warn(DropRules.DecisionBeforeContact,
                $"cont_decision_date {decided:yyyy-MM-dd HH:mm} is before cont_contact_date {at:yyyy-MM-dd HH:mm}; treated as blank");
            decided = null;
        }
        if (!row.ClaimKey() || !row.Person(Person, out var person)) return false;
        record = new ContactRecord(person, at, decided);
        return true;
    }

    protected override ContactRecord Finalise(in ContactRecord r) => r with { Person = FinalPerson(r.Person) };
}
