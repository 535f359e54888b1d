namespace KpiPipeline.Calendar;

/// <summary>
/// Working days for England &amp; Wales: Monday–Friday except bank holidays, over the years the
/// bundled holiday list covers. This is the ONE implementation of working-day arithmetic used by
/// every KPI and the child snapshot (kpi-catalogue.md "Working days").
///
/// <see cref="Between"/> counts working days after <c>start</c> up to and including <c>end</c>,
/// so an event on the same day is 0 and an event on the next working day is 1. It is O(1): a
/// prefix count of working days per calendar day is built once.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly int _firstDay;   // DayNumber of Coverage start
    private readonly int[] _cumulative; // working days in [first, day] for each day
    private readonly HashSet<DateOnly> _holidays;

    public DateOnly CoverageStart { get; }
    public DateOnly CoverageEnd { get; }

    /// <param name="bankHolidays">England &amp; Wales bank holidays.</param>
    /// <param name="coverageStart">First day the list is known complete for (e.g. 1 January of its first year).</param>
    /// <param name="coverageEnd">Last day the list is known complete for (e.g. 31 December of its last year).</param>
    public WorkingDayCalendar(IEnumerable<DateOnly> bankHolidays, DateOnly coverageStart, DateOnly coverageEnd)
    {
        if (coverageEnd < coverageStart) throw new ArgumentException("Calendar coverage ends before it starts.");
        CoverageStart = coverageStart;
        CoverageEnd = coverageEnd;
        _holidays = new HashSet<DateOnly>(bankHolidays);
        _firstDay = coverageStart.DayNumber;
        _cumulative = new int[coverageEnd.DayNumber - _firstDay + 1];
        var running = 0;
        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (IsWorkingDayUnchecked(DateOnly.FromDayNumber(_firstDay + i))) running++;
            _cumulative[i] = running;
        }
    }

    /// <summary>Builds a calendar covering whole years from the first to the last holiday's year.</summary>
    public static WorkingDayCalendar FromHolidays(IReadOnlyCollection<DateOnly> bankHolidays)
    {
        if (bankHolidays.Count == 0) throw new ArgumentException("No bank holidays given.");
        var first = bankHolidays.Min();
        var last = bankHolidays.Max();
        return new WorkingDayCalendar(bankHolidays, new DateOnly(first.Year, 1, 1), new DateOnly(last.Year, 12, 31));
    }

    public bool Covers(DateOnly day) => day >= CoverageStart && day <= CoverageEnd;

    public bool IsWorkingDay(DateOnly day)
    {
        Check(day);
        return IsWorkingDayUnchecked(day);
    }

    public bool IsBankHoliday(DateOnly day) => _holidays.Contains(day);

    /// <summary>
    /// Working days after <paramref name="start"/> up to and including <paramref name="end"/>
    /// (negative when end is before start). Same day = 0.
    /// </summary>
    public int Between(DateOnly start, DateOnly end) => Cumulative(end) - Cumulative(start);

    /// <summary>
    /// Whether <see cref="Between"/>(start, end) &gt;= <paramref name="workingDays"/>, also when
    /// <paramref name="start"/> is before the calendar's coverage (a CIN or CP plan open since before the
    /// first bank-holiday year): the working days from the coverage start to <paramref name="end"/> are a lower
    /// bound of the true count, so when they already reach the threshold the answer is exact and the unknown
    /// earlier holidays cannot change it. Only an answer that truly depends on them throws.
    /// </summary>
    public bool AtLeastWorkingDaysBetween(DateOnly start, DateOnly end, int workingDays)
    {
        if (Covers(start)) return Between(start, end) >= workingDays;
        // start < CoverageStart: (start, end] contains (CoverageStart, end], plus CoverageStart itself if it is a working day.
        var lowerBound = Between(CoverageStart, end) + (IsWorkingDayUnchecked(CoverageStart) ? 1 : 0);
        if (start < CoverageStart && lowerBound >= workingDays) return true;
        Check(start);
        return false; // unreachable: Check throws for an uncovered start
    }

    /// <summary>The date that is <paramref name="workingDays"/> working days after <paramref name="start"/> (the due date of an N-working-day timescale).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        if (workingDays < 0) throw new ArgumentOutOfRangeException(nameof(workingDays));
        var target = Cumulative(start) + workingDays;
        // Binary search the first day whose prefix count reaches the target.
        int lo = start.DayNumber - _firstDay, hi = _cumulative.Length - 1;
        if (_cumulative[hi] < target)
            throw new CalendarCoverageException(DateOnly.FromDayNumber(_firstDay + hi), CoverageStart, CoverageEnd);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_cumulative[mid] >= target) hi = mid; else lo = mid + 1;
        }
        return DateOnly.FromDayNumber(_firstDay + lo);
    }

    private int Cumulative(DateOnly day)
    {
        Check(day);
        return _cumulative[day.DayNumber - _firstDay];
    }

    private void Check(DateOnly day)
    {
        if (!Covers(day)) throw new CalendarCoverageException(day, CoverageStart, CoverageEnd);
    }

    private bool IsWorkingDayUnchecked(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);
}

/// <summary>A date outside the bank-holiday calendar's coverage: a clear error, never a silent guess.</summary>
public sealed class CalendarCoverageException(DateOnly day, DateOnly start, DateOnly end)
    : Exception($"Date {day:yyyy-MM-dd} is outside the bank-holiday calendar's coverage ({start:yyyy-MM-dd} to {end:yyyy-MM-dd}); refresh the reference pack to extend it.")
{
    public DateOnly Day { get; } = day;
}
