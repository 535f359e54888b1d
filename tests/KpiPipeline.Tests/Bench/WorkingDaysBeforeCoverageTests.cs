using KpiPipeline.Calendar;

namespace KpiPipeline.Tests.Bench;

/// <summary>
/// A plan open since before the bank-holiday calendar's first year (found by kpi bench at scale 6: a CIN plan
/// from 2010 against a calendar from 2012) still gets an exact "at least N working days" answer.
/// </summary>
public sealed class WorkingDaysBeforeCoverageTests
{
    // Coverage 2012-01-01..2013-12-31; New Year's Day 2012 fell on a Sunday, observed Monday 2 January.
    private static readonly WorkingDayCalendar Calendar = new([new DateOnly(2012, 1, 2), new DateOnly(2013, 1, 1)],
        new DateOnly(2012, 1, 1), new DateOnly(2013, 12, 31));

    [Fact]
    public void Inside_coverage_it_is_between_compared_with_the_threshold()
    {
        var start = new DateOnly(2012, 3, 1);
        var end = new DateOnly(2012, 3, 29); // 20 working days later
        Assert.Equal(20, Calendar.Between(start, end));
        Assert.True(Calendar.AtLeastWorkingDaysBetween(start, end, 20));
        Assert.False(Calendar.AtLeastWorkingDaysBetween(start, end, 21));
    }

    [Fact]
    public void A_start_years_before_coverage_is_at_least_the_covered_days()
    {
        Assert.Throws<CalendarCoverageException>(() => Calendar.Between(new DateOnly(2010, 1, 20), new DateOnly(2013, 5, 31)));
        Assert.True(Calendar.AtLeastWorkingDaysBetween(new DateOnly(2010, 1, 20), new DateOnly(2013, 5, 31), 20));
    }

    [Fact]
    public void When_the_unknown_days_could_decide_it_still_throws()
    {
        // Covered working days 3..6 January 2012 = 4 (Sunday 1st, holiday 2nd): too few to decide a threshold of 20.
        Assert.Throws<CalendarCoverageException>(() =>
            Calendar.AtLeastWorkingDaysBetween(new DateOnly(2011, 12, 20), new DateOnly(2012, 1, 6), 20));
    }
}
