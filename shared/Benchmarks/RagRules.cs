namespace KpiPipeline.Benchmarks;

/// <summary>Up, down or same: the raw movement since the previous value.</summary>
public enum Movement { Same, Up, Down }

/// <summary>Whether the movement is good news under the KPI's polarity.</summary>
public enum Trend { None, Improving, Worsening }

/// <summary>Direction of travel of a KPI (kpi-catalogue.md "Previous value / direction of travel").</summary>
public readonly record struct DirectionOfTravel(Movement Movement, Trend Trend)
{
    /// <summary>"up", "down" or "same".</summary>
    public string MovementText => Movement.ToString().ToLowerInvariant();

    /// <summary>"improving", "worsening" or "none".</summary>
    public string TrendText => Trend.ToString().ToLowerInvariant();
}

public static class Direction
{
    /// <summary>A change smaller than this (in the KPI's own unit) counts as "same".</summary>
    public const double SameThreshold = 0.05;

    /// <summary>
    /// Movement from <paramref name="previous"/> to <paramref name="value"/>, and whether it improves under
    /// <paramref name="polarity"/> (no polarity → Trend.None). Null when either value is missing.
    /// </summary>
    public static DirectionOfTravel? Of(double? value, double? previous, Polarity polarity)
    {
        if (value is not { } v || previous is not { } p) return null;
        var change = v - p;
        if (Math.Abs(change) < SameThreshold) return new DirectionOfTravel(Movement.Same, Trend.None);
        var movement = change > 0 ? Movement.Up : Movement.Down;
        var trend = polarity switch
        {
            Polarity.High => change > 0 ? Trend.Improving : Trend.Worsening,
            Polarity.Low => change < 0 ? Trend.Improving : Trend.Worsening,
            _ => Trend.None,
        };
        return new DirectionOfTravel(movement, trend);
    }
}

/// <summary>
/// The scorecard's status 1/2/3 (kpi-catalogue.md "RAG status"): 1 = at or better than the comparator
/// (the SN average, else a configured target), 2 = worse but improving, 3 = worse and not improving.
/// With no comparator the status follows the direction of travel alone: improving 1, same 2, worsening 3.
/// </summary>
public static class RagRules
{
    /// <summary>
    /// Status of <paramref name="value"/>. "At" the comparator means within <paramref name="tolerance"/> of it
    /// (same unit as the value). Null when the value is missing, when the KPI has no polarity (nothing is
    /// better or worse), or when there is no comparator and no previous value to take a direction from.
    /// A worse value with no previous value is 3: improvement has not been shown.
    /// </summary>
    public static int? Status(double? value, double? previousValue, Polarity polarity, double? comparator, double tolerance = 0)
    {
        if (tolerance < 0 || double.IsNaN(tolerance)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "Tolerance must be zero or more");
        if (value is not { } v || polarity == Polarity.None) return null;
        var direction = Direction.Of(v, previousValue, polarity);
        if (comparator is not { } c)
        {
            return direction?.Trend switch
            {
                Trend.Improving => 1,
                Trend.Worsening => 3,
                Trend.None => 2,
                _ => null,
            };
        }
        var atOrBetter = polarity == Polarity.High ? v >= c - tolerance : v <= c + tolerance;
        if (atOrBetter) return 1;
        return direction?.Trend == Trend.Improving ? 2 : 3;
    }
}
