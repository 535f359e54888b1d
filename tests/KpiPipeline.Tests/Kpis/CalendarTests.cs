using KpiPipeline.Calendar;
using KpiPipeline.Tests.TestSupport;
using static KpiPipeline.Tests.TestSupport.CaseDataBuilder;

namespace KpiPipeline.Tests.Kpis;

public class CalendarTests
{
    private static readonly WorkingDayCalendar Cal = TestCalendar.EnglandAndWales;

    [Fact]
    public void Same_day_is_zero_and_next_working_day_is_one()
    {
        Assert.Equal(0, Cal.Between(D("2023-05-31"), D("2023-05-31")));
        Assert.Equal(1, Cal.Between(D("2023-05-31"), D("2023-06-01")));
    }

    [Fact]
    public void Weekends_do_not_count()
    {
        // Fri 2 Jun 2023 -> Mon 5 Jun 2023: Saturday and Sunday skipped.
        Assert.Equal(1, Cal.Between(D("2023-06-02"), D("2023-06-05")));
        // Friday to Sunday: no working day after Friday up to Sunday.
        Assert.Equal(0, Cal.Between(D("2023-06-02"), D("2023-06-04")));
    }

    [Fact]
    public void Bank_holidays_do_not_count_including_the_coronation_holiday()
    {
        // 2023: Good Friday 7 Apr, Easter Monday 10 Apr, 1 May, 8 May (coronation), 29 May.
        Assert.Equal(1, Cal.Between(D("2023-04-06"), D("2023-04-11")));
        Assert.Equal(1, Cal.Between(D("2023-05-05"), D("2023-05-09")));
        Assert.False(Cal.IsWorkingDay(D("2023-05-08")));
        Assert.True(Cal.IsBankHoliday(D("2023-05-29")));
    }

    [Fact]
    public void Hand_counted_45_working_days_across_Easter_and_May_holidays()
    {
        // From Wed 1 Mar 2023: March 2–31 = 22, April = 18 (Good Friday, Easter Monday out),
        // May 2–5 = 4 (1 May out) -> 44 on Fri 5 May; Mon 8 May is the coronation holiday; Tue 9 May = 45.
        Assert.Equal(44, Cal.Between(D("2023-03-01"), D("2023-05-05")));
        Assert.Equal(45, Cal.Between(D("2023-03-01"), D("2023-05-09")));
        Assert.Equal(46, Cal.Between(D("2023-03-01"), D("2023-05-10")));
        Assert.Equal(D("2023-05-09"), Cal.AddWorkingDays(D("2023-03-01"), 45));
    }

    [Fact]
    public void Add_working_days_from_a_weekend_lands_on_a_working_day()
    {
        Assert.Equal(D("2023-06-05"), Cal.AddWorkingDays(D("2023-06-03"), 1));
        Assert.Equal(D("2023-06-03"), Cal.AddWorkingDays(D("2023-06-03"), 0));
    }

    [Fact]
    public void Date_outside_coverage_is_a_clear_error()
    {
        var e = Assert.Throws<CalendarCoverageException>(() => Cal.Between(D("2023-01-01"), D("2031-01-01")));
        Assert.Contains("2031-01-01", e.Message);
        Assert.Contains("coverage", e.Message);
    }

    [Fact]
    public void Negative_when_end_precedes_start()
    {
        Assert.Equal(-1, Cal.Between(D("2023-06-01"), D("2023-05-31")));
    }
}
