using KpiPipeline.Benchmarks;

namespace KpiPipeline.Kpis;

public enum KpiUnit { Count, Rate, Percent, Ratio }

/// <summary>The breakdown levels of the kpi table (lake-contract.md).</summary>
public enum Breakdown { La, Service, Team, Worker }

/// <summary>One KPI of kpi-catalogue.md: the row of dim_kpi and the metadata carried on every kpi row.</summary>
public sealed record KpiDefinition(
    string Id,
    string Name,
    string Category,
    KpiUnit Unit,
    Polarity Polarity,
    string Definition,
    string? LaitCode,
    IReadOnlyList<string> RequiredTables)
{
    public string UnitText => Unit switch
    {
        KpiUnit.Count => "count",
        KpiUnit.Rate => "rate per 10,000",
        KpiUnit.Percent => "%",
        KpiUnit.Ratio => "ratio",
        _ => throw new ArgumentOutOfRangeException(),
    };

    public string PolarityText => Polarity.ToText();
}

public static class Categories
{
    public const string Demand = "Demand";
    public const string Timeliness = "Timeliness";
    public const string Effectiveness = "Effectiveness";
    public const string Management = "Management";
    public const string Outcomes = "Outcomes";
    public const string Quality = "QA";
}
