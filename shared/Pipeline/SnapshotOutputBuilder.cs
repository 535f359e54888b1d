using KpiPipeline.Benchmarks;
using KpiPipeline.Calendar;
using KpiPipeline.Extract;
using KpiPipeline.Kpis;
using KpiPipeline.Lake;
using KpiPipeline.Lake.Tables;
using KpiPipeline.Model;

namespace KpiPipeline.Pipeline;

/// <summary>
/// Maps what the engine computed (ids as ints, series per breakdown) to the lake tables of one
/// snapshot (lake-contract.md), with ids back as text and every table sorted so a rerun writes
/// byte-identical files.
/// </summary>
public static class SnapshotOutputBuilder
{
    public const string UnallocatedName = "Unallocated";

    /// <param name="children">child_snapshot rows sorted by person id (ordinal), as <see cref="ChildRowStore.Rows"/> gives them.</param>
    public static SnapshotOutput Build(KpiComputation result, IReadOnlyList<ChildSnapshotRow> children, IReadOnlyList<DataQualityIssue> issues,
        WorkingDayCalendar calendar)
    {
        for (var i = 1; i < children.Count; i++)
        {
            // The lake's files are byte-identical on a rerun only if rows come in one order.
            if (string.CompareOrdinal(children[i - 1].PersonId, children[i].PersonId) >= 0)
                throw new ArgumentException($"child_snapshot rows must be sorted by person id; row {i} is not", nameof(children));
        }
        var org = result.Organisation;
        var data = org.Data;
        var la = data.LaCode;
        var snapshot = result.Dates.Snapshot;
        var order = KpiCatalogue.All.Select((k, i) => (k.Id, i)).ToDictionary(x => x.Id, x => x.i);

        var ordered = result.Series
            .Select(s => new OrderedSeries(s, KeyOf(s, org), NameOf(s, org)))
            .OrderBy(x => order[x.Series.Definition.Id])
            .ThenBy(x => x.Series.Breakdown)
            .ThenBy(x => x.Key ?? "", StringComparer.Ordinal)
            .ToList();

        // The two largest tables (~600 K rows each at national scale) do not depend on each other: made on two cores.
        List<KpiRow> kpiRows = null!;
        List<KpiTrendRow> trendRows = null!;
        Parallel.Invoke(() => kpiRows = KpiRows(ordered, la, snapshot), () => trendRows = TrendRows(ordered, result.Dates, la, snapshot));

        return new SnapshotOutput
        {
            LaCode = la,
            SnapshotDate = snapshot,
            Kpi = kpiRows,
            KpiTrend = trendRows,
            ChildSnapshot = children,
            DimWorker = WorkerRows(data, la, snapshot),
            DimTeam = TeamRows(data, la, snapshot),
            DimKpi = KpiCatalogue.All.Select(k => new DimKpiRow
            {
                LaCode = la, SnapshotDate = snapshot, KpiId = k.Id, Name = k.Name, Category = k.Category,
                Unit = k.UnitText, Polarity = k.PolarityText, Definition = k.Definition, LaitCode = k.LaitCode,
            }).ToList(),
            DimDate = DateRows(calendar, la, snapshot),
            DataQuality = issues.Select(i => new DataQualityRow
            {
                LaCode = la, SnapshotDate = snapshot, Table = i.Table, SourceRow = i.SourceRow, RecordId = i.RecordId,
                Rule = i.Rule, Severity = i.Severity == Severity.Error ? "error" : "warning", Message = i.Message,
            }).ToList(),
        };
    }

    /// <summary>A series with its breakdown key and name as text, in the order the kpi and kpi_trend tables list them.</summary>
    private readonly record struct OrderedSeries(KpiSeries Series, string? Key, string Name);

