using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>ssd_cin_episodes → <see cref="ReferralRecord"/> (each row is a referral; Nfa from cine_referral_nfa, blank = not NFA).</summary>
internal sealed class ReferralsReader(TableSpec spec, ReadContext context) : PersonRecordReader<ReferralRecord>(spec, context)
{
    private const int Id = 0, Person = 1, Date = 2, Close = 3, Nfa = 4, Team = 5, Worker = 6;

    public static readonly TableSpec Definition = new(Tables.CinEpisodes,
        [Req("cine_referral_id"), Req("cine_person_id"), Req("cine_referral_date"), Opt("cine_close_date"),
         Opt("cine_referral_nfa"), Opt("cine_referral_team"), Opt("cine_referral_worker_id")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new ReferralsReader(s, c));

    protected override bool TryRead(ref Row row, out ReferralRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDate(Date, out var date)) return false;
        var close = row.Date(Close);
        if (!row.EndNotBeforeStart(Date, date, Close, close)) return false;
        var nfa = row.Bool(Nfa) ?? false;
        if (!row.ClaimKey() || !row.Person(Person, out var person)) return false;
        record = new ReferralRecord(person, row.KeyHash, date, close, nfa, row.Team(Team), row.Worker(Worker));
        return true;
    }

    protected override ReferralRecord Finalise(in ReferralRecord r) =>
        r with { Person = FinalPerson(r.Person), Team = FinalTeam(r.Team), Worker = FinalWorker(r.Worker) };
}
