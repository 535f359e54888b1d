using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>
/// ssd_professionals → <see cref="WorkerInfo"/>: team from prof_professional_department (a team id, or a team
/// name), first-line manager from prof_manager_id, agency flag. Read after ssd_department, before the parallel phase.
/// </summary>
internal sealed class ProfessionalsReader(TableSpec spec, ReadContext context) : TableReader(spec, context)
{
    private const int Id = 0, Name = 1, Email = 2, Department = 3, Manager = 4, Agency = 5, JobTitle = 6;

    public static readonly TableSpec Definition = new(Tables.Professionals,
        [Req("prof_professional_id"), Opt("prof_professional_name"), Opt("prof_email"), Opt("prof_professional_department"),
         Opt("prof_manager_id"), Opt("prof_agency_worker_flag"), Opt("prof_professional_job_title")],
        KeyColumn: Id, PersonColumn: -1, IsDimension: true, (s, c) => new ProfessionalsReader(s, c));

    private readonly List<(long Row, string? RecordId, int Manager)> _managers = new();

    /// <summary>Indexed by worker code.</summary>
    public List<WorkerInfo?> Infos { get; } = new();

    public override bool TryAccept(ref Row row)
    {
        var id = row.ReadKey(Id);
        if (id.IsEmpty) return row.Reject(DropRules.MissingValue, "prof_professional_id is empty");
        if (id.Length > Row.MaxIdLength) return row.Reject(DropRules.IdTooLong, $"prof_professional_id is longer than {Row.MaxIdLength} characters");
        var worker = Context.Workers.GetOrAdd(id);
        if (worker < Infos.Count && Infos[worker] is not null)
            return row.Reject(DropRules.DuplicateKey, $"duplicate key: prof_professional_id {row.Quote(Id, id)} is already on an earlier row");

        var team = row.Team(Department);
        // A manager usually has a row of their own, perhaps further down: checked in Commit, not here.
        var managerId = row.OptionalId(Manager);
        var manager = managerId.IsEmpty ? IdMap.None : Context.Workers.GetOrAdd(managerId);
        if (manager != IdMap.None) _managers.Add((row.SourceRow, row.RecordId, manager));
        var info = new WorkerInfo(worker, row.Text(Name), row.Text(Email), team, manager, row.Bool(Agency), row.Text(JobTitle));
        Slots.Set(Infos, worker, info);
        return true;
    }

    public override void Commit()
    {
        base.Commit();
        foreach (var (sourceRow, recordId, manager) in _managers)
            if (manager >= Infos.Count || Infos[manager] is null)
                Issues.Add(sourceRow, recordId, DropRules.UnknownWorker, Severity.Warning,
                    $"prof_manager_id '{Context.Workers[manager]}' is not in ssd_professionals");
    }
}
