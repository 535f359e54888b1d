using System.Globalization;
using KpiPipeline.Benchmarks;
using KpiPipeline.Kpis;
using KpiPipeline.Lake;
using KpiPipeline.Lake.Tables;
using KpiPipeline.Model;

namespace KpiPipeline.Reporting;

/// <summary>One scorecard row: the LA-level kpi row and its line, oldest month-end first, ending with the snapshot's own value.</summary>
public sealed record ScorecardLine(KpiRow Kpi, IReadOnlyList<TrendPoint> Trend);

/// <summary>A scorecard category (Demand, Timeliness, …) with its rows in catalogue order.</summary>
public sealed record ScorecardCategory(string Name, IReadOnlyList<ScorecardLine> Lines);

/// <summary>A row of the caseload table: one service, or the whole LA.</summary>
public sealed record CaseloadLine(string Service, double? SixMonthAverage, double? Current);

/// <summary>One audit grade for the snapshot's month: count (the kpi row's numerator) and share of the month's audits.</summary>
public sealed record AuditGradeLine(string Grade, double? Count, double? Percent);

/// <summary>The month's audits by grade. <paramref name="Note"/> says why there are no figures, when there are none.</summary>
public sealed record AuditSummary(DateOnly Month, IReadOnlyList<AuditGradeLine> Grades, double? Total, string? Note);

