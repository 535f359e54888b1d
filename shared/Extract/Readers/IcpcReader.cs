using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>ssd_initial_cp_conference → <see cref="IcpcRecord"/> (EnquiryKey from icpc_s47_enquiry_id; transfer-in blank = no).</summary>
internal sealed class IcpcReader(TableSpec spec, ReadContext context) : PersonRecordReader<IcpcRecord>(spec, context)
{
    private const int Id = 0, Enquiry = 1, Person = 2, TransferIn = 3, Date = 4, Team = 5, Worker = 6;

    public static readonly TableSpec Definition = new(Tables.Icpc,
        [Req("icpc_icpc_id"), Opt("icpc_s47_enquiry_id"), Req("icpc_person_id"), Opt("icpc_icpc_transfer_in"),
         Req("icpc_icpc_date"), Opt("icpc_icpc_team"), Opt("icpc_icpc_worker_id")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new IcpcReader(s, c));

    protected override bool TryRead(ref Row row, out IcpcRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDate(Date, out var date)) return false;
        var transferIn = row.Bool(TransferIn) ?? false;
        if (!row.ClaimKey() || !row.Person(Person, out var person)) return false;
        record = new IcpcRecord(person, row.Link(Enquiry), date, transferIn, row.Team(Team), row.Worker(Worker));
        return true;
    }

    protected override IcpcRecord Finalise(in IcpcRecord r) =>
        r with { Person = FinalPerson(r.Person), Team = FinalTeam(r.Team), Worker = FinalWorker(r.Worker) };
}