    private static List<KpiRow> KpiRows(List<OrderedSeries> ordered, string la, DateOnly snapshot) =>
        ordered.Select(x =>
        {
            var s = x.Series;
            var def = s.Definition;
            var travel = Direction.Of(s.Value[0], s.Value[SnapshotDates.Previous], def.Polarity);
            return new KpiRow
            {
                LaCode = la,
                SnapshotDate = snapshot,
                KpiId = def.Id,
                Breakdown = BreakdownText(s.Breakdown),
                BreakdownKey = x.Key,
                BreakdownName = x.Name,
                Numerator = s.Numerator[0],
                Denominator = s.Denominator[0],
                Value = s.Value[0],
                Unit = def.UnitText,
                Polarity = def.PolarityText,
                PreviousValue = s.Value[SnapshotDates.Previous],
                Direction = travel?.MovementText,
                Improving = travel?.Trend switch { Trend.Improving => true, Trend.Worsening => false, _ => null },
                KpiName = def.Name,
                Category = def.Category,
                Note = s.Note,
            };
        }).ToList();

    private static List<KpiTrendRow> TrendRows(List<OrderedSeries> ordered, SnapshotDates dates, string la, DateOnly snapshot)
    {
        var trendRows = new List<KpiTrendRow>();
        foreach (var (s, key, _) in ordered)
        {
            for (var d = 1; d < dates.Count; d++)
            {
                if (s.Breakdown == Breakdown.Worker && d >= Kpis.Engine.KpiTallies.WorkerDates) break;
                trendRows.Add(new KpiTrendRow
                {
                    LaCode = la,
                    SnapshotDate = snapshot,
                    KpiId = s.Definition.Id,
                    Breakdown = BreakdownText(s.Breakdown),
                    BreakdownKey = key,
                    AsAtDate = dates.All[d],
                    Value = s.Value[d],
                    Numerator = s.Numerator[d],
                    Denominator = s.Denominator[d],
                });
            }
        }
        return trendRows;
    }

    public static string BreakdownText(Breakdown b) => b switch
    {
        Breakdown.La => KpiRow.Breakdowns.La,
        Breakdown.Service => KpiRow.Breakdowns.Service,
        Breakdown.Team => KpiRow.Breakdowns.Team,
        Breakdown.Worker => KpiRow.Breakdowns.Worker,
        _ => throw new ArgumentOutOfRangeException(nameof(b)),
    };

    /// <summary>The breakdown key as text: the LA code, service name, team id or worker id; null = unallocated.</summary>
    private static string? KeyOf(KpiSeries s, Kpis.Engine.Organisation org) => s.Breakdown switch
    {
        Breakdown.La => org.Data.LaCode,
        Breakdown.Service => org.Services.TextOrNull(s.Key),
        Breakdown.Team => org.Data.Teams.TextOrNull(s.Key),
        _ => org.Data.Workers.TextOrNull(s.Key),
    };

    private static string NameOf(KpiSeries s, Kpis.Engine.Organisation org)
    {
        if (s.Breakdown == Breakdown.La) return org.Data.LaCode;
        if (s.Key == IdMap.None) return UnallocatedName;
        return s.Breakdown switch
        {
            Breakdown.Service => org.Services[s.Key],
            Breakdown.Team => TeamName(org.Data, s.Key),
            _ => WorkerName(org.Data, s.Key),
        };
    }

    private static string TeamName(CaseData data, int team) =>
        (team < data.TeamInfo.Count ? data.TeamInfo[team]?.Name : null) ?? data.Teams[team];

    private static string WorkerName(CaseData data, int worker) =>
        (worker < data.WorkerInfo.Count ? data.WorkerInfo[worker]?.Name : null) ?? data.Workers[worker];

