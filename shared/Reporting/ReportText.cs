using System.Globalization;
using KpiPipeline.Benchmarks;
using KpiPipeline.Lake.Tables;

namespace KpiPipeline.Reporting;

/// <summary>How the board pack words and formats values: invariant culture throughout, so the same lake gives the same page anywhere.</summary>
public static class ReportText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The seed report's unit suffixes ("Nos", "%", "Rate per 10,000 children").</summary>
    public static string UnitLabel(string? unit) => unit switch
    {
        "count" => "Nos",
        "%" => "%",
        "rate per 10,000" => "rate per 10,000 children",
        null or "" => "",
        _ => unit,
    };

    public static string MetricName(KpiRow row)
    {
        var name = string.IsNullOrWhiteSpace(row.KpiName) ? row.KpiId : row.KpiName;
        var unit = UnitLabel(row.Unit);
        return unit.Length == 0 ? name : $"{name} ({unit})";
    }

    /// <summary>Whole counts without decimals (thousands separated), everything else to one decimal; "–" for no value.</summary>
    public static string Value(double? value, string? unit) => value switch
    {
        null => "–",
        { } v when unit == "count" && Math.Abs(v - Math.Round(v)) < 1e-9 => v.ToString("N0", Inv),
        { } v => v.ToString("0.0", Inv),
    };

    public static string Date(DateOnly d) => d.ToString("d MMMM yyyy", Inv);
    public static string ShortDate(DateOnly d) => d.ToString("d MMM yyyy", Inv);
    public static string Month(DateOnly d) => d.ToString("MMMM yyyy", Inv);

    /// <summary>The month-end the previous value is measured at (kpi-catalogue.md: the last day of the previous calendar month).</summary>
    public static DateOnly PreviousMonthEnd(DateOnly d) => new DateOnly(d.Year, d.Month, 1).AddDays(-1);

    public static string SnModelName(string? model) => SnModels.TryParse(model, out var m)
        ? m switch { SnModel.April2021 => "April 2021", SnModel.May2025 => "May 2025", _ => model! }
        : model ?? "";

    public static string SnModelShort(string? model) => SnModels.TryParse(model, out var m)
        ? m switch { SnModel.April2021 => "Apr 2021", SnModel.May2025 => "May 2025", _ => model! }
        : model ?? "";

    /// <summary>The full statement behind an SN average, for the cell's tooltip.</summary>
    public static string SnExplanation(KpiRow row)
    {
        var parts = new List<string>();
        var count = row.SnCount is { } n ? $"{n.ToString(Inv)} " : "";
        parts.Add($"Mean of {count}statistical neighbours' DfE published values (LAIT)"
                  + (row.BenchmarkYear is { } y ? $", benchmark year {y.ToString(Inv)}" : "")
                  + (row.SnModel is not null ? $", {SnModelName(row.SnModel)} SN model" : "") + ".");
        if (row.EnglandValue is { } e) parts.Add($"England {Value(e, row.Unit)}.");
        if (row.RegionValue is { } r) parts.Add($"Region {Value(r, row.Unit)}.");
        if (row.LaPublishedValue is { } p) parts.Add($"LA published {Value(p, row.Unit)}.");
        if (row.QuartileBand is { } q) parts.Add($"Quartile band {q} (A best).");
        if (row.LaRank is { } rank) parts.Add($"Rank {rank.ToString(Inv)} of all LAs.");
        return string.Join(" ", parts);
    }

    public static string StatusMeaning(int? rag) => rag switch
    {
        1 => "Overall good or improving situation",
        2 => "Overall improving but impact still concerning",
        3 => "Not improving",
        _ => "Not rated: no comparator, target or direction of travel",
    };

    public static string Arrow(string? direction) => direction switch
    {
        "up" => "▲",
        "down" => "▼",
        "same" => "►",
        _ => "–",
    };

    public static string Reading(KpiRow row) => row.Improving switch
    {
        true => "improving",
        false => "worsening",
        null when row.Direction == "same" => "no change",
        _ => "",
    };
}
