using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>ssd_involvements → <see cref="InvolvementRecord"/> (IsCaseWorker when the role is CW, any case; Team from invo_professional_team).</summary>
internal sealed class InvolvementsReader(TableSpec spec, ReadContext context) : PersonRecordReader<InvolvementRecord>(spec, context)
{
    private const int Id = 0, Worker = 1, Role = 2, Team = 3, Person = 4, Start = 5, End = 6;

    public static readonly TableSpec Definition = new(Tables.Involvements,
        [Req("invo_involvements_id"), Req("invo_professional_id"), Opt("invo_professional_role_id"), Opt("invo_professional_team"),
         Req("invo_person_id"), Req("invo_involvement_start_date"), Opt("invo_involvement_end_date")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new InvolvementsReader(s, c));

    protected override bool TryRead(ref Row row, out InvolvementRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDate(Start, out var start)) return false;
        var end = row.Date(End);
        if (!row.EndNotBeforeStart(Start, start, End, end)) return false;
        var isCaseWorker = row[Role].Equals("CW", StringComparison.OrdinalIgnoreCase);
        if (!row.ClaimKey() || !row.Person(Person, out var person) || !row.RequiredWorker(Worker, out var worker)) return false;
        record = new InvolvementRecord(person, worker, row.Team(Team), isCaseWorker, start, end);
        return true;
    }

    protected override InvolvementRecord Finalise(in InvolvementRecord r) =>
        r with { Person = FinalPerson(r.Person), Team = FinalTeam(r.Team), Worker = FinalWorker(r.Worker) };
}
