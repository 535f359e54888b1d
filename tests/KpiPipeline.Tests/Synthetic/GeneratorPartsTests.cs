using System.Text;
using KpiPipeline.Synthetic;

namespace KpiPipeline.Tests.Synthetic;

/// <summary>Small checks of the generator's internal building blocks.</summary>
public sealed class GeneratorPartsTests
{
    private static int Day(int y, int m, int d) => new DateOnly(y, m, d).DayNumber;

    [Fact]
    public void Working_days_skip_weekends_and_bank_holidays()
    {
        var cal = GeneratorCalendar.Load(Day(2023, 1, 1), Day(2023, 12, 31));
        // Fri 26 May 2023 + 1 working day: Mon 29 May is the spring bank holiday, so Tue 30 May.
        Assert.Equal(Day(2023, 5, 30), cal.AddWorkingDays(Day(2023, 5, 26), 1));
        Assert.Equal(1, cal.Between(Day(2023, 5, 26), Day(2023, 5, 30)));
        Assert.Equal(0, cal.Between(Day(2023, 5, 26), Day(2023, 5, 26)));
        Assert.False(cal.IsWorkingDay(Day(2023, 12, 25)));
        Assert.Equal(Day(2023, 5, 30), cal.OnOrNextWorkingDay(Day(2023, 5, 27)));
    }

    [Fact]
    public void Prng_streams_are_reproducible_and_independent()
    {
        var a = Prng.ForStream(42, 1);
        var b = Prng.ForStream(42, 1);
        var c = Prng.ForStream(42, 2);
        var xs = Enumerable.Range(0, 5).Select(_ => a.Next()).ToArray();
        Assert.Equal(xs, Enumerable.Range(0, 5).Select(_ => b.Next()).ToArray());
        Assert.NotEqual(xs, Enumerable.Range(0, 5).Select(_ => c.Next()).ToArray());
        var r = Prng.ForStream(1, 1);
        var ints = Enumerable.Range(0, 10_000).Select(_ => r.Int(3, 5)).ToArray();
        Assert.Equal([3, 4, 5], ints.Distinct().Order());
    }

    [Fact]
    public void Csv_writer_quotes_when_needed_and_checks_the_field_count()
    {
        var path = Path.Combine(Path.GetTempPath(), "kpi-csvwriter-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            using (var w = new CsvTableWriter(path, "t", ["a", "b", "c", "d"]))
            {
                w.Text("x, \"y\"");
                w.Date(Day(2023, 5, 31));
                w.DateTime(Day(2023, 5, 31), 13 * 3600 + 5 * 60 + 9);
                w.YesNo(true);
                w.EndRow();
                w.Text("plain");
                w.Empty();
                w.Num(-12);
                w.YesNo(false);
                w.EndRow();
                w.Finish();
                Assert.Equal(2, w.Rows);
            }
            Assert.Equal("a,b,c,d\n\"x, \"\"y\"\"\",2023-05-31,2023-05-31T13:05:09,Y\nplain,,-12,N\n", File.ReadAllText(path, Encoding.UTF8));

            using var bad = new CsvTableWriter(path, "t", ["a", "b"]);
            bad.Text("only one");
            var e = Assert.Throws<InvalidOperationException>(bad.EndRow);
            Assert.Contains("t: row 1 has 1 fields but the header has 2", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
