using System.Runtime.CompilerServices;
using System.Numerics;

namespace KpiPipeline.Kpis.Engine;

/// <summary>
/// A set of as-at date indices (0 = D, 1 = previous month-end, …) held as bits. A KPI that scans a child's
/// events once asks which as-at dates each event counts at, and adds its contribution to all of them.
/// </summary>
public readonly record struct DateSet(int Bits)
{
    public static DateSet Empty => default;

    public bool IsEmpty => Bits == 0;

    public bool Contains(int date) => (Bits & (1 << date)) != 0;

    public DateSet Except(DateSet other) => new(Bits & ~other.Bits);

    public DateSet With(int date) => new(Bits | (1 << date));

    /// <summary>The lowest date index in the set (the set must not be empty).</summary>
    public int First => BitOperations.TrailingZeroCount(Bits);

    /// <summary>The set without its lowest date index.</summary>
    public DateSet WithoutFirst => new(Bits & (Bits - 1));
}

/// <summary>
/// The as-at dates of one snapshot as day numbers, with the start of each one's rolling 12 months, worked
/// out once per run so the per-event window tests of every KPI are integer comparisons. The rules are the
/// ones of <see cref="Periods"/>; this only answers them for all as-at dates at once.
/// </summary>
public sealed class AsAtWindows
{
    private readonly int[] _day;
    private readonly int[] _yearBefore; // asAt.AddYears(-1): the rolling 12 months are (this, asAt]
    private readonly int _latest;
    private readonly int _earliestYearBefore;

    public AsAtWindows(IReadOnlyList<DateOnly> asAt)
    {
        if (asAt.Count > 31) throw new ArgumentException("At most 31 as-at dates fit in a DateSet.", nameof(asAt));
        Dates = asAt.ToArray();
        _day = Dates.Select(d => d.DayNumber).ToArray();
        _yearBefore = Dates.Select(d => d.AddYears(-1).DayNumber).ToArray();
        All = new DateSet((1 << Dates.Length) - 1);
        _latest = _day.DefaultIfEmpty(int.MinValue).Max();
        _earliestYearBefore = _yearBefore.DefaultIfEmpty(int.MaxValue).Min();
    }

    public DateOnly[] Dates { get; }

    public int Count => _day.Length;

    public DateOnly this[int date] => Dates[date];

    public DateSet All { get; }

    /// <summary>The as-at dates D whose rolling 12 months (D − 1 year, D] contain <paramref name="day"/> (<see cref="Periods.InLast12Months"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DateSet InLast12Months(DateOnly day)
    {
        var n = day.DayNumber;
        if (n > _latest || n <= _earliestYearBefore) return DateSet.Empty; // most of a child's history: outside every window
        var bits = 0;
        for (var d = 0; d < _day.Length; d++)
            if (n <= _day[d] && n > _yearBefore[d]) bits |= 1 << d;
        return new DateSet(bits);
    }

    /// <summary>The as-at dates D with <paramref name="day"/> in (D − <paramref name="days"/> days, D].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DateSet InLastDays(DateOnly day, int days)
    {
        var n = day.DayNumber;
        var bits = 0;
        for (var d = 0; d < _day.Length; d++)
            if (n <= _day[d] && n > _day[d] - days) bits |= 1 << d;
        return new DateSet(bits);
    }

    /// <summary>The as-at dates at which an episode is open (<see cref="Periods.OpenAt"/>: start &lt;= D and end null or after D).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DateSet OpenAt(DateOnly start, DateOnly? end)
    {
        var s = start.DayNumber;
        var e = end is { } x ? x.DayNumber : int.MaxValue;
        var bits = 0;
        for (var d = 0; d < _day.Length; d++)
            if (s <= _day[d] && e > _day[d]) bits |= 1 << d;
        return new DateSet(bits);
    }
}
