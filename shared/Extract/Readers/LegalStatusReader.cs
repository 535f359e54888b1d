using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>ssd_legal_status → <see cref="LegalStatusRecord"/> (903 LS code, upper-case).</summary>
internal sealed class LegalStatusReader(TableSpec spec, ReadContext context) : PersonRecordReader<LegalStatusRecord>(spec, context)
{
    private const int Id = 0, Person = 1, Code = 2, Start = 3, End = 4;

    public static readonly TableSpec Definition = new(Tables.LegalStatus,
        [Req("lega_legal_status_id"), Req("lega_person_id"), Req("lega_legal_status"), Req("lega_legal_status_start_date"),
         Opt("lega_legal_status_end_date")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new LegalStatusReader(s, c));

    protected override bool TryRead(ref Row row, out LegalStatusRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredCode(Code, out var code) || !row.RequiredDate(Start, out var start)) return false;
        var end = row.Date(End);
        if (!row.EndNotBeforeStart(Start, start, End, end)) return false;
        if (!row.ClaimKey() || !row.Person(Person, out var person)) return false;
        record = new LegalStatusRecord(person, code, start, end);
        return true;
    }

    protected override LegalStatusRecord Finalise(in LegalStatusRecord r) => r with { Person = FinalPerson(r.Person) };
}
