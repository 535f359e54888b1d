using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>ext_case_supervision → <see cref="SupervisionRecord"/> (supv_type SUPERVISION or OVERSIGHT, any case).</summary>
internal sealed class SupervisionReader(TableSpec spec, ReadContext context) : PersonRecordReader<SupervisionRecord>(spec, context)
{
    private const int Id = 0, Person = 1, Date = 2, Type = 3;

    public static readonly TableSpec Definition = new(Tables.Supervision,
        [Req("supv_id"), Req("supv_person_id"), Req("supv_date"), Req("supv_type")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new SupervisionReader(s, c));

    protected override bool TryRead(ref Row row, out SupervisionRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDate(Date, out var date)) return false;
        var type = row[Type];
        SupervisionKind kind;
        if (type.Equals("SUPERVISION", StringComparison.OrdinalIgnoreCase)) kind = SupervisionKind.Supervision;
        else if (type.Equals("OVERSIGHT", StringComparison.OrdinalIgnoreCase)) kind = SupervisionKind.Oversight;
        else if (type.IsEmpty) return row.Reject(DropRules.MissingValue, "supv_type is empty");
        else return row.Reject(DropRules.BadCode, $"supv_type {row.Quote(Type, type)} is not SUPERVISION or OVERSIGHT");
        if (!row.ClaimKey() || !row.Person(Person, out var person)) return false;
        record = new SupervisionRecord(person, date, kind);
        return true;
    }

    protected override SupervisionRecord Finalise(in SupervisionRecord r) => r with { Person = FinalPerson(r.Person) };
}
