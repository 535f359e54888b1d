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
/// Receives KPI contributions for one (KPI, as-at date) at a time and sums them at every breakdown level:
/// LA, service, team and (for the snapshot date and the previous month-end) worker.
/// One sink per worker thread; sinks are merged at the end.
/// </summary>
public sealed class KpiSink
{
    private readonly KpiTallies _tallies;
    private readonly Organisation _org;
    private int _kpi;
    private int _date;

    internal KpiSink(KpiTallies tallies, Organisation org)
    {
        _tallies = tallies;
        _org = org;
    }

    internal void Bind(int kpi, int date)
    {
        _kpi = kpi;
        _date = date;
    }

    /// <summary>Counts one (child or event) towards a count KPI.</summary>
    public void Count(Attribution a, double n = 1) => Add(a, n, 0);

    /// <summary>Adds one case to a percentage's denominator, and to its numerator when it met the standard.</summary>
    public void Outcome(Attribution a, bool met) => Add(a, met ? 1 : 0, 1);

    public void Add(Attribution a, double numerator, double denominator) =>
        _tallies.Add(_kpi, _date, a.Worker, a.Team, _org.ServiceOf(a.Team), numerator, denominator);
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
