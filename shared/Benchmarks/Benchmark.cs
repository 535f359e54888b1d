namespace KpiPipeline.Benchmarks;

/// <summary>
/// How an LA's figure compares with DfE's published figures for one LAIT measure (the comparison columns
/// of the lake's kpi table). <see cref="SnModel"/> is "april2021" or "may2025"; <see cref="BenchmarkYear"/> is
/// LAIT's year N (year ending 31 March N; for Work_Force_* measures the workforce census year).
/// </summary>
public sealed record Benchmark(
    string MeasureCode,
    int BenchmarkYear,
    string SnModel,
    double? SnAverage,
    int SnCount,
    double? England,
    double? Region,
    double? LaPublished,
    string? QuartileBand,
    int? Rank);

/// <summary>The day each year's statistics count as published (default 1 November of year N).</summary>
public sealed record PublicationCutoff(int Month, int Day)
{
    public static PublicationCutoff Default { get; } = new(11, 1);

    /// <summary>The publication day for year N.</summary>
    public DateOnly For(int year) => new(year, Month, Math.Min(Day, DateTime.DaysInMonth(year, Month)));

    /// <summary>Parses "MM-DD" (e.g. "11-01").</summary>
    public static PublicationCutoff Parse(string text)
    {
        var parts = text.Trim().Split('-');
        if (parts.Length == 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var month)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var day)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2024, month))
            return new PublicationCutoff(month, day);
        throw new FormatException($"Publication cut-off '{text}' is not a month-day such as 11-01");
    }

    public override string ToString() => $"{Month:00}-{Day:00}";
}

/// <summary>
/// Choices behind a benchmark. Null <see cref="SnModel"/> / <see cref="BenchmarkYear"/> mean "as published at
/// the as-at date" (the CLI's --sn-model and --benchmark-year set them).
/// </summary>
public sealed record BenchmarkOptions
{
    public SnModel? SnModel { get; init; }
    public int? BenchmarkYear { get; init; }
    public PublicationCutoff PublicationCutoff { get; init; } = PublicationCutoff.Default;

    public static BenchmarkOptions Default { get; } = new();
}
