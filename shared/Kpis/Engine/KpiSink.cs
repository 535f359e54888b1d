using System.Runtime.CompilerServices;
namespace KpiPipeline.Kpis.Engine;

/// <summary>A numerator/denominator pair being summed.</summary>
public struct Tally
{
    public double Numerator;
    public double Denominator;

    public void Add(double numerator, double denominator)
    {
        Numerator += numerator;
        Denominator += denominator;
    }

    public readonly bool IsEmpty => Numerator == 0 && Denominator == 0;
}

/// <summary>
/// Receives KPI contributions for one KPI at a time, each for one as-at date or a set of them, and sums
/// them at every breakdown level: LA, service, team and (for the snapshot date and the previous month-end)
/// worker. One sink per worker thread; sinks are merged at the end. It also keeps that thread's scratch for
/// deriving a child's cohort facts at every as-at date (<see cref="Open"/>).
/// </summary>
public sealed class KpiSink
{
    private readonly KpiTallies _tallies;
    private readonly Organisation _org;
    private int _kpi;
    private SnapshotDates? _dates;
    private AsAtWindows? _windows;
    private CohortFacts[] _facts = [];

    internal KpiSink(KpiTallies tallies, Organisation org)
    {
        _tallies = tallies;
        _org = org;
    }

    /// <summary>
    /// Derives the child's cohort facts at each of <paramref name="dates"/> (none for a child without case
    /// history) into this sink's scratch; the history is valid until the next call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal ChildHistory Open(in PersonView view, bool hasCaseHistory, SnapshotDates dates, KpiEnvironment env)
    {
        if (!ReferenceEquals(_dates, dates))
        {
            _dates = dates;
            _windows = new AsAtWindows(dates.All);
            _facts = new CohortFacts[dates.Count];
        }
        for (var d = 0; d < _facts.Length; d++)
            _facts[d] = hasCaseHistory ? CohortFacts.At(view, _windows![d]) : CohortFacts.None;
        return new ChildHistory(view, _facts, _windows!, env);
    }

    internal void Bind(int kpi) => _kpi = kpi;

    /// <summary>Counts one (child or event) towards a count KPI at one as-at date.</summary>
    public void Count(int date, Attribution a) => Add(date, a, 1, 0);

    /// <summary>Counts one event towards a count KPI at each of <paramref name="dates"/>.</summary>
    public void Count(DateSet dates, Attribution a) => Add(dates, a, 1, 0);

    /// <summary>Adds one case to a percentage's denominator at one as-at date, and to its numerator when it met the standard.</summary>
    public void Outcome(int date, Attribution a, bool met) => Add(date, a, met ? 1 : 0, 1);

    /// <summary>As <see cref="Outcome(int, Attribution, bool)"/>, at each of <paramref name="dates"/>.</summary>
    public void Outcome(DateSet dates, Attribution a, bool met) => Add(dates, a, met ? 1 : 0, 1);

    public void Add(int date, Attribution a, double numerator, double denominator) => Add(DateSet.Empty.With(date), a, numerator, denominator);

    /// <summary>
    /// As <see cref="KpiTallies.Add"/> at each of <paramref name="dates"/>: the same cells (slot = Slot(kpi, date),
    /// key = id + 1 at each level, worker level for the first WorkerDates dates), with the per-contribution
    /// lookups done once rather than once per date.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(DateSet dates, Attribution a, double numerator, double denominator)
    {
        if (dates.IsEmpty) return;
        var t = _tallies;
        var (la, service, team, worker) = (t.La, t.Service, t.Team, t.Worker);
        int services = t.Services, teams = t.Teams, workers = t.Workers;
        var serviceKey = _org.ServiceOf(a.Team) + 1;
        var teamKey = a.Team + 1;
        var workerKey = a.Worker + 1;
        for (var left = dates; !left.IsEmpty; left = left.WithoutFirst)
        {
            var date = left.First;
            var slot = t.Slot(_kpi, date);
            la[slot].Add(numerator, denominator);
            service[slot * services + serviceKey].Add(numerator, denominator);
            team[slot * teams + teamKey].Add(numerator, denominator);
            if (date < KpiTallies.WorkerDates) worker[slot * workers + workerKey].Add(numerator, denominator);
        }
    }
}

