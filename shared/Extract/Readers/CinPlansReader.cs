using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>ssd_cin_plans → <see cref="CinPlanRecord"/> (AuthorisedDate from the extension column cinp_cin_plan_auth_date).</summary>
internal sealed class CinPlansReader(TableSpec spec, ReadContext context) : PersonRecordReader<CinPlanRecord>(spec, context)
{
    private const int Id = 0, Person = 1, Start = 2, End = 3, Auth = 4, Team = 5, Worker = 6;

    public static readonly TableSpec Definition = new(Tables.CinPlans,
        [Req("cinp_cin_plan_id"), Req("cinp_person_id"), Req("cinp_cin_plan_start_date"), Opt("cinp_cin_plan_end_date"),
         Opt("cinp_cin_plan_auth_date"), Opt("cinp_cin_plan_team"), Opt("cinp_cin_plan_worker_id")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new CinPlansReader(s, c));

    protected override bool TryRead(ref Row row, out CinPlanRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDate(Start, out var start)) return false;
        var end = row.Date(End);
        if (!row.EndNotBeforeStart(Start, start, End, end)) return false;
        var auth = row.Date(Auth);
        if (!row.ClaimKey() || !row.Person(Person, out var person)) return false;
        record = new CinPlanRecord(person, start, end, auth, row.Team(Team), row.Worker(Worker));
        return true;
    }

    protected override CinPlanRecord Finalise(in CinPlanRecord r) =>
        r with { Person = FinalPerson(r.Person), Team = FinalTeam(r.Team), Worker = FinalWorker(r.Worker) };
}