    /// <summary>
    /// The child_snapshot row of one child's facts: <paramref name="org"/> turns the fact's worker, team and manager codes
    /// back into ids and gives the team's service; the person id comes with the fact (its map may be gone by now).
    /// </summary>
    public static ChildSnapshotRow ChildRow(in ChildFact c, string personId, Kpis.Engine.Organisation org, DateOnly snapshot)
    {
        var data = org.Data;
        return new ChildSnapshotRow
        {
            LaCode = data.LaCode,
            SnapshotDate = snapshot,
            PersonId = personId,
            Cohort = ChildFactBuilder.CohortName(c.Cohort),
            WorkerId = data.Workers.TextOrNull(c.Allocation.Worker),
            TeamId = data.Teams.TextOrNull(c.Allocation.Team),
            Service = org.Services.TextOrNull(org.ServiceOf(c.Allocation.Team)),
            ManagerId = data.Workers.TextOrNull(c.Manager),
            CohortStartDate = c.CohortStart,
            LastVisitDate = c.LastVisit,
            NextVisitDueDate = c.NextVisitDue,
            VisitOverdue = c.VisitOverdue,
            WorkingDaysOverdue = c.WorkingDaysOverdue,
            AssessmentStartDate = c.AssessmentStart,
            AssessmentDueDate = c.AssessmentDue,
            AssessmentWorkingDaysElapsed = c.AssessmentWorkingDaysElapsed,
            LastSupervisionDate = c.LastSupervision,
            SupervisionOverdue = c.SupervisionOverdue,
            LastOversightDate = c.LastOversight,
            OversightOverdue = c.OversightOverdue,
            Placements12m = c.Placements12m,
            SocialWorkers12m = c.SocialWorkers12m,
            CohortLengthDays = c.CohortStart is { } start ? snapshot.DayNumber - start.DayNumber : null,
            CpPlanStartDate = c.Cohort == Cohort.ChildProtection ? c.CohortStart : null,
            CpPlanLengthDays = c.CpPlanLengthDays,
        };
    }

    private static List<DimWorkerRow> WorkerRows(CaseData data, string la, DateOnly snapshot) =>
        Enumerable.Range(0, data.Workers.Count)
            .Select(w => (Id: data.Workers[w], Info: w < data.WorkerInfo.Count ? data.WorkerInfo[w] : null))
            .Select(x => new DimWorkerRow
            {
                LaCode = la, SnapshotDate = snapshot, WorkerId = x.Id, Name = x.Info?.Name, Email = x.Info?.Email,
                TeamId = x.Info is null ? null : data.Teams.TextOrNull(x.Info.Team),
                ManagerId = x.Info is null ? null : data.Workers.TextOrNull(x.Info.Manager),
                Agency = x.Info?.Agency,
            })
            .OrderBy(r => r.WorkerId, StringComparer.Ordinal)
            .ToList();

    private static List<DimTeamRow> TeamRows(CaseData data, string la, DateOnly snapshot) =>
        Enumerable.Range(0, data.Teams.Count)
            .Select(t => (Id: data.Teams[t], Info: t < data.TeamInfo.Count ? data.TeamInfo[t] : null))
            .Select(x => new DimTeamRow { LaCode = la, SnapshotDate = snapshot, TeamId = x.Id, TeamName = x.Info?.Name, Service = x.Info?.Service })
            .OrderBy(r => r.TeamId, StringComparer.Ordinal)
            .ToList();

    /// <summary>Dates from 1 January two years before D to 31 December of D's next year (within the calendar).</summary>
    private static List<DimDateRow> DateRows(WorkingDayCalendar calendar, string la, DateOnly snapshot)
    {
        var from = new DateOnly(snapshot.Year - 2, 1, 1);
        var to = new DateOnly(snapshot.Year + 1, 12, 31);
        if (from < calendar.CoverageStart) from = calendar.CoverageStart;
        if (to > calendar.CoverageEnd) to = calendar.CoverageEnd;
        var rows = new List<DimDateRow>();
        for (var d = from; d <= to; d = d.AddDays(1)) rows.Add(DimDateRow.For(la, snapshot, d, calendar.IsWorkingDay(d)));
        return rows;
    }
}
