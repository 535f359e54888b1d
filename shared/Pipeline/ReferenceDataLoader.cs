using KpiPipeline.Benchmarks;
using KpiPipeline.Calendar;
using KpiPipeline.Kpis;

namespace KpiPipeline.Pipeline;

/// <summary>Builds a run's <see cref="ReferenceData"/> from the reference pack and the KPI settings.</summary>
public static class ReferenceDataLoader
{
    /// <param name="packFolder">A reference pack folder, or null for the pack built into the product.</param>
    /// <param name="settingsFile">A settings file laid over Resources/kpi-settings.json, or null.</param>
    public static ReferenceData Load(string? packFolder = null, string? settingsFile = null)
    {
        var pack = packFolder is null ? ReferencePack.LoadEmbedded() : ReferencePack.Load(packFolder);
        var settings = KpiSettings.Load(settingsFile);
        return From(pack, settings);
    }

    public static ReferenceData From(ReferencePack pack, KpiSettings settings) =>
        new(CalendarOf(pack), (la, d) => PopulationOrNull(pack, la, d), KpiRuleSettings.From(settings), pack, settings);

    /// <summary>England &amp; Wales working days over the whole years the pack's holiday list covers.</summary>
    public static WorkingDayCalendar CalendarOf(ReferencePack pack) =>
        new(pack.BankHolidays, new DateOnly(pack.BankHolidayFirstYear, 1, 1), new DateOnly(pack.BankHolidayLastYear, 12, 31));

    /// <summary>
    /// The 0–17 population for rates, or null when the pack has none for this LA and date (a fictional LA code,
    /// a date before the first estimate): the rate KPIs then carry a null value and a reason.
    /// </summary>
    private static double? PopulationOrNull(ReferencePack pack, string la, DateOnly d)
    {
        try { return pack.Population(la, d); }
        catch (Exception e) when (e is KeyNotFoundException or InvalidDataException or ArgumentException or InvalidOperationException) { return null; }
    }
}
