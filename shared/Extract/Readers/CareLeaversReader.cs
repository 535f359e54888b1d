using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>ssd_care_leavers → <see cref="CareLeaverRecord"/> (activity and in-touch codes upper-case).</summary>
internal sealed class CareLeaversReader(TableSpec spec, ReadContext context) : PersonRecordReader<CareLeaverRecord>(spec, context)
{
    private const int Id = 0, Person = 1, Activity = 2, InTouch = 3, LatestContact = 4, Team = 5, Worker = 6;

    public static readonly TableSpec Definition = new(Tables.CareLeavers,
        [Req("clea_table_id"), Req("clea_person_id"), Opt("clea_care_leaver_activity"), Opt("clea_care_leaver_in_touch"),
         Opt("clea_care_leaver_latest_contact"), Opt("clea_care_leaver_allocated_team"), Opt("clea_care_leaver_worker_id")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new CareLeaversReader(s, c));

    protected override bool TryRead(ref Row row, out CareLeaverRecord record)
    {
        record = default;
        if (!row.Key(Id)) return false;
        var activity = row.Code(Activity);
        var inTouch = row.Code(InTouch);
        var latest = row.Date(LatestContact);
        if (!row.ClaimKey() || !row.Person(Person, out var person)) return false;
        record = new CareLeaverRecord(person, activity, inTouch, latest, row.Team(Team), row.Worker(Worker));
        return true;
    }

    protected override CareLeaverRecord Finalise(in CareLeaverRecord r) =>
        r with { Person = FinalPerson(r.Person), Team = FinalTeam(r.Team), Worker = FinalWorker(r.Worker) };
}
