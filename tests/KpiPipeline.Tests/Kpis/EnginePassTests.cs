using KpiPipeline.Extract;
using KpiPipeline.Kpis;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Tests.Synthetic;

namespace KpiPipeline.Tests.Kpis;

/// <summary>
/// The engine answers every as-at date from one look at each event (AsAtWindows) and skips dormant children
/// with an early-exit test (PersonView.ActiveAfter): both must agree exactly with the one-date rules they replace.
/// </summary>
[Collection(SyntheticDropCollection.Name)]
public sealed class EnginePassTests(SyntheticDropFixture drop)
{
    public static TheoryData<string> Snapshots => new() { "2023-05-31", "2024-02-29", "2024-03-15", "2025-02-28" };

    [Theory]
    [MemberData(nameof(Snapshots))]
    public void Date_sets_agree_with_the_one_date_rules_on_every_day(string snapshot)
    {
        var dates = new SnapshotDates(DateOnly.Parse(snapshot));
        var windows = new AsAtWindows(dates.All);
        Assert.Equal(dates.Count, windows.Count);
        var from = dates.All[^1].AddYears(-1).AddDays(-40);
        var to = dates.Snapshot.AddDays(40);
        DateOnly?[] ends = [null, from.AddDays(3), dates.All[6], dates.All[6].AddDays(1), dates.Snapshot, to];
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var window = windows.InLast12Months(day);
            var weeks = windows.InLastDays(day, 84);
            for (var d = 0; d < dates.Count; d++)
            {
                var asAt = dates.All[d];
                Assert.Equal(Periods.InLast12Months(day, asAt), window.Contains(d));
                Assert.Equal(day > asAt.AddDays(-84) && day <= asAt, weeks.Contains(d));
            }
            foreach (var end in ends)
            {
                var open = windows.OpenAt(day, end);
                for (var d = 0; d < dates.Count; d++) Assert.Equal(Periods.OpenAt(day, end, dates.All[d]), open.Contains(d));
            }
        }
    }

    [Fact]
    public void Date_set_walks_each_date_once_in_order()
    {
        var set = DateSet.Empty.With(12).With(0).With(5);
        var seen = new List<int>();
        for (var left = set; !left.IsEmpty; left = left.WithoutFirst) seen.Add(left.First);
        Assert.Equal([0, 5, 12], seen);
        Assert.Equal([0, 12], Walk(set.Except(DateSet.Empty.With(5))));

        static List<int> Walk(DateSet s)
        {
            var list = new List<int>();
            for (; !s.IsEmpty; s = s.WithoutFirst) list.Add(s.First);
            return list;
        }
    }

    [Fact]
    public void Early_exit_activity_test_agrees_with_the_last_active_day_for_every_child()
    {
        var data = DropReader.Read(drop.Folder).Data;
        var thresholds = new[] { new DateOnly(2015, 1, 1), new DateOnly(2021, 5, 31), new DateOnly(2022, 5, 31), new DateOnly(2023, 5, 31), DateOnly.MaxValue };
        var active = 0;
        for (var person = 0; person < data.PersonCount; person++)
        {
            var view = new PersonView(data, person);
            var last = view.LastActiveDay();
            foreach (var t in thresholds) Assert.Equal(last > t, view.ActiveAfter(t));
            if (view.ActiveAfter(thresholds[1])) active++;
        }
        // The drop has both kinds, so the comparison above exercised each answer.
        Assert.InRange(active, 1, data.PersonCount - 1);
    }
}
