using System.Globalization;
using System.Reflection;
using nietras.SeparatedValues;

namespace KpiPipeline.Benchmarks;

/// <summary>A LAIT measure as the pack describes it.</summary>
public sealed record LaitMeasure(string Code, Polarity Polarity, string YearType, string Title);

/// <summary>An area in LAIT's numbering: an LA (old 3-digit code), a region (980–990) or England (970).</summary>
public sealed record PackArea(string Code, string Name, string Kind, string? RegionCode)
{
    public bool IsLa => Kind == PackFormat.KindLa;
}

/// <summary>An England and Wales bank holiday.</summary>
public sealed record BankHoliday(DateOnly Date, string Title);

/// <summary>One ONS mid-year estimate of children aged 0–17 (reference date 30 June of <see cref="MidYear"/>).</summary>
public sealed record PopulationEstimate(string LaCode, int MidYear, int Population0To17);

/// <summary>
/// The reference pack, loaded and immutable: bank holidays, ONS 0–17 population, statistical-neighbour
/// lists and LAIT published values (LA, region, England). Load the shipped pack with
/// <see cref="LoadEmbedded"/> or a refreshed one with <see cref="Load"/>. Nothing is mutated after the
/// constructor, so one instance is safe to share across threads. LA codes are DfE's old
/// 3-digit codes as text ("343"). Figures carry the attribution in <see cref="Attribution"/>.
/// </summary>
public sealed class ReferencePack
{
    private const string ResourcePrefix = "KpiPipeline.Resources.reference-pack/";
    private static readonly Lazy<ReferencePack> Embedded = new(LoadEmbeddedUncached);

    private readonly Dictionary<string, LaitMeasure> _measures;
    private readonly Dictionary<string, PackArea> _areas;
    private readonly Dictionary<(SnModel, string), string[]> _neighbours;
    private readonly Dictionary<(string Measure, int Year, string Area), double?> _values;
    private readonly Dictionary<(string Measure, int Year), (string La, double Value)[]> _laValuesByYear;
    private readonly Dictionary<string, int[]> _yearsByMeasure;
    private readonly HashSet<(string Measure, string Area)> _areasWithValues;
    private readonly Dictionary<string, (int MidYear, int? Population)[]> _population;

    public ReferencePackManifest Manifest { get; }
    public string Version => Manifest.Version;
    public string Attribution => Manifest.Attribution;

    /// <summary>England and Wales bank holidays, ascending.</summary>
    public IReadOnlyList<DateOnly> BankHolidays { get; }

    /// <summary>The same days with their titles.</summary>
    public IReadOnlyList<BankHoliday> BankHolidayEvents { get; }

    /// <summary>First calendar year the bank-holiday list covers.</summary>
    public int BankHolidayFirstYear => Manifest.Coverage.BankHolidayFirstYear;

    /// <summary>Last calendar year the bank-holiday list covers.</summary>
    public int BankHolidayLastYear => Manifest.Coverage.BankHolidayLastYear;

    public IReadOnlyCollection<LaitMeasure> Measures => _measures.Values;
    public IReadOnlyCollection<PackArea> Areas => _areas.Values;

