using KpiPipeline.Kpis.Engine;

namespace KpiPipeline.Kpis;

/// <summary>
/// One KPI at one breakdown (the LA, a service, a team or a worker) across the snapshot's as-at dates
/// (index 0 = D, 1 = previous month-end, … 12). Key is the IdMap id of the service/team/worker
/// (IdMap.None = unallocated; unused for the LA).
/// </summary>
public sealed class KpiSeries
{
    public KpiSeries(KpiDefinition definition, Breakdown breakdown, int key, int dates)
    {
        Definition = definition;
        Breakdown = breakdown;
        Key = key;
        Numerator = new double?[dates];
        Denominator = new double?[dates];
        Value = new double?[dates];
    }

    /// <summary>
    /// As-at dates a series of this breakdown carries: all of them, except worker series, which stop at the previous
    /// month-end (<see cref="KpiTallies.WorkerDates"/>). At national scale there are ~2 million worker series, so
    /// their arrays are sized to what they hold (13 dates would cost ~1.3 GB).
    /// </summary>
    public static int DatesAt(Breakdown breakdown, int dates) =>
        breakdown == Breakdown.Worker ? Math.Min(dates, KpiTallies.WorkerDates) : dates;

    public KpiDefinition Definition { get; }
    public Breakdown Breakdown { get; }
    public int Key { get; }
    public double?[] Numerator { get; }
    public double?[] Denominator { get; }
    public double?[] Value { get; }

    /// <summary>Why the value is null (e.g. "the drop has no ssd_cla_visits table"), else null.</summary>
    public string? Note { get; set; }

    /// <summary>Sets one date's figures from a tally using the KPI's formula (null value on a zero denominator).</summary>
    public void Set(int date, Tally t, KpiFormula formula, double? fixedDenominator = null)
    {
        switch (formula)
        {
            case KpiFormula.Total:
                Value[date] = t.Numerator;
                break;
            case KpiFormula.Percentage:
                Numerator[date] = t.Numerator;
                Denominator[date] = t.Denominator;
                Value[date] = t.Denominator == 0 ? null : t.Numerator / t.Denominator * 100.0;
                break;
            case KpiFormula.Mean:
                var den = fixedDenominator ?? t.Denominator;
                Numerator[date] = t.Numerator;
                Denominator[date] = den;
                Value[date] = den == 0 ? null : t.Numerator / den;
                break;
        }
    }
}
