using System.Runtime.CompilerServices;
using KpiPipeline.Benchmarks;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis;

/// <summary>
/// caseload_avg: children allocated (CW involvements open at the as-at date, each child once per worker)
/// ÷ workers holding at least one such case — per worker, team (the worker's home team, else the
/// involvement's team), service and LA; and caseload_avg_6m = the mean of the six previous month-end values.
/// Children per worker are counted during the per-child pass; the averages are formed afterwards.
/// </summary>
public sealed class Caseloads
{
    public static readonly KpiDefinition Average = new("caseload_avg", "Average caseload", Categories.Management,
        KpiUnit.Ratio, Polarity.Low,
        "children allocated (CW involvements open at D, each child once per worker) ÷ workers holding at least one such case",
        "Work_Force_AvgNumCase_SW", [Tables.Involvements]);

    public static readonly KpiDefinition SixMonthAverage = new("caseload_avg_6m", "Average caseload, 6-month average", Categories.Management,
        KpiUnit.Ratio, Polarity.Low, "mean of caseload_avg at the six previous month-ends", null, [Tables.Involvements]);

    private readonly int[][] _childrenPerWorker; // [date][worker]
    private readonly int[][] _teamOfWorker;      // [date][worker]: team the cases sit in

    public Caseloads(int dates, int workers)
    {
        _childrenPerWorker = new int[dates][];
        _teamOfWorker = new int[dates][];
        for (var d = 0; d < dates; d++)
        {
            _childrenPerWorker[d] = new int[workers];
            _teamOfWorker[d] = new int[workers];
            Array.Fill(_teamOfWorker[d], IdMap.None);
        }
    }

    /// <summary>True when these counts are for <paramref name="dates"/> dates and <paramref name="workers"/> workers.</summary>
    public bool Fits(int dates, int workers) => _childrenPerWorker.Length == dates && (dates == 0 || _childrenPerWorker[0].Length == workers);

    /// <summary>Back to no cases counted, for reuse.</summary>
    public void Clear()
    {
        for (var d = 0; d < _childrenPerWorker.Length; d++)
        {
            Array.Clear(_childrenPerWorker[d]);
            Array.Fill(_teamOfWorker[d], IdMap.None);
        }
    }

    /// <summary>Counts the child once for each distinct worker with a CW involvement open at the date.</summary>
    public void Measure(in PersonView p, int date, DateOnly asAt, Organisation org)
    {
        var involvements = p.Involvements;
        for (var i = 0; i < involvements.Length; i++)
        {
            ref readonly var inv = ref involvements[i];
            if (!inv.IsCaseWorker || inv.Worker == IdMap.None || !Periods.OpenAt(inv.StartDate, inv.EndDate, asAt)) continue;
            var counted = false;
            for (var j = 0; j < i && !counted; j++)
            {
                ref readonly var other = ref involvements[j];
                counted = other.Worker == inv.Worker && other.IsCaseWorker && Periods.OpenAt(other.StartDate, other.EndDate, asAt);
            }
            if (counted) continue;
            _childrenPerWorker[date][inv.Worker]++;
            if (_teamOfWorker[date][inv.Worker] == IdMap.None)
                _teamOfWorker[date][inv.Worker] = org.HomeTeamOf(inv.Worker) is var home && home != IdMap.None ? home : inv.Team;
        }
    }

    /// <summary>
    /// As <see cref="Measure(in PersonView, int, DateOnly, Organisation)"/> at every as-at date in one scan of the
    /// child's involvements: an involvement counts at the dates it is open, less those at which an earlier CW
    /// involvement of the same worker is open (the child is counted once per worker).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Measure(in PersonView p, AsAtWindows dates, Organisation org)
    {
        var involvements = p.Involvements;
        for (var i = 0; i < involvements.Length; i++)
        {
            ref readonly var inv = ref involvements[i];
            if (!inv.IsCaseWorker || inv.Worker == IdMap.None) continue;
            var open = dates.OpenAt(inv.StartDate, inv.EndDate);
            for (var j = 0; j < i && !open.IsEmpty; j++)
            {
                ref readonly var other = ref involvements[j];
                if (other.Worker == inv.Worker && other.IsCaseWorker) open = open.Except(dates.OpenAt(other.StartDate, other.EndDate));
            }
            for (; !open.IsEmpty; open = open.WithoutFirst)
            {
                var date = open.First;
                _childrenPerWorker[date][inv.Worker]++;
                if (_teamOfWorker[date][inv.Worker] == IdMap.None)
                    _teamOfWorker[date][inv.Worker] = org.HomeTeamOf(inv.Worker) is var home && home != IdMap.None ? home : inv.Team;
            }
        }
    }

