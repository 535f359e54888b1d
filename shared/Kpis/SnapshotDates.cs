namespace KpiPipeline.Kpis;

/// <summary>
/// The as-at dates one snapshot computes: the snapshot date D (index 0) and the 12 previous
/// month-ends (index 1 = last day of the previous month = the "previous value" date, … index 12).
/// Every KPI is computed at each of them from the same drop, so trends need no old drops.
/// </summary>
public sealed class SnapshotDates
{
    public const int Current = 0;
    public const int Previous = 1;
    public const int TrendMonths = 12;

    public SnapshotDates(DateOnly snapshotDate)
    {
        var dates = new DateOnly[TrendMonths + 1];
        dates[0] = snapshotDate;
        var firstOfMonth = new DateOnly(snapshotDate.Year, snapshotDate.Month, 1);
        for (var i = 1; i <= TrendMonths; i++)
            dates[i] = firstOfMonth.AddMonths(-(i - 1)).AddDays(-1);
        All = dates;
    }

    public DateOnly Snapshot => All[Current];

    /// <summary>D, then the 12 previous month-ends, newest first.</summary>
    public IReadOnlyList<DateOnly> All { get; }

    public int Count => All.Count;

    /// <summary>Start (exclusive) of the rolling 12 months to <paramref name="asAt"/>: events in (D − 1 year, D].</summary>
    public static DateOnly WindowStartExclusive(DateOnly asAt) => asAt.AddYears(-1);
}
