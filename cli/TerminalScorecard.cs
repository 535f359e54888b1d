using System.Globalization;
using KpiPipeline.Lake;
using KpiPipeline.Lake.Tables;
using KpiPipeline.Reporting;

namespace KpiPipeline.Cli;

/// <summary>
/// Prints a published snapshot's LA-level scorecard the way the improvement board reads it (the seed
/// report's columns: status, metric, previous, current, SN average, direction of travel), then the
/// caseload table by service. It shows the same <see cref="BoardPackModel"/> as the HTML board pack, read
/// back from the lake, so the terminal and the page can never disagree.
/// </summary>
public static class TerminalScorecard
{
    public static async Task PrintAsync(ILakeStore lake, string laCode, DateOnly date, TextWriter output, CancellationToken ct)
    {
        var model = await BoardPackModel.LoadAsync(lake, laCode, date, ct);
        output.WriteLine($"Performance scorecard — LA {laCode}, as at {date:d MMMM yyyy}");
        output.WriteLine();
        var header = $"{"Category",-14} {"St",2}  {"Metric",-62} {"Previous",9} {"Current",9} {"SN avg",8}  DoT";
        output.WriteLine(header);
        output.WriteLine(new string('─', header.Length + 12));

        foreach (var category in model.Categories)
        {
            var label = category.Name;
            foreach (var row in category.Lines.Select(l => l.Kpi))
            {
                var name = Shorten($"{row.KpiName} ({UnitLabel(row.Unit)})", 62);
                output.WriteLine($"{label,-14} {Status(row.RagStatus),2}  {name,-62} {Format(row.PreviousValue, row.Unit),9} {Format(row.Value, row.Unit),9} {Format(row.SnAverage, row.Unit),8}  {Arrow(row)}");
                label = "";
            }
        }

        if (model.Caseloads.Count == 0) return;
        output.WriteLine();
        output.WriteLine($"{"Caseloads by service",-24} {"6-month average",16} {"Current",9}");
        foreach (var line in model.Caseloads)
            output.WriteLine($"{line.Service,-24} {Format(line.SixMonthAverage, "ratio"),16} {Format(line.Current, "ratio"),9}");
    }

    private static string UnitLabel(string? unit) => unit switch
    {
        "count" => "Nos",
        _ => unit ?? "",
    };

    private static string Format(double? value, string? unit) => value switch
    {
        null => "–",
        { } v when unit == "count" && Math.Abs(v - Math.Round(v)) < 1e-9 => v.ToString("N0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.0", CultureInfo.InvariantCulture),
    };

    private static string Status(int? rag) => rag?.ToString(CultureInfo.InvariantCulture) ?? "–";

    private static string Arrow(KpiRow row)
    {
        var arrow = row.Direction switch { "up" => "▲", "down" => "▼", "same" => "►", _ => " " };
        var reading = row.Improving switch { true => "improving", false => "worsening", _ => "" };
        return $"{arrow} {reading}".TrimEnd();
    }

    private static string Shorten(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