    public void MergeFrom(Caseloads other)
    {
        for (var d = 0; d < _childrenPerWorker.Length; d++)
        for (var w = 0; w < _childrenPerWorker[d].Length; w++)
        {
            _childrenPerWorker[d][w] += other._childrenPerWorker[d][w];
            if (_teamOfWorker[d][w] == IdMap.None) _teamOfWorker[d][w] = other._teamOfWorker[d][w];
        }
    }

    /// <summary>
    /// Adds these counts into <paramref name="target"/>, whose worker w and team t are <paramref name="workerMap"/>[w]
    /// and <paramref name="teamMap"/>[t] here. As in <see cref="MergeFrom"/>, the first team recorded for a worker stays.
    /// </summary>
    public void AddTo(Caseloads target, int[] teamMap, int[] workerMap)
    {
        for (var d = 0; d < _childrenPerWorker.Length; d++)
        for (var w = 0; w < _childrenPerWorker[d].Length; w++)
        {
            var to = workerMap[w];
            target._childrenPerWorker[d][to] += _childrenPerWorker[d][w];
            var team = _teamOfWorker[d][w];
            if (target._teamOfWorker[d][to] == IdMap.None && team != IdMap.None) target._teamOfWorker[d][to] = teamMap[team];
        }
    }

    /// <summary>Forms the averages at every breakdown and date.</summary>
    public IEnumerable<KpiSeries> Series(Organisation org)
    {
        var dates = _childrenPerWorker.Length;
        var series = new Dictionary<(Breakdown, int), KpiSeries>();
        var tallies = new Dictionary<(Breakdown, int, int), Tally>();

        void Add(Breakdown level, int key, int date, int children)
        {
            tallies.TryGetValue((level, key, date), out var t);
            t.Add(children, 1);
            tallies[(level, key, date)] = t;
        }

        for (var d = 0; d < dates; d++)
        for (var w = 0; w < _childrenPerWorker[d].Length; w++)
        {
            var children = _childrenPerWorker[d][w];
            if (children == 0) continue;
            var team = _teamOfWorker[d][w];
            Add(Breakdown.La, IdMap.None, d, children);
            Add(Breakdown.Service, org.ServiceOf(team), d, children);
            Add(Breakdown.Team, team, d, children);
            if (d < KpiTallies.WorkerDates) Add(Breakdown.Worker, w, d, children);
        }

        foreach (var ((level, key, date), tally) in tallies)
        {
            if (!series.TryGetValue((level, key), out var s)) series[(level, key)] = s = new KpiSeries(Average, level, key, KpiSeries.DatesAt(level, dates));
            s.Set(date, tally, KpiFormula.Mean);
        }
        if (!series.ContainsKey((Breakdown.La, IdMap.None)))
            series[(Breakdown.La, IdMap.None)] = new KpiSeries(Average, Breakdown.La, IdMap.None, dates);

        foreach (var avg in series.Values.ToList())
        {
            var six = new KpiSeries(SixMonthAverage, avg.Breakdown, avg.Key, avg.Value.Length);
            // The 6-month average needs six earlier month-ends; it is formed for D and the previous month-end.
            for (var d = 0; d < Math.Min(2, avg.Value.Length); d++)
            {
                var months = Enumerable.Range(d + 1, 6).Where(i => i < avg.Value.Length).Select(i => avg.Value[i]).ToList();
                if (months.Count == 6 && months.All(v => v is not null))
                {
                    six.Numerator[d] = months.Sum(v => v!.Value);
                    six.Denominator[d] = 6;
                    six.Value[d] = six.Numerator[d] / 6;
                }
            }
            yield return avg;
            yield return six;
        }
    }
}
