using KpiPipeline.Model;

namespace KpiPipeline.Kpis.Engine;

/// <summary>
/// Teams, services and workers of the drop as lookup arrays: a worker's home team and manager,
/// a team's service. Services are dictionary-encoded by name (dept_team_parent_name).
/// </summary>
public sealed class Organisation
{
    private readonly int[] _workerTeam;
    private readonly int[] _teamService;
    private readonly int[] _workerManager; // by worker id, for the first WorkerInfo.Count ids

    public Organisation(CaseData data)
    {
        Services = new IdMap();
        _teamService = new int[data.Teams.Count];
        for (var t = 0; t < _teamService.Length; t++)
        {
            var info = t < data.TeamInfo.Count ? data.TeamInfo[t] : null;
            _teamService[t] = Services.GetOrAdd(info?.Service);
        }
        _workerTeam = new int[data.Workers.Count];
        for (var w = 0; w < _workerTeam.Length; w++)
        {
            var info = w < data.WorkerInfo.Count ? data.WorkerInfo[w] : null;
            _workerTeam[w] = info?.Team ?? IdMap.None;
        }
        _workerManager = new int[data.WorkerInfo.Count];
        for (var w = 0; w < _workerManager.Length; w++) _workerManager[w] = data.WorkerInfo[w]?.Manager ?? IdMap.None;
        Data = data;
    }

    public CaseData Data { get; }
    public IdMap Services { get; }
    public int TeamCount => _teamService.Length;
    public int WorkerCount => _workerTeam.Length;

    public int ServiceOf(int team) => team == IdMap.None ? IdMap.None : _teamService[team];

    /// <summary>The worker's home team from ssd_professionals, or None.</summary>
    public int HomeTeamOf(int worker) => worker == IdMap.None ? IdMap.None : _workerTeam[worker];

    /// <summary>Fills a missing team from the worker's home team.</summary>
    public Attribution Complete(Attribution a) =>
        a.Team == IdMap.None && a.Worker != IdMap.None ? a with { Team = HomeTeamOf(a.Worker) } : a;

    /// <summary>The worker's line manager from ssd_professionals, or None (also for a worker with no row there).</summary>
    public int ManagerOf(int worker) => (uint)worker < (uint)_workerManager.Length ? _workerManager[worker] : IdMap.None;
}