/// <summary>
/// Everything the board pack shows, read from one published snapshot (through its commit record, so the
/// page shows exactly what was published): the LA-level kpi rows with their kpi_trend lines, the caseload
/// rows by service, and the audit grades of the month.
/// </summary>
public sealed record BoardPackModel(
    string LaCode,
    string? LaName,
    DateOnly SnapshotDate,
    string RunId,
    IReadOnlyList<ScorecardCategory> Categories,
    IReadOnlyList<CaseloadLine> Caseloads,
    CaseloadLine? CaseloadAllServices,
    AuditSummary Audits)
{
    public const string CaseloadId = "caseload_avg";
    public const string CaseloadSixMonthId = "caseload_avg_6m";

    /// <summary>The scorecard rows in page order.</summary>
    public IEnumerable<ScorecardLine> Lines => Categories.SelectMany(c => c.Lines);

    /// <summary>
    /// Loads the snapshot of <paramref name="laCode"/> at <paramref name="date"/>, or the latest published
    /// one when <paramref name="date"/> is null.
    /// </summary>
    /// <exception cref="InvalidDataException">The LA has no published snapshot (at that date).</exception>
    public static async Task<BoardPackModel> LoadAsync(ILakeStore lake, string laCode, DateOnly? date, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        LakePath.Segment(laCode, "la_code");
        var snapshotDate = date ?? await LatestSnapshotAsync(lake, laCode, ct)
            ?? throw new InvalidDataException($"LA {laCode} has no published snapshot in {lake.Describe()}.");

        var publisher = new SnapshotPublisher(lake);
        var commit = await publisher.GetPublishedAsync(laCode, snapshotDate, ct)
            ?? throw new InvalidDataException($"LA {laCode} has no published snapshot for {LakePath.Date(snapshotDate)} in {lake.Describe()}.");
        var kpis = await publisher.ReadTableAsync<KpiRow>(laCode, snapshotDate, LakeTables.Kpi, ct) ?? [];
        var trend = await publisher.ReadTableAsync<KpiTrendRow>(laCode, snapshotDate, LakeTables.KpiTrend, ct) ?? [];

        return new BoardPackModel(laCode, LookUpLaName(laCode), snapshotDate, commit.RunId,
            Scorecard(kpis, trend, snapshotDate), CaseloadsByService(kpis), CaseloadOfLa(kpis), AuditsOf(kpis, snapshotDate));
    }

    /// <summary>The newest snapshot date with a commit record under curated/snapshots/la_code={la}/, or null.</summary>
    public static async Task<DateOnly?> LatestSnapshotAsync(ILakeStore lake, string laCode, CancellationToken ct = default)
    {
        const string datePrefix = "snapshot_date=";
        var prefix = $"curated/{LakeTables.Snapshots}/la_code={LakePath.Segment(laCode, "la_code")}/";
        DateOnly? latest = null;
        await foreach (var path in lake.ListAsync(prefix, ct))
        {
            // Only a commit record counts: a partition folder holding anything else is not a published snapshot.
            var parts = path[prefix.Length..].Split('/');
            if (parts.Length != 2 || parts[1] != SnapshotPublisher.CommitFileName || !parts[0].StartsWith(datePrefix, StringComparison.Ordinal)) continue;
            if (!DateOnly.TryParseExact(parts[0][datePrefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) continue;
            if (latest is null || d > latest) latest = d;
        }
        return latest;
    }

    private static readonly IReadOnlyDictionary<string, AuditGrade> AuditGradeOf =
        AuditKpis.ByGrade.ToDictionary(g => g.Definition.Id, g => g.Grade);

    private static bool IsLaRow(KpiRow r) => r.Breakdown == KpiRow.Breakdowns.La;

    private static IReadOnlyList<ScorecardCategory> Scorecard(IEnumerable<KpiRow> kpis, IEnumerable<KpiTrendRow> trend, DateOnly snapshotDate)
    {
        var order = KpiCatalogue.All.Select((k, i) => (k.Id, i)).ToDictionary(x => x.Id, x => x.i);
        int Rank(string id) => order.GetValueOrDefault(id, int.MaxValue);
        var lines = trend.Where(t => t.Breakdown == KpiRow.Breakdowns.La && t.AsAtDate < snapshotDate)
            .GroupBy(t => t.KpiId)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.AsAtDate).Select(t => new TrendPoint(t.AsAtDate, t.Value)).ToList());

        // Audit grades have their own table; every other LA-level row is a scorecard row. Rows the catalogue
        // does not know (a newer pipeline) go last, by id, rather than being dropped.
        return kpis.Where(r => IsLaRow(r) && !AuditGradeOf.ContainsKey(r.KpiId))
            .OrderBy(r => Rank(r.KpiId)).ThenBy(r => r.KpiId, StringComparer.Ordinal)
            .Select(r => new ScorecardLine(r, [.. lines.GetValueOrDefault(r.KpiId) ?? [], new TrendPoint(snapshotDate, r.Value)]))
            .GroupBy(l => string.IsNullOrWhiteSpace(l.Kpi.Category) ? "Other" : l.Kpi.Category)
            .OrderBy(g => g.Min(l => Rank(l.Kpi.KpiId)))
            .Select(g => new ScorecardCategory(g.Key, g.ToList()))
            .ToList();
    }

    private static IReadOnlyList<CaseloadLine> CaseloadsByService(IEnumerable<KpiRow> kpis) =>
        kpis.Where(r => r.Breakdown == KpiRow.Breakdowns.Service && r.KpiId is CaseloadId or CaseloadSixMonthId && r.BreakdownKey is not null)
            .GroupBy(r => r.BreakdownName ?? r.BreakdownKey!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CaseloadLine(g.Key,
                g.FirstOrDefault(r => r.KpiId == CaseloadSixMonthId)?.Value,
                g.FirstOrDefault(r => r.KpiId == CaseloadId)?.Value))
            .ToList();

    private static CaseloadLine? CaseloadOfLa(IEnumerable<KpiRow> kpis)
    {
        var la = kpis.Where(IsLaRow).ToList();
        var now = la.FirstOrDefault(r => r.KpiId == CaseloadId);
        var six = la.FirstOrDefault(r => r.KpiId == CaseloadSixMonthId);
        return now is null && six is null ? null : new CaseloadLine("All services", six?.Value, now?.Value);
    }

    private static AuditSummary AuditsOf(IEnumerable<KpiRow> kpis, DateOnly snapshotDate)
    {
        var rows = kpis.Where(r => IsLaRow(r) && AuditGradeOf.ContainsKey(r.KpiId)).ToDictionary(r => r.KpiId);
        var grades = AuditKpis.ByGrade
            .Select(g => rows.GetValueOrDefault(g.Definition.Id) is { } r
                ? new AuditGradeLine(GradeName(g.Grade), r.Numerator, r.Value)
                : new AuditGradeLine(GradeName(g.Grade), null, null))
            .ToList();
        var total = rows.Values.Select(r => r.Denominator).FirstOrDefault(d => d is not null);
        string? note = null;
        if (total is null or 0)
            note = rows.Values.Select(r => r.Note).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))
                   ?? $"No audits are dated in {ReportText.Month(snapshotDate)}.";
        return new AuditSummary(new DateOnly(snapshotDate.Year, snapshotDate.Month, 1), grades, total, note);
    }

    private static string GradeName(AuditGrade grade) => grade switch
    {
        AuditGrade.Outstanding => "Outstanding",
        AuditGrade.Good => "Good",
        AuditGrade.RequiresImprovement => "Requires improvement",
        AuditGrade.Inadequate => "Inadequate",
        _ => grade.ToString(),
    };

    /// <summary>The LA's name from the reference pack built into the product; the page falls back to the code.</summary>
    private static string? LookUpLaName(string laCode) =>
        ReferencePack.LoadEmbedded().Areas.FirstOrDefault(a => a.IsLa && a.Code == laCode)?.Name;
}
