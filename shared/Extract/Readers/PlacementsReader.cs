using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>
/// ssd_cla_placement → <see cref="PlacementRecord"/>. Some systems' SSD extracts leave clap_person_id blank (or
/// out); the child is then found through clap_cla_id → ssd_cla_episodes.clae_cla_id, once that table is read.
/// </summary>
internal sealed class PlacementsReader(TableSpec spec, ReadContext context) : PersonRecordReader<PlacementRecord>(spec, context)
{
    private const int Id = 0, ClaId = 1, Person = 2, Start = 3, Type = 4, End = 5;

    public static readonly TableSpec Definition = new(Tables.ClaPlacement,
        [Req("clap_cla_placement_id"), Opt("clap_cla_id"), new("clap_person_id", true, DerivableFrom: "clap_cla_id"),
         Req("clap_cla_placement_start_date"), Opt("clap_cla_placement_type"), Opt("clap_cla_placement_end_date")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new PlacementsReader(s, c));

    private readonly List<(PlacementRecord Record, long ClaKey, long SourceRow, string? RecordId)> _toDerive = new();
    private long _claKey;

    protected override bool TryRead(ref Row row, out PlacementRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDate(Start, out var start)) return false;
        var end = row.Date(End);
        if (!row.EndNotBeforeStart(Start, start, End, end)) return false;
        var type = row.Code(Type);
        _claKey = row.Link(ClaId);
        if (!row.ClaimKey()) return false;
        var person = IdMap.None;
        if (!row[Person].IsEmpty)
        {
            if (!row.Person(Person, out person)) return false;
        }
        else if (_claKey == LinkKey.None)
            return row.Reject(DropRules.MissingValue, "clap_person_id and clap_cla_id are both empty: the placement belongs to no child");
        record = new PlacementRecord(person, start, end, type);
        return true;
    }

    protected override void Keep(ref Row row, in PlacementRecord record)
    {
        if (record.Person == IdMap.None) _toDerive.Add((record, _claKey, row.SourceRow, row.RecordId));
        else base.Keep(ref row, record);
    }

    protected override PlacementRecord Finalise(in PlacementRecord r) => r with { Person = FinalPerson(r.Person) };

    public override void Commit()
    {
        base.Commit();
        var episodes = Context.ClaEpisodes;
        foreach (var (record, claKey, sourceRow, recordId) in _toDerive)
        {
            if (episodes is not null && episodes.TryGetPerson(claKey, out var person, out _))
            {
                Store(record with { Person = person });
                continue;
            }
            string why;
            if (episodes is null) why = "ssd_cla_episodes is not in the drop";
            else
            {
                episodes.TryGetPerson(claKey, out _, out var conflicting);
                why = conflicting ? "that clae_cla_id belongs to more than one person" : "no ssd_cla_episodes row has that clae_cla_id";
            }
            Issues.Add(sourceRow, recordId, DropRules.PersonUnresolved, Severity.Error, $"clap_person_id is empty and its clap_cla_id cannot place it: {why}");
            RowsRejected++;
        }
        _toDerive.Clear();
    }
}