    private ReferencePack(ReferencePackManifest manifest, Func<string, byte[]> readFile, string where)
    {
        Manifest = manifest;
        string Text(string name)
        {
            var entry = manifest.Files.FirstOrDefault(f => f.Name == name)
                ?? throw new InvalidDataException($"{where}: pack.json does not list {name}");
            var bytes = readFile(name);
            if (ReferencePackImporter.Sha256Hex(bytes) != entry.Sha256)
                throw new InvalidDataException($"{where}/{name}: content does not match the SHA-256 in pack.json (torn or edited pack: re-import it)");
            return PackFormat.Utf8NoBom.GetString(bytes);
        }

        _measures = Rows(Text(PackFormat.Measures), PackFormat.Measures, where, PackFormat.MeasuresHeader)
            .Select(r => new LaitMeasure(r[0], Polarities.Parse(r[1]), r[2], r[3]))
            .ToDictionary(m => m.Code, StringComparer.Ordinal);

        _areas = Rows(Text(PackFormat.Areas), PackFormat.Areas, where, PackFormat.AreasHeader)
            .Select(r => new PackArea(r[0], r[1], r[2], r[3].Length == 0 ? null : r[3]))
            .ToDictionary(a => a.Code, StringComparer.Ordinal);

        _neighbours = Rows(Text(PackFormat.SnLists), PackFormat.SnLists, where, PackFormat.SnListsHeader)
            .Select(r => (Model: SnModels.Parse(r[0]), La: r[1], Rank: int.Parse(r[2], CultureInfo.InvariantCulture), Sn: r[3]))
            .GroupBy(r => (r.Model, r.La))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Rank).Select(r => r.Sn).ToArray());

        var values = Rows(Text(PackFormat.LaitValues), PackFormat.LaitValues, where, PackFormat.LaitValuesHeader)
            .Select(r => (Measure: r[0], Year: int.Parse(r[1], CultureInfo.InvariantCulture), Area: r[2],
                Value: r[3].Length == 0 ? (double?)null : double.Parse(r[3], NumberStyles.Float, CultureInfo.InvariantCulture)))
            .ToList();
        _values = values.ToDictionary(v => (v.Measure, v.Year, v.Area), v => v.Value);
        _laValuesByYear = values
            .Where(v => v.Value.HasValue && _areas.TryGetValue(v.Area, out var a) && a.IsLa)
            .GroupBy(v => (v.Measure, v.Year))
            .ToDictionary(g => g.Key, g => g.Select(v => (v.Area, v.Value!.Value)).ToArray());
        _areasWithValues = values.Where(v => v.Value.HasValue).Select(v => (v.Measure, v.Area)).ToHashSet();
        _yearsByMeasure = values.GroupBy(v => v.Measure, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(v => v.Year).Distinct().Order().ToArray(), StringComparer.Ordinal);

        _population = Rows(Text(PackFormat.Population), PackFormat.Population, where, PackFormat.PopulationHeader)
            .Select(r => (La: r[0], MidYear: int.Parse(r[1], CultureInfo.InvariantCulture),
                Population: r[2].Length == 0 ? (int?)null : int.Parse(r[2], CultureInfo.InvariantCulture)))
            .GroupBy(r => r.La, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.MidYear).Select(r => (r.MidYear, r.Population)).ToArray(), StringComparer.Ordinal);

        BankHolidayEvents = Rows(Text(PackFormat.BankHolidays), PackFormat.BankHolidays, where, PackFormat.BankHolidaysHeader)
            .Select(r => new BankHoliday(DateOnly.ParseExact(r[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), r[1]))
            .OrderBy(h => h.Date)
            .ToArray();
        BankHolidays = BankHolidayEvents.Select(h => h.Date).ToArray();
    }

    // ---- loading ---------------------------------------------------------------------------------

    /// <summary>The pack compiled into KpiPipeline.Core (shared/Resources/reference-pack). Loaded once, then shared.</summary>
    public static ReferencePack LoadEmbedded() => Embedded.Value;

    /// <summary>A pack folder written by <see cref="ReferencePackImporter"/> (for example a refreshed one).</summary>
    public static ReferencePack Load(string dir)
    {
        var manifestPath = Path.Combine(dir, PackFormat.Manifest);
        if (!File.Exists(manifestPath)) throw new FileNotFoundException($"No {PackFormat.Manifest} in reference pack folder {dir}", manifestPath);
        var manifest = ManifestJson.Read(File.ReadAllBytes(manifestPath), manifestPath);
        return new ReferencePack(manifest, name =>
        {
            var path = Path.Combine(dir, name);
            return File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException($"Reference pack {dir} lacks {name}", path);
        }, dir);
    }

    private static ReferencePack LoadEmbeddedUncached()
    {
        var assembly = typeof(ReferencePack).Assembly;
        // The csproj names resources "KpiPipeline.Resources.%(RecursiveDir)%(Filename)%(Extension)"; RecursiveDir
        // keeps the OS separator ("reference-pack/" on Linux, "reference-pack\" on Windows), so match both.
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.Replace('\\', '/').StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n.Replace('\\', '/')[ResourcePrefix.Length..], StringComparer.Ordinal);
        byte[] Read(string file)
        {
            if (!names.TryGetValue(file, out var resource))
                throw new InvalidOperationException($"KpiPipeline.Core has no embedded reference-pack resource {file}");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        const string where = "embedded reference pack";
        return new ReferencePack(ManifestJson.Read(Read(PackFormat.Manifest), where), Read, where);
    }

    /// <summary>The raw bytes of an embedded pack file (tests compare them with the importer's output).</summary>
    internal static byte[]? EmbeddedFileBytes(string file)
    {
        var assembly = typeof(ReferencePack).Assembly;
        var resource = assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.Replace('\\', '/') == ResourcePrefix + file);
        if (resource is null) return null;
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static List<string[]> Rows(string text, string file, string where, string header)
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromText(text);
        var expected = header.Split(',');
        var actual = reader.Header.ColNames;
        if (!actual.SequenceEqual(expected))
            throw new InvalidDataException($"{where}/{file}: header is '{string.Join(",", actual)}', expected '{header}'");
        var rows = new List<string[]>();
        foreach (var row in reader)
        {
            var fields = new string[expected.Length];
            for (var i = 0; i < fields.Length; i++) fields[i] = row[i].ToString();
            rows.Add(fields);
        }
        return rows;
    }

    // ---- look-ups ----------------------------------------------------------------------------------

    /// <summary>The measure's description (polarity, year type); throws for a code not in the pack.</summary>
    public LaitMeasure Measure(string measureCode) =>
        _measures.TryGetValue(measureCode, out var m)
            ? m
            : throw new KeyNotFoundException($"LAIT measure '{measureCode}' is not in reference pack {Version} (it has {string.Join(", ", _measures.Keys.Order(StringComparer.Ordinal))})");

    /// <summary>The area (LA, region or England); throws for a code not in the pack.</summary>
    public PackArea Area(string areaCode) =>
        _areas.TryGetValue(areaCode, out var a)
            ? a
            : throw new KeyNotFoundException($"Area {areaCode} is not in reference pack {Version}");

    /// <summary>Years (ending 31 March N; CSWW census year for workforce) with any row for the measure, ascending.</summary>
    public IReadOnlyList<int> PublishedYears(string measureCode) =>
        _yearsByMeasure.TryGetValue(Measure(measureCode).Code, out var years) ? years : [];

    /// <summary>
    /// The 10 statistical neighbours of <paramref name="laCode"/> in rank order (closest first).
    /// Throws when the LA has no list in that model (for example an LA abolished before it).
    /// </summary>
    public IReadOnlyList<string> Neighbours(string laCode, SnModel model) =>
        _neighbours.TryGetValue((model, laCode), out var list)
            ? list
            : throw new KeyNotFoundException($"LA {laCode} has no statistical neighbours in the {model.ToOptionValue()} model");

    /// <summary>The published value for an LA (or any area code) and year; null when suppressed or not published.</summary>
    public double? Published(string measureCode, string laCode, int yearEnding)
    {
        Measure(measureCode);
        Area(laCode);
        return _values.GetValueOrDefault((measureCode, yearEnding, laCode));
    }

    /// <summary>England's published value.</summary>
    public double? England(string measureCode, int yearEnding) => Published(measureCode, PackFormat.EnglandCode, yearEnding);

    /// <summary>
    /// The area code LAIT compares <paramref name="laCode"/> with for this measure: its region; for London
    /// boroughs Inner or Outer London, falling back to London where DfE publishes nothing for the
    /// Inner/Outer rows of that measure (LAIT's own rule).
    /// </summary>
    public string RegionCodeFor(string measureCode, string laCode)
    {
        var la = Area(laCode);
        if (!la.IsLa || la.RegionCode is null) throw new ArgumentException($"Area {laCode} is not a local authority", nameof(laCode));
        var region = Area(la.RegionCode);
        if (region.Name.StartsWith("London (", StringComparison.Ordinal)
            && !_areasWithValues.Contains((Measure(measureCode).Code, region.Code)))
        {
            var london = _areas.Values.FirstOrDefault(a => a.Kind == PackFormat.KindRegion && a.Name == "London");
            if (london is not null) return london.Code;
        }
        return region.Code;
    }

    /// <summary>The published value of the LA's region (see <see cref="RegionCodeFor"/>).</summary>
    public double? Region(string measureCode, string laCode, int yearEnding) =>
        Published(measureCode, RegionCodeFor(measureCode, laCode), yearEnding);

    /// <summary>Every LA's non-missing published value for the year (regions and England excluded).</summary>
    public IReadOnlyList<(string LaCode, double Value)> AllLaValues(string measureCode, int yearEnding)
    {
        Measure(measureCode);
        return _laValuesByYear.TryGetValue((measureCode, yearEnding), out var v) ? v : [];
    }

    /// <summary>
    /// The ONS mid-year estimate of children aged 0–17 used for a rate as at <paramref name="asAt"/>: the latest
    /// estimate whose reference date (30 June) is on or before that day (kpi-catalogue.md). Throws when the
    /// pack has none for the LA by then, or when that estimate is suppressed.
    /// </summary>
    public PopulationEstimate PopulationEstimateAt(string laCode, DateOnly asAt)
    {
        if (!_population.TryGetValue(laCode, out var series))
            throw new KeyNotFoundException($"LA {laCode} has no ONS 0-17 population estimates in reference pack {Version}");
        var latestMidYear = asAt >= new DateOnly(asAt.Year, 6, 30) ? asAt.Year : asAt.Year - 1;
        var pick = -1;
        for (var i = 0; i < series.Length && series[i].MidYear <= latestMidYear; i++) pick = i;
        if (pick < 0)
            throw new InvalidOperationException(
                $"No ONS 0-17 population estimate for LA {laCode} dated on or before {PackFormat.FormatDate(asAt)}: the pack starts at mid-{series[0].MidYear} (30 June {series[0].MidYear})");
        var (midYear, population) = series[pick];
        return population is { } p
            ? new PopulationEstimate(laCode, midYear, p)
            : throw new InvalidOperationException($"The ONS 0-17 population estimate for LA {laCode} mid-{midYear} is suppressed in the source; pass a population explicitly");
    }

    /// <summary>Children aged 0–17 for rates as at <paramref name="d"/> (see <see cref="PopulationEstimateAt"/>).</summary>
    public int Population(string laCode, DateOnly d) => PopulationEstimateAt(laCode, d).Population0To17;
}
