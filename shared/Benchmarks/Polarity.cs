namespace KpiPipeline.Benchmarks;

/// <summary>Which direction is "better" for a measure (LAIT's Polarity column).</summary>
public enum Polarity
{
    /// <summary>No judgement: LAIT shows "-" and neither bands nor ranks such a measure.</summary>
    None,

    /// <summary>Higher values are better.</summary>
    High,

    /// <summary>Lower values are better.</summary>
    Low,
}

public static class Polarities
{
    /// <summary>Parses "high", "low" (any case) and the no-judgement spellings "-", "none", "na", "" .</summary>
    public static Polarity Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "high" => Polarity.High,
        "low" => Polarity.Low,
        null or "" or "-" or "–" or "none" or "na" => Polarity.None,
        _ => throw new FormatException($"Unknown polarity '{text}': expected high, low or -"),
    };

    /// <summary>The pack / lake spelling: high, low or none.</summary>
    public static string ToText(this Polarity polarity) => polarity switch
    {
        Polarity.High => "high",
        Polarity.Low => "low",
        _ => "none",
    };

    /// <summary>True when <paramref name="a"/> is strictly better than <paramref name="b"/> under this polarity.</summary>
    public static bool IsBetter(this Polarity polarity, double a, double b) => polarity switch
    {
        Polarity.High => a > b,
        Polarity.Low => a < b,
        _ => false,
    };
}
