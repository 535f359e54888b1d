using System.Text.Json;
using KpiPipeline.Calendar;
using KpiPipeline.Common;

namespace KpiPipeline.Tests.TestSupport;

/// <summary>The England &amp; Wales calendar read straight from the public gov.uk file in ../shared (test-only).</summary>
public static class TestCalendar
{
    private static readonly Lazy<WorkingDayCalendar> Instance = new(() =>
    {
        var path = Path.Combine(RepoPaths.SharedReference, "reference", "calendar", "bank-holidays.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var days = doc.RootElement.GetProperty("england-and-wales").GetProperty("events").EnumerateArray()
            .Select(e => DateOnly.Parse(e.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return WorkingDayCalendar.FromHolidays(days);
    });

    public static WorkingDayCalendar EnglandAndWales => Instance.Value;
}
