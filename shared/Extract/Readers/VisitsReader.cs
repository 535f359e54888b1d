using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>ssd_cin_visits / ssd_cp_visits / ssd_cla_visits → <see cref="VisitRecord"/> (Seen from the *_seen flag).</summary>
internal sealed class VisitsReader(TableSpec spec, ReadContext context) : PersonRecordReader<VisitRecord>(spec, context)
{
    private const int Id = 0, Person = 1, Date = 2, Seen = 3;

    public static readonly TableSpec Cin = Define(Tables.CinVisits, "cinv", "cin");
    public static readonly TableSpec Cp = Define(Tables.CpVisits, "cppv", "cp");
    public static readonly TableSpec Cla = Define(Tables.ClaVisits, "clav", "cla");

    private static TableSpec Define(string table, string prefix, string kind) => new(table,
        [Req($"{prefix}_{kind}_visit_id"), Req($"{prefix}_person_id"), Req($"{prefix}_{kind}_visit_date"), Opt($"{prefix}_{kind}_visit_seen")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new VisitsReader(s, c));

    protected override bool TryRead(ref Row row, out VisitRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDate(Date, out var date)) return false;
        var seen = row.Bool(Seen);
        if (!row.ClaimKey() || !row.Person(Person, out var person)) return false;
        record = new VisitRecord(person, date, seen);
        return true;
    }

    protected override VisitRecord Finalise(in VisitRecord r) => r with { Person = FinalPerson(r.Person) };
}
