using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>
/// ssd_person → <see cref="PersonRecord"/>. Read before the person-keyed tables: its ids get the first,
/// stable person codes, and every other table only looks them up.
/// </summary>
internal sealed class PersonReader(TableSpec spec, ReadContext context) : PersonRecordReader<PersonRecord>(spec, context)
{
    private const int Id = 0, Dob = 1, ExpectedDob = 2, Death = 3;

    public static readonly TableSpec Definition = new(Tables.Person,
        [Req("pers_person_id"), new("pers_dob", false, Sensitive: true), new("pers_expected_dob", false, Sensitive: true), new("pers_death_date", false, Sensitive: true)],
        KeyColumn: Id, PersonColumn: Id, IsDimension: true, (s, c) => new PersonReader(s, c));

    public override void Begin(int[] map, long expectedRows)
    {
        base.Begin(map, expectedRows);
        // Every row adds a person: size the shared map once rather than rehash it on the way to millions.
        // (Capped: the manifest's count is only checked at the end of the file.)
        Context.People.EnsureCapacity((int)Math.Min(expectedRows + Context.People.Count, 1 << 25));
    }

    protected override bool TryRead(ref Row row, out PersonRecord record)
    {
        record = default;
        var id = row.ReadKey(Id);
        if (id.IsEmpty) return row.Reject(DropRules.MissingValue, "pers_person_id is empty");
        if (id.Length > Row.MaxIdLength) return row.Reject(DropRules.IdTooLong, $"pers_person_id is longer than {Row.MaxIdLength} characters");
        var dob = row.Date(Dob);
        var expected = row.Date(ExpectedDob);
        var death = row.Date(Death);
        var before = Context.People.Count;
        var person = Context.People.GetOrAdd(id);
        if (person < before)
            return row.Reject(DropRules.DuplicateKey, $"duplicate key: pers_person_id {row.Quote(Id, id)} is already on an earlier row");
        record = new PersonRecord(person, dob, expected, death);
        return true;
    }

    protected override PersonRecord Finalise(in PersonRecord r) => r; // ids are final at once (dimension)
}
