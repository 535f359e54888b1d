using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>
/// ssd_cla_episodes → <see cref="ClaEpisodeRecord"/>. Also remembers which child each period of care
/// (clae_cla_id) belongs to, so placements that lack a person id can be given one.
/// </summary>
internal sealed class ClaEpisodesReader : PersonRecordReader<ClaEpisodeRecord>
{
    private const int Id = 0, Person = 1, Start = 2, Ceased = 3, ClaId = 4;
    private const int Conflicting = int.MinValue;

    public static readonly TableSpec Definition = new(Tables.ClaEpisodes,
        [Req("clae_cla_episode_id"), Req("clae_person_id"), Req("clae_cla_episode_start_date"),
         Opt("clae_cla_episode_ceased_date"), Opt("clae_cla_id")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new ClaEpisodesReader(s, c));

    // LinkKey of clae_cla_id → person code (provisional until Commit), or Conflicting.
    private readonly Dictionary<long, int> _claPerson = new();

    public ClaEpisodesReader(TableSpec spec, ReadContext context) : base(spec, context) => context.ClaEpisodes = this;

    protected override bool TryRead(ref Row row, out ClaEpisodeRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDate(Start, out var start)) return false;
        var ceased = row.Date(Ceased);
        if (!row.EndNotBeforeStart(Start, start, Ceased, ceased)) return false;
        var claKey = row.Link(ClaId);
        if (!row.ClaimKey() || !row.Person(Person, out var person)) return false;
        if (claKey != LinkKey.None) RememberPeriodOfCare(ref row, claKey, person);
        record = new ClaEpisodeRecord(person, start, ceased);
        return true;
    }

    private void RememberPeriodOfCare(ref Row row, long claKey, int person)
    {
        if (!_claPerson.TryGetValue(claKey, out var known))
            _claPerson.Add(claKey, person);
        else if (known != person && known != Conflicting)
        {
            _claPerson[claKey] = Conflicting;
            row.Warn(DropRules.ClaIdConflict, "clae_cla_id is shared by episodes of different people; placements cannot be matched through it");
        }
    }

    protected override ClaEpisodeRecord Finalise(in ClaEpisodeRecord r) => r with { Person = FinalPerson(r.Person) };

    public override void Commit()
    {
        base.Commit();
        foreach (var (key, person) in _claPerson.ToArray())
            if (person != Conflicting) _claPerson[key] = FinalPerson(person);
    }

    /// <summary>The child of a period of care (after Commit); false when unknown or ambiguous.</summary>
    public bool TryGetPerson(long claKey, out int person, out bool conflicting)
    {
        conflicting = false;
        if (!_claPerson.TryGetValue(claKey, out person)) return false;
        conflicting = person == Conflicting;
        return !conflicting;
    }
}
