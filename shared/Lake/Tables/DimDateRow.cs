using System.Globalization;
using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace KpiPipeline.Lake.Tables;

/// <summary>
/// curated/dim_date: one row per calendar day the snapshot's facts and trends can refer to.
/// month_end is the last day of the date's month (the grouping key for trends); fiscal_year is the
/// English financial year (1 April – 31 March) written "2023-24", as DfE publications label years.
/// </summary>
public sealed class DimDateRow : ISnapshotRow
{
    [JsonPropertyName("date")] public DateOnly Date { get; set; }
    [JsonPropertyName("is_working_day")] public bool IsWorkingDay { get; set; }
    [JsonPropertyName("month_end")] public DateOnly MonthEnd { get; set; }
    [JsonPropertyName("fiscal_year"), ParquetRequired] public string FiscalYear { get; set; } = "";

    // ---- extra columns ----
    [JsonPropertyName("is_month_end")] public bool IsMonthEnd { get; set; }
    /// <summary>The calendar year in which the fiscal year starts (2023 for "2023-24"), for sorting.</summary>
    [JsonPropertyName("fiscal_year_start")] public int FiscalYearStart { get; set; }
    [JsonPropertyName("la_code"), ParquetRequired] public string LaCode { get; set; } = "";
    [JsonPropertyName("snapshot_date")] public DateOnly SnapshotDate { get; set; }

    /// <summary>Builds the row for <paramref name="date"/>; whether it is a working day comes from the calendar.</summary>
    public static DimDateRow For(string laCode, DateOnly snapshotDate, DateOnly date, bool isWorkingDay)
    {
        var monthEnd = new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));
        var fyStart = date.Month >= 4 ? date.Year : date.Year - 1;
        return new DimDateRow
        {
            Date = date,
            IsWorkingDay = isWorkingDay,
            MonthEnd = monthEnd,
            FiscalYear = FiscalYearLabel(fyStart),
            IsMonthEnd = date == monthEnd,
            FiscalYearStart = fyStart,
            LaCode = laCode,
            SnapshotDate = snapshotDate,
        };
    }

    /// <summary>"2023-24" for the year starting 1 April 2023.</summary>
    public static string FiscalYearLabel(int startYear) =>
        string.Create(CultureInfo.InvariantCulture, $"{startYear}-{(startYear + 1) % 100:00}");
}
