using KpiPipeline.Kpis;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Model;

namespace KpiPipeline.Tests.TestSupport;

/// <summary>Runs the KPI engine over a hand-built CaseData and gives easy access to the results.</summary>
public sealed class KpiHarness
{
    public KpiHarness(CaseData data, string snapshotDate, double? population = 10_000, KpiRuleSettings? settings = null)
    {
        Data = data;
        Org = new Organisation(data);
        var env = new KpiEnvironment(TestCalendar.EnglandAndWales, settings ?? KpiRuleSettings.Default, Org);
        Result = new KpiEngine(env).Compute(new SnapshotDates(CaseDataBuilder.D(snapshotDate)), _ => population, degreeOfParallelism: 1);
    }

    public CaseData Data { get; }
    public Organisation Org { get; }
    public KpiComputation Result { get; }

    public static KpiHarness Run(CaseDataBuilder b, string snapshotDate, double? population = 10_000, KpiRuleSettings? settings = null) =>
        new(b.Build(), snapshotDate, population, settings);

    public KpiSeries La(string kpiId) => Result.Series.Single(s => s.Definition.Id == kpiId && s.Breakdown == Breakdown.La);

    /// <summary>The LA value at the snapshot date (index 0) or an earlier month-end.</summary>
    public double? Value(string kpiId, int date = 0) => La(kpiId).Value[date];

    /// <summary>Numerator and denominator (NaN where null).</summary>
    public (double Num, double Den) Fraction(string kpiId, int date = 0) => (La(kpiId).Numerator[date] ?? double.NaN, La(kpiId).Denominator[date] ?? double.NaN);

    public KpiSeries? At(string kpiId, Breakdown level, string key)
    {
        var id = level switch
        {
            Breakdown.Team => Data.Teams.Find(key),
            Breakdown.Worker => Data.Workers.Find(key),
            Breakdown.Service => Org.Services.Find(key),
            _ => IdMap.None,
        };
        return Result.Series.SingleOrDefault(s => s.Definition.Id == kpiId && s.Breakdown == level && s.Key == id);
    }

    public ChildFact Child(string personId) => Result.Children.Single(c => c.Person == Data.People.Find(personId));
}
