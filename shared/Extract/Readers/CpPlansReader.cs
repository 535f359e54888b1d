using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>ssd_cp_plans → <see cref="CpPlanRecord"/> (PreviousPlans from the extension column cppl_previous_cp_plans).</summary>
internal sealed class CpPlansReader(TableSpec spec, ReadContext context) : PersonRecordReader<CpPlanRecord>(spec, context)
{
    private const int Id = 0, Person = 1, Start = 2, End = 3, Previous = 4;

    public static readonly TableSpec Definition = new(Tables.CpPlans,
        [Req("cppl_cp_plan_id"), Req("cppl_person_id"), Req("cppl_cp_plan_start_date"), Opt("cppl_cp_plan_end_date"),
         Opt("cppl_previous_cp_plans")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new CpPlansReader(s, c));

    protected override bool TryRead(ref Row row, out CpPlanRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDate(Start, out var start)) return false;
        var end = row.Date(End);
        if (!row.EndNotBeforeStart(Start, start, End, end)) return false;
        var previous = row.NonNegativeInt(Previous);
        if (!row.ClaimKey() || !row.Person(Person, out var person)) return false;
        record = new CpPlanRecord(person, start, end, previous);
        return true;
    }

    protected override CpPlanRecord Finalise(in CpPlanRecord r) => r with { Person = FinalPerson(r.Person) };
}
