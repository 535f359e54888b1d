using KpiPipeline.Benchmarks;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis;

/// <summary>
/// audits_by_grade_month: ext_audits dated in the calendar month of the as-at date, one KPI per grade
/// (count as numerator, all audits of the month as denominator, value = %), per team, service and LA.
/// The moderated grade wins where present (applied when the drop is read).
/// </summary>
public static class AuditKpis
{
    public static readonly IReadOnlyList<(AuditGrade Grade, KpiDefinition Definition)> ByGrade =
    [
        (AuditGrade.Outstanding, Define("outstanding", "Outstanding")),
        (AuditGrade.Good, Define("good", "Good")),
        (AuditGrade.RequiresImprovement, Define("ri", "Requires improvement")),
        (AuditGrade.Inadequate, Define("inadequate", "Inadequate")),
    ];

    private static KpiDefinition Define(string id, string label) => new($"audits_{id}_month", $"Case audits graded {label} this month",
        Categories.Quality, KpiUnit.Percent, id is "outstanding" or "good" ? Polarity.High : id == "inadequate" ? Polarity.Low : Polarity.None,
        $"ext_audits in the calendar month of D graded {label} (moderated grade when present), count and % of the month's audits",
        null, [Tables.Audits]);

    public static IEnumerable<KpiSeries> Series(CaseData data, SnapshotDates dates, Organisation org)
    {
        var result = new Dictionary<(KpiDefinition, Breakdown, int), KpiSeries>();
        var tallies = new Dictionary<(KpiDefinition, Breakdown, int, int), Tally>();
        for (var d = 0; d < dates.Count; d++)
        {
            var asAt = dates.All[d];
            foreach (var audit in data.Audits)
            {
                if (audit.Date.Year != asAt.Year || audit.Date.Month != asAt.Month) continue;
                foreach (var (grade, def) in ByGrade)
                foreach (var (level, key) in new[] { (Breakdown.La, IdMap.None), (Breakdown.Service, org.ServiceOf(audit.Team)), (Breakdown.Team, audit.Team) })
                {
                    tallies.TryGetValue((def, level, key, d), out var t);
                    t.Add(audit.Grade == grade ? 1 : 0, 1);
                    tallies[(def, level, key, d)] = t;
                }
            }
        }
        foreach (var (_, def) in ByGrade)
            result[(def, Breakdown.La, IdMap.None)] = new KpiSeries(def, Breakdown.La, IdMap.None, dates.Count);
        foreach (var ((def, level, key, date), tally) in tallies)
        {
            if (!result.TryGetValue((def, level, key), out var s)) result[(def, level, key)] = s = new KpiSeries(def, level, key, dates.Count);
            s.Set(date, tally, KpiFormula.Percentage);
        }
        return result.Values;
    }
}
