namespace KpiPipeline.Kpis.Engine;

/// <summary>The catalogue's date conventions, in one place.</summary>
public static class Periods
{
    /// <summary>"Open at D": start &lt;= D and (end is null or end &gt; D). An episode ended on D is not open.</summary>
    public static bool OpenAt(DateOnly start, DateOnly? end, DateOnly d) => start <= d && (end is null || end.Value > d);

    /// <summary>Rolling 12 months: date in (D − 1 year, D].</summary>
    public static bool InLast12Months(DateOnly date, DateOnly d) => date <= d && date > d.AddYears(-1);

    /// <summary>An episode overlapping the 12 months to D: start &lt;= D and (end null or end &gt; D − 1 year).</summary>
    public static bool OverlapsLast12Months(DateOnly start, DateOnly? end, DateOnly d) =>
        start <= d && (end is null || end.Value > d.AddYears(-1));

    /// <summary>Completed years of age at D.</summary>
    public static int AgeAt(DateOnly birth, DateOnly d)
    {
        var age = d.Year - birth.Year;
        if (d < birth.AddYears(age)) age--;
        return age;
    }
}
