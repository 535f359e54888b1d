using System.Globalization;
using KpiPipeline.Kpis;
using KpiPipeline.Lake;
using KpiPipeline.Lake.Tables;

namespace KpiPipeline.Cli;

/// <summary>
/// Prints a published snapshot's LA-level scorecard the way the improvement board reads it (the seed
/// report's columns: status, metric, previous, current, SN average, direction of travel), then the
/// caseload table by service. Reads the curated kpi table back from the lake, so it shows what was published.
/// </summary>
public static class TerminalScorecard
{
    public static async Task PrintAsync(ILakeStore lake, string laCode, DateOnly date, TextWriter output, CancellationToken ct)
    {
        var rows = await new SnapshotPublisher(lake).ReadTableAsync<KpiRow>(laCode, date, LakeTables.Kpi, ct)
                   ?? throw new InvalidDataException($"No published snapshot for {laCode} {date:yyyy-MM-dd} in {lake.Describe()}");
        output.WriteLine($"Performance scorecard — LA {laCode}, as at {date:d MMMM yyyy}");
        output.WriteLine();
        var header = $"{"Category",-14} {"St",2}  {"Metric",-62} {"Previous",9} {"Current",9} {"SN avg",8}  DoT";
        output.WriteLine(header);
        output.WriteLine(new string('─', header.Length + 12));

        var order = KpiCatalogue.All.Select((k, i) => (k.Id, i)).ToDictionary(x => x.Id, x => x.i);
        string? lastCategory = null;
        foreach (var row in rows.Where(r => r.Breakdown == KpiRow.Breakdowns.La).OrderBy(r => order.GetValueOrDefault(r.KpiId, int.MaxValue)))
        {
            var category = row.Category == lastCategory ? "" : row.Category ?? "";
            lastCategory = row.Category;
            var name = Shorten($"{row.KpiName} ({UnitLabel(row.Unit)})", 62);
            output.WriteLine($"{category,-14} {Status(row.RagStatus),2}  {name,-62} {Format(row.PreviousValue, row.Unit),9} {Format(row.Value, row.Unit),9} {Format(row.SnAverage, row.Unit),8}  {Arrow(row)}");
        }

        var caseloads = rows.Where(r => r.Breakdown == KpiRow.Breakdowns.Service && r.KpiId is "caseload_avg" or "caseload_avg_6m" && r.BreakdownKey is not null)
            .GroupBy(r => r.BreakdownName ?? r.BreakdownKey!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (caseloads.Count == 0) return;
        output.WriteLine();
        output.WriteLine($"{"Caseloads by service",-24} {"6-month average",16} {"Current",9}");
        foreach (var g in caseloads)
        {
            var six = g.FirstOrDefault(r => r.KpiId == "caseload_avg_6m")?.Value;
            var now = g.FirstOrDefault(r => r.KpiId == "caseload_avg")?.Value;
            output.WriteLine($"{g.Key,-24} {Format(six, "ratio"),16} {Format(now, "ratio"),9}");
        }
    }

    private static string UnitLabel(string? unit) => unit switch
    {
        "count" => "Nos",
        "%" => "%",
        "rate per 10,000" => "rate per 10,000",
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
