using KpiPipeline.Kpis.Engine;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis;

/// <summary>Everything the engine computed for one snapshot.</summary>
public sealed record KpiComputation(
    SnapshotDates Dates,
    Organisation Organisation,
    IReadOnlyList<KpiSeries> Series,
    IReadOnlyList<ChildFact> Children);

/// <summary>
/// Computes every KPI and the child snapshot from one drop in a single pass over children: for each
/// child (rows already grouped by child), for each as-at date (D and the 12 previous month-ends), derive
/// the child's cohort facts once, then let each child-based KPI add its contributions. The children are
/// split in contiguous ranges across cores, each with its own tallies, merged at the end.
/// Table-based KPIs (workforce, audits) and derived ones (rates, conversion, 6-month caseload) follow.
/// </summary>
public sealed class KpiEngine
{
    private readonly KpiEnvironment _env;

    public KpiEngine(KpiEnvironment env) => _env = env;

    /// <param name="population">ONS 0–17 population for the LA as used at each as-at date (null = unknown).</param>
    public KpiComputation Compute(SnapshotDates dates, Func<DateOnly, double?> population, int? degreeOfParallelism = null) =>
        Finish(ComputePartial(dates, degreeOfParallelism), dates, population);

    /// <summary>
    /// The per-child pass over every child of this environment's data: tallies, caseload counts and child facts.
    /// A partitioned run calls it once per partition and merges the partials (<see cref="KpiPartial.AddTo"/>).
    /// </summary>
    /// <param name="spare">Partials of an earlier pass to reuse where their shape fits; on return it holds the partials
    /// this pass used (the result among them), so a caller computing one partition after another allocates them once.
    /// The caller must be done with the result before passing the same list again.</param>
    public KpiPartial ComputePartial(SnapshotDates dates, int? degreeOfParallelism = null, List<KpiPartial>? spare = null)
    {
        var data = _env.Organisation.Data;
        foreach (var asAt in dates.All)
        {
            // Fail fast and clearly when D or any 12-month window reaches outside the calendar.
            _env.Calendar.IsWorkingDay(asAt);
            _env.Calendar.IsWorkingDay(asAt.AddYears(-1));
        }

        var partitions = Math.Max(1, Math.Min(degreeOfParallelism ?? Environment.ProcessorCount, data.PersonCount / 1000 + 1));
        var parts = new KpiPartial[partitions];
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, i =>
        {
            var from = (int)((long)data.PersonCount * i / partitions);
            var to = (int)((long)data.PersonCount * (i + 1) / partitions);
            parts[i] = ComputeRange(dates, from, to, spare is not null && i < spare.Count ? spare[i] : null);
        });
        for (var i = 1; i < parts.Length; i++) parts[0].MergeFrom(parts[i]); // ranges are in person order, so children stay in order
        if (spare is not null)
        {
            spare.Clear();
            spare.AddRange(parts);
        }
        return parts[0];
    }

    /// <summary>
    /// Turns summed tallies into series, adding the table-based KPIs (workforce, audits) and the derived ones.
    /// <paramref name="whole"/>'s team and worker codes must be this environment's (after any remapping).
    /// </summary>
    public KpiComputation Finish(KpiPartial whole, SnapshotDates dates, Func<DateOnly, double?> population)
    {
        var data = _env.Organisation.Data;
        var series = new List<KpiSeries>();
        series.AddRange(PersonSeries(whole.Tallies, dates));
        series.AddRange(whole.Caseloads.Series(_env.Organisation));
        series.AddRange(WorkforceKpis.Series(data, dates, _env.Organisation, _env.Calendar));
        series.AddRange(AuditKpis.Series(data, dates, _env.Organisation));
        var la = series.Where(s => s.Breakdown == Breakdown.La).ToDictionary(s => s.Definition.Id);
        series.AddRange(DerivedKpis.Series(la, dates.All.Select(population).ToList()));
        foreach (var s in series) MarkMissingTables(s, data);
        return new KpiComputation(dates, _env.Organisation, series, whole.Children);
    }

    private KpiPartial ComputeRange(SnapshotDates dates, int fromPerson, int toPerson, KpiPartial? spare)
    {
        var org = _env.Organisation;
        var data = org.Data;
        var part = KpiPartial.For(org, dates.Count, spare);
        var sink = new KpiSink(part.Tallies, org);

        // The earliest window start of any as-at date: a child whose history ends by then counts nowhere.
        var dormantUpTo = dates.All[^1].AddYears(-1);
        for (var person = fromPerson; person < toPerson; person++)
        {
            // Skip a child with nothing in any window; else cohort facts at every as-at date, each KPI once
            // for all dates, caseloads and the child's snapshot row.
            ChildPass.Measure(data, person, dormantUpTo, dates, _env, sink, part.Caseloads, part.Children);
        }
        return part;
    }

    /// <summary>
    /// Turns the summed tallies into series: every LA row, and each breakdown key that received anything, KPI by KPI in
    /// catalogue order. The KPIs are formed on all cores (~600 K series at national scale, 2 s on one core).
    /// </summary>
    private static List<KpiSeries> PersonSeries(KpiTallies t, SnapshotDates dates)
    {
        var perKpi = new List<KpiSeries>[PersonKpis.All.Count];
        Parallel.For(0, perKpi.Length, k => perKpi[k] = PersonSeries(t, dates, k));
        return perKpi.SelectMany(s => s).ToList();
    }

    private static List<KpiSeries> PersonSeries(KpiTallies t, SnapshotDates dates, int k)
    {
        var kpi = PersonKpis.All[k];
        double? fixedDen = kpi is Families.CinPlanStartsPerWeek ? Families.CinPlanStartsPerWeek.Weeks : null;

        var la = new KpiSeries(kpi.Definition, Breakdown.La, IdMap.None, dates.Count);
        for (var d = 0; d < dates.Count; d++) la.Set(d, t.La[t.Slot(k, d)], kpi.Formula, fixedDen);
        var all = new List<KpiSeries> { la };
        Level(t.Service, t.Services, Breakdown.Service, dates.Count);
        Level(t.Team, t.Teams, Breakdown.Team, dates.Count);
        Level(t.Worker, t.Workers, Breakdown.Worker, Math.Min(dates.Count, KpiTallies.WorkerDates));
        return all;

        void Level(Tally[] tallies, int keys, Breakdown level, int datesAtLevel)
        {
            for (var key = 0; key < keys; key++)
            {
                // A key that received anything at any date gets a full series: a count with no
                // contribution at some month-end is 0 there, a percentage has a null value.
                var any = false;
                for (var d = 0; d < datesAtLevel && !any; d++) any = !tallies[t.Slot(k, d) * keys + key].IsEmpty;
                if (!any) continue;
                var series = new KpiSeries(kpi.Definition, level, key - 1, KpiSeries.DatesAt(level, dates.Count));
                for (var d = 0; d < datesAtLevel; d++) series.Set(d, tallies[t.Slot(k, d) * keys + key], kpi.Formula, fixedDen);
                all.Add(series);
            }
        }
    }

    /// <summary>A KPI whose source table is absent says so: null values and a reason, never a silent zero.</summary>
    private static void MarkMissingTables(KpiSeries s, CaseData data)
    {
        var missing = s.Definition.RequiredTables.Where(t => !data.Has(t)).ToList();
        if (missing.Count == 0) return;
        Array.Fill(s.Numerator, null);
        Array.Fill(s.Denominator, null);
        Array.Fill(s.Value, null);
        s.Note = $"not computed: the drop has no {string.Join(", ", missing)} table";
    }
}
