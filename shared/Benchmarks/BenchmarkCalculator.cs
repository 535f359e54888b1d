namespace KpiPipeline.Benchmarks;

/// <summary>
/// Compares an LA with DfE's published figures the way LAIT does, "as published at D": the SN model in
/// force on D and the latest year whose statistics were out by D, unless options pin them.
/// </summary>
public sealed class BenchmarkCalculator(ReferencePack pack)
{
    /// <summary>The SN model: the option when set, else the one in force on <paramref name="asAt"/>.</summary>
    public static SnModel SelectModel(DateOnly asAt, BenchmarkOptions options) => options.SnModel ?? SnModels.InForceAt(asAt);

    /// <summary>
    /// The benchmark year: the option when set (it must be in the pack), else the latest year N in the pack
    /// whose publication day (options.PublicationCutoff in year N) is on or before <paramref name="asAt"/>.
    /// </summary>
    public int SelectYear(string measureCode, DateOnly asAt, BenchmarkOptions options)
    {
        var years = pack.PublishedYears(measureCode);
        if (options.BenchmarkYear is { } pinned)
        {
            return years.Contains(pinned)
                ? pinned
                : throw new ArgumentException(
                    $"Benchmark year {pinned} is not in reference pack {pack.Version} for {measureCode} (it has {Describe(years)})");
        }
        var newestOut = asAt >= options.PublicationCutoff.For(asAt.Year) ? asAt.Year : asAt.Year - 1;
        var candidates = years.Where(y => y <= newestOut).ToList();
        return candidates.Count > 0
            ? candidates.Max()
            : throw new InvalidOperationException(
                $"No {measureCode} figures were published by {PackFormat.FormatDate(asAt)} in reference pack {pack.Version} (it has {Describe(years)}, each out on {options.PublicationCutoff} of its year)");
    }

    /// <summary>
    /// The benchmark of <paramref name="laCode"/> on <paramref name="measureCode"/> as at <paramref name="asAt"/>.
    /// Band and rank use <paramref name="polarity"/> when given (the KPI's polarity), else LAIT's own.
    /// </summary>
    public Benchmark Compute(string measureCode, string laCode, DateOnly asAt, BenchmarkOptions? options = null, Polarity? polarity = null)
    {
        options ??= BenchmarkOptions.Default;
        var measure = pack.Measure(measureCode);
        var model = SelectModel(asAt, options);
        var year = SelectYear(measureCode, asAt, options);

        // LAIT's SN average: plain mean of the neighbours' published values, missing ones left out.
        var neighbourValues = pack.Neighbours(laCode, model)
            .Select(sn => pack.Published(measureCode, sn, year))
            .OfType<double>()
            .ToList();
        double? snAverage = neighbourValues.Count > 0 ? neighbourValues.Average() : null;

        var laValue = pack.Published(measureCode, laCode, year);
        var effectivePolarity = polarity ?? measure.Polarity;
        string? band = null;
        int? rank = null;
        if (laValue is { } v)
        {
            var all = pack.AllLaValues(measureCode, year).Select(x => x.Value).ToList();
            band = Quartiles.Cuts(all) is { } cuts ? Quartiles.Band(v, cuts, effectivePolarity) : null;
            rank = Quartiles.Rank(v, all, effectivePolarity);
        }

        return new Benchmark(measureCode, year, model.ToOptionValue(), snAverage, neighbourValues.Count,
            pack.England(measureCode, year), pack.Region(measureCode, laCode, year), laValue, band, rank);
    }

    /// <summary>
    /// The band a value of the LA's own (for example this month's local figure) would take among all LAs'
    /// published values of <paramref name="year"/>; null without polarity or published values.
    /// </summary>
    public string? BandOf(string measureCode, int year, double value, Polarity polarity) =>
        Quartiles.Cuts(pack.AllLaValues(measureCode, year).Select(x => x.Value)) is { } cuts
            ? Quartiles.Band(value, cuts, polarity)
            : null;

    private static string Describe(IReadOnlyList<int> years) =>
        years.Count == 0 ? "no years" : $"{years[0]} to {years[^1]}";
}
