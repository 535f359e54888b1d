namespace KpiPipeline.Benchmarks;

/// <summary>The five cut points LAIT shows for a measure and year (R's quantile(), type 7, at 0, 25, 50, 75, 100 %).</summary>
public sealed record QuartileCuts(double Min, double Q1, double Median, double Q3, double Max);

/// <summary>
/// LAIT's quartile banding and ranking over all LAs' published values for one year.
/// Bands follow LAIT (R/fn_analysis.R calculate_quartile_band): in ascending value order the quarters
/// are [Min, Q1], (Q1, Median], (Median, Q3], (Q3, Max] — the lowest quarter includes its lower bound
/// and every quarter includes its upper bound, as R's cut(include.lowest = TRUE) — so a value equal to
/// a cut point falls in the lower-valued quarter. A = best: for low-is-good the lowest quarter is A,
/// for high-is-good the highest quarter is A. No polarity → no band and no rank (LAIT shows "-").
/// </summary>
public static class Quartiles
{
    /// <summary>R's type-7 quantile of ascending-sorted values: (1−h)·x[lo] + h·x[hi] at index 1 + (n−1)p.</summary>
    public static double Quantile7(IReadOnlyList<double> sortedAscending, double p)
    {
        if (sortedAscending.Count == 0) throw new ArgumentException("No values", nameof(sortedAscending));
        if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "Probability must be in [0, 1]");
        var index = (sortedAscending.Count - 1) * p; // 0-based form of R's 1 + (n-1)p
        var lo = (int)Math.Floor(index);
        var hi = (int)Math.Ceiling(index);
        var qs = sortedAscending[lo];
        var h = index - lo;
        // Same arithmetic as R (not x[lo] + h·(x[hi]−x[lo])) so cut points equal R's to the last bit,
        // which decides the band of a value sitting exactly on a cut.
        return hi != lo && sortedAscending[hi] != qs ? (1 - h) * qs + h * sortedAscending[hi] : qs;
    }

    /// <summary>Cut points over the given values (NaN ignored); null when there are none.</summary>
    public static QuartileCuts? Cuts(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return null;
        return new QuartileCuts(
            Quantile7(sorted, 0), Quantile7(sorted, 0.25), Quantile7(sorted, 0.5), Quantile7(sorted, 0.75), Quantile7(sorted, 1));
    }

    /// <summary>
    /// The band "A" (best) … "D" (worst) of <paramref name="value"/>; null when the measure has no polarity.
    /// A value outside [Min, Max] (say a local figure banded against published ones) goes to the end quarter.
    /// </summary>
    public static string? Band(double value, QuartileCuts cuts, Polarity polarity)
    {
        if (polarity == Polarity.None || double.IsNaN(value)) return null;
        var quarter = value <= cuts.Q1 ? 1 : value <= cuts.Median ? 2 : value <= cuts.Q3 ? 3 : 4; // ascending
        var bandIndex = polarity == Polarity.Low ? quarter : 5 - quarter;
        return ((char)('A' + bandIndex - 1)).ToString();
    }

    /// <summary>
    /// Rank of <paramref name="value"/> among <paramref name="values"/>: 1 + the number strictly better, so ties
    /// share the best rank (R rank(ties.method = "min"), as LAIT). Null when the measure has no polarity.
    /// </summary>
    public static int? Rank(double value, IEnumerable<double> values, Polarity polarity)
    {
        if (polarity == Polarity.None || double.IsNaN(value)) return null;
        return 1 + values.Count(v => polarity.IsBetter(v, value));
    }
}
