namespace KpiPipeline.Kpis;

/// <summary>
/// Direction of travel (kpi-catalogue.md): up / down / same against the previous month-end, "same" when
/// the change is below 0.05 of a unit; improving / worsening reads the change through the KPI's polarity.
/// </summary>
public static class DirectionOfTravel
{
    public const double SameThreshold = 0.05;

    public const string Up = "up";
    public const string Down = "down";
    public const string Same = "same";

    /// <summary>up | down | same, or null when either value is missing.</summary>
    public static string? Of(double? current, double? previous)
    {
        if (current is not { } c || previous is not { } p) return null;
        var change = c - p;
        return Math.Abs(change) < SameThreshold ? Same : change > 0 ? Up : Down;
    }

    /// <summary>True = improving, false = worsening, null = no polarity, no change or unknown.</summary>
    public static bool? Improving(double? current, double? previous, Polarity polarity)
    {
        var direction = Of(current, previous);
        if (direction is null or Same || polarity == Polarity.None) return null;
        return (direction == Up) == (polarity == Polarity.High);
    }
}