/// <summary>
/// Dense arrays of tallies indexed by (date, kpi, key). Key 0 is "unallocated"; key i+1 is id i.
/// Worker-level tallies are kept for the snapshot date and the previous month-end only (the trend is
/// produced for LA, service and team), which bounds memory at national scale.
/// </summary>
public sealed class KpiTallies
{
    public const int WorkerDates = 2;

    private readonly int _kpis;
    private readonly int _dates;

    public KpiTallies(int kpis, int dates, int services, int teams, int workers)
    {
        _kpis = kpis;
        _dates = dates;
        Services = services + 1;
        Teams = teams + 1;
        Workers = workers + 1;
        La = new Tally[dates * kpis];
        Service = new Tally[dates * kpis * Services];
        Team = new Tally[dates * kpis * Teams];
        Worker = new Tally[Math.Min(dates, WorkerDates) * kpis * Workers];
    }

    public int Services { get; }
    public int Teams { get; }
    public int Workers { get; }
    public Tally[] La { get; }
    public Tally[] Service { get; }
    public Tally[] Team { get; }
    public Tally[] Worker { get; }

    public int Slot(int kpi, int date) => date * _kpis + kpi;

    public void Add(int kpi, int date, int worker, int team, int service, double num, double den)
    {
        var slot = Slot(kpi, date);
        La[slot].Add(num, den);
        Service[slot * Services + service + 1].Add(num, den);
        Team[slot * Teams + team + 1].Add(num, den);
        if (date < WorkerDates) Worker[slot * Workers + worker + 1].Add(num, den);
    }

    public bool HasWorkerLevel(int date) => date < WorkerDates;

    /// <summary>True when these tallies have the given shape (the constructor's arguments).</summary>
    public bool Fits(int kpis, int dates, int services, int teams, int workers) =>
        _kpis == kpis && _dates == dates && Services == services + 1 && Teams == teams + 1 && Workers == workers + 1;

    /// <summary>Back to all empty, for reuse.</summary>
    public void Clear()
    {
        Array.Clear(La);
        Array.Clear(Service);
        Array.Clear(Team);
        Array.Clear(Worker);
    }

    public void MergeFrom(KpiTallies other)
    {
        Merge(La, other.La);
        Merge(Service, other.Service);
        Merge(Team, other.Team);
        Merge(Worker, other.Worker);
    }

    /// <summary>
    /// Adds these tallies into <paramref name="target"/>, an organisation whose team t and worker w are
    /// <paramref name="teamMap"/>[t] and <paramref name="workerMap"/>[w] here (key 0, unallocated, stays 0).
    /// Services are encoded from the listed teams alone, so both sides number them alike.
    /// </summary>
    public void AddTo(KpiTallies target, int[] teamMap, int[] workerMap)
    {
        if (target._kpis != _kpis || target._dates != _dates || target.Services != Services)
            throw new ArgumentException("tallies of different KPIs, dates or services cannot be added", nameof(target));
        Merge(target.La, La);
        Merge(target.Service, Service);
        AddRemapped(Team, Teams, target.Team, target.Teams, teamMap);
        AddRemapped(Worker, Workers, target.Worker, target.Workers, workerMap);
    }

    private static void AddRemapped(Tally[] from, int keys, Tally[] into, int intoKeys, int[] map)
    {
        var slots = from.Length / keys;
        for (var slot = 0; slot < slots; slot++)
        for (var key = 0; key < keys; key++)
        {
            ref readonly var t = ref from[slot * keys + key];
            if (t.IsEmpty) continue;
            var to = key == 0 ? 0 : map[key - 1] + 1;
            into[slot * intoKeys + to].Add(t.Numerator, t.Denominator);
        }
    }

    private static void Merge(Tally[] into, Tally[] from)
    {
        for (var i = 0; i < into.Length; i++) into[i].Add(from[i].Numerator, from[i].Denominator);
    }
}
