using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>ssd_s47_enquiry → <see cref="S47Record"/> (EnquiryKey = the enquiry's own id, which ICPCs link to).</summary>
internal sealed class S47Reader(TableSpec spec, ReadContext context) : PersonRecordReader<S47Record>(spec, context)
{
    private const int Id = 0, Referral = 1, Person = 2, Start = 3, End = 4, Team = 5, Worker = 6;

    public static readonly TableSpec Definition = new(Tables.S47,
        [Req("s47e_s47_enquiry_id"), Opt("s47e_referral_id"), Req("s47e_person_id"), Req("s47e_s47_start_date"),
         Opt("s47e_s47_end_date"), Opt("s47e_s47_completed_by_team"), Opt("s47e_s47_completed_by_worker_id")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new S47Reader(s, c));

    protected override bool TryRead(ref Row row, out S47Record record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDate(Start, out var start)) return false;
        var end = row.Date(End);
        if (!row.EndNotBeforeStart(Start, start, End, end)) return false;
        if (!row.ClaimKey() || !row.Person(Person, out var person)) return false;
        record = new S47Record(person, row.KeyHash, row.Link(Referral), start, end, row.Team(Team), row.Worker(Worker));
        return true;
    }

    protected override S47Record Finalise(in S47Record r) =>
        r with { Person = FinalPerson(r.Person), Team = FinalTeam(r.Team), Worker = FinalWorker(r.Worker) };
}
