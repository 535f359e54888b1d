using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace KpiPipeline.Benchmarks;

/// <summary>
/// Builds the product's reference pack from DfE / ONS / GOV.UK public files (the folder described by
/// ../shared/reference/README.md). The pack shipped in shared/Resources/reference-pack is exactly this
/// importer's output, and a test re-derives it byte for byte; when DfE publishes a new year, a user
/// refreshes the pack with <c>kpi reference import --from DIR --out PACK</c>.
/// Output is deterministic: sorted rows, invariant culture, "\n" line ends, no timestamps.
/// </summary>
public static class ReferencePackImporter
{
    /// <summary>The LAIT measures named in kpi-catalogue.md (the comparators of the scorecard).</summary>
    public static IReadOnlyList<string> CatalogueMeasures { get; } =
    [
        "CPP_Total_NumRef", "CPP_Total_Rateper10,000", "Section_47", "CPP_Num", "CPP_rate", "LACnum", "LAC",
        "Continue_Assess_Comp", "CP_conf_15days", "ReReferral", "Referrals_AssessedNotNeed", "PrevRegCPR",
        "Work_Force_AvgNumCase_SW", "Work_Force_Vac_Rate", "Work_Force_Agecy_Rate", "Work_Force_SWAbsence",
        "LACStable_2016on", "CareLeaverEET",
    ];

    public const string SnListsSource = "dfe/sn_lists_long.csv";
    public const string LaitSource = "dfe/lait/bds_long_0.parquet";
    public const string DictionarySource = "dfe/lait/lait_data_dictionary.csv";
    public const string PopulationSourcePattern = "ons_mid-year_population_estimates_*.csv";
    public const string BankHolidaySource = "calendar/bank-holidays.json";

    /// <summary>Builds the pack for <see cref="CatalogueMeasures"/> from <paramref name="sharedReferenceDir"/> into <paramref name="outDir"/>.</summary>
    public static ReferencePackManifest Import(string sharedReferenceDir, string outDir) =>
        ImportAsync(sharedReferenceDir, outDir).GetAwaiter().GetResult();

    /// <summary>As <see cref="Import(string,string)"/>, optionally for another list of LAIT measure codes.</summary>
    public static async Task<ReferencePackManifest> ImportAsync(
        string sharedReferenceDir, string outDir, IReadOnlyCollection<string>? measures = null, CancellationToken ct = default)
    {
        if (!Directory.Exists(sharedReferenceDir))
            throw new DirectoryNotFoundException($"Reference folder not found: {sharedReferenceDir}");
        var wanted = (measures ?? CatalogueMeasures).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) throw new ArgumentException("No LAIT measures requested", nameof(measures));

        var populationSource = FindPopulationSource(sharedReferenceDir);
        var sources = new[] { SnListsSource, LaitSource, DictionarySource, populationSource, BankHolidaySource };

        // The small text sources first, so a bad row in one of them fails fast, then the LAIT file, then the
        // checks that need both (every SN code must be an LA with LAIT values).
        var measureRows = ReadMeasures(sharedReferenceDir, wanted);
        var snRows = ReadSnLists(sharedReferenceDir);
        var population = ReadPopulation(sharedReferenceDir, populationSource);
        var holidays = ReadBankHolidays(sharedReferenceDir);
        var lait = await LaitParquetSource.ReadAsync(Path.Combine(sharedReferenceDir, LaitSource), LaitSource,
            wanted.ToHashSet(StringComparer.Ordinal), ct);
        var areas = BuildAreas(lait);
        var values = BuildValues(lait, wanted);
        var snLists = BuildSnLists(snRows, areas);

        var files = new (string Name, PackCsvBuilder Csv)[]
        {
            (PackFormat.Areas, areas.Csv),
            (PackFormat.Measures, measureRows),
            (PackFormat.SnLists, snLists),
            (PackFormat.LaitValues, values.Csv),
            (PackFormat.Population, population.Csv),
            (PackFormat.BankHolidays, holidays.Csv),
        };

        Directory.CreateDirectory(outDir);
        var packFiles = new List<PackFile>();
        foreach (var (name, csv) in files)
        {
            var bytes = csv.ToBytes();
            await File.WriteAllBytesAsync(Path.Combine(outDir, name), bytes, ct);
            packFiles.Add(new PackFile(name, Sha256Hex(bytes), csv.Rows));
        }

        var packSources = sources
            .Select(s => Path.Combine(sharedReferenceDir, s))
            .Zip(sources, (full, rel) => new PackSource(rel, Sha256Hex(File.ReadAllBytes(full)), new FileInfo(full).Length))
            .ToList();

        var coverage = new PackCoverage(values.FirstYear, values.LastYear, population.FirstMidYear, population.LastMidYear,
            holidays.FirstYear, holidays.LastYear);
        // The version names the newest data years and a digest of the content, so two packs built from the same
        // files carry the same version and any change in content shows.
        var digest = Sha256Hex(PackFormat.Utf8NoBom.GetBytes(string.Join("\n", packFiles.Select(f => f.Name + " " + f.Sha256))));
        var version = $"lait{values.LastYear}-pop{population.LastMidYear}-{digest[..8]}";
        var manifest = new ReferencePackManifest(PackFormat.FormatVersion, version, PackFormat.Attribution,
            wanted.Order(StringComparer.Ordinal).ToList(), packSources, packFiles, coverage);
        await File.WriteAllBytesAsync(Path.Combine(outDir, PackFormat.Manifest), ManifestJson.Write(manifest), ct);
        return manifest;
    }

    private static string FindPopulationSource(string root)
    {
        var dfe = Path.Combine(root, "dfe");
        var matches = Directory.Exists(dfe) ? Directory.GetFiles(dfe, PopulationSourcePattern) : [];
        return matches.Length switch
        {
            1 => "dfe/" + Path.GetFileName(matches[0]),
            0 => throw new FileNotFoundException($"No dfe/{PopulationSourcePattern} in {root}"),
            _ => throw new InvalidDataException(
                $"More than one dfe/{PopulationSourcePattern} in {root}: keep only the newest ({string.Join(", ", matches.Select(Path.GetFileName).Order(StringComparer.Ordinal))})"),
        };
    }

    // ---- measures (LAIT data dictionary) -------------------------------------------------------

    private static PackCsvBuilder ReadMeasures(string root, IReadOnlyList<string> wanted)
    {
        var found = new Dictionary<string, (Polarity Polarity, string YearType, string Title)>(StringComparer.Ordinal);
        using (var csv = SourceCsv.Open(Path.Combine(root, DictionarySource), DictionarySource,
                   "Measure_short", "Polarity", "Year_Type", "Measure"))
        {
            foreach (var row in csv.Rows())
            {
                var code = row["Measure_short"].Trim();
                if (!wanted.Contains(code, StringComparer.Ordinal)) continue;
                if (found.ContainsKey(code)) throw row.Error("Measure_short", $"measure '{code}' is described twice");
                Polarity polarity;
                try { polarity = Polarities.Parse(row["Polarity"]); }
                catch (FormatException e) { throw row.Error("Polarity", e.Message); }
                found[code] = (polarity, OneLine(row["Year_Type"]), OneLine(row["Measure"]));
            }
        }
        var missing = wanted.Where(w => !found.ContainsKey(w)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{DictionarySource}: no Measure_short row for {string.Join(", ", missing)}");

        var builder = new PackCsvBuilder(PackFormat.MeasuresHeader);
        foreach (var code in found.Keys.Order(StringComparer.Ordinal))
        {
            var m = found[code];
            builder.Row(code, m.Polarity.ToText(), m.YearType, m.Title);
        }
        return builder;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // ---- areas and values (LAIT long parquet) --------------------------------------------------

    private sealed record AreaInfo(int Code, string Name, string Kind, string Region);

    private sealed record Areas(PackCsvBuilder Csv, IReadOnlyDictionary<int, AreaInfo> ByCode);

    /// <summary>LAIT puts London boroughs in "Inner London"/"Outer London"; its own rows for those are named differently.</summary>
    private static readonly Dictionary<string, string> RegionAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Inner London"] = "London (Inner)",
        ["Outer London"] = "London (Outer)",
    };

    private static Areas BuildAreas(List<LaitSourceRow> rows)
    {
        var byCode = new Dictionary<int, AreaInfo>();
        foreach (var r in rows)
        {
            var kind = r.Region == "NA"
                ? (string.Equals(r.AreaName, "England", StringComparison.OrdinalIgnoreCase) ? PackFormat.KindEngland : PackFormat.KindRegion)
                : PackFormat.KindLa;
            var info = new AreaInfo(r.AreaNumber, r.AreaName, kind, r.Region);
            if (byCode.TryGetValue(r.AreaNumber, out var seen))
            {
                if (seen != info)
                    throw new InvalidDataException(
                        $"{LaitSource} row {r.Row}: LA Number {r.AreaNumber} is '{r.AreaName}' in region '{r.Region}' here but '{seen.Name}' in region '{seen.Region}' elsewhere");
                continue;
            }
            byCode[r.AreaNumber] = info;
        }

        var regionByName = byCode.Values.Where(a => a.Kind == PackFormat.KindRegion)
            .ToDictionary(a => a.Name, a => a.Code, StringComparer.OrdinalIgnoreCase);
        if (!byCode.Values.Any(a => a.Kind == PackFormat.KindEngland))
            throw new InvalidDataException($"{LaitSource}: no England row for the requested measures");

        var csv = new PackCsvBuilder(PackFormat.AreasHeader);
        foreach (var a in byCode.Values.OrderBy(a => a.Code))
        {
            var regionCode = "";
            if (a.Kind == PackFormat.KindLa)
            {
                var name = RegionAliases.GetValueOrDefault(a.Region, a.Region);
                regionCode = regionByName.TryGetValue(name, out var code)
                    ? code.ToString(CultureInfo.InvariantCulture)
                    : throw new InvalidDataException($"{LaitSource}: LA {a.Code} ({a.Name}) is in region '{a.Region}', which has no row of its own");
            }
            csv.Row(a.Code.ToString(CultureInfo.InvariantCulture), a.Name, a.Kind, regionCode);
        }
        return new Areas(csv, byCode);
    }

    /// <summary>Marks DfE uses for figures that are suppressed, not applicable or not collected.</summary>
    private static readonly HashSet<string> MissingMarks = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "-", "x", "c", ".", "..", ":", "z", "u", "k", "low", "*", "NA", "n/a", "NULL",
    };

    private sealed record Values(PackCsvBuilder Csv, int FirstYear, int LastYear);

    private static Values BuildValues(List<LaitSourceRow> rows, IReadOnlyList<string> wanted)
    {
        var missing = wanted.Except(rows.Select(r => r.MeasureCode), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{LaitSource}: no rows with Short Desc {string.Join(", ", missing)}");

        var parsed = new List<(string Measure, int Year, int Area, string Value)>(rows.Count);
        var seen = new HashSet<(string, int, int)>();
        foreach (var r in rows)
        {
            // LAIT uses other period spellings ("2016/17", "2014-16", "2018 (Rev)") for some indicators; the
            // catalogue's measures are plain years, and an unexpected spelling must fail loudly, not be guessed.
            if (r.Years.Length != 4 || !int.TryParse(r.Years, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                throw new InvalidDataException(
                    $"{LaitSource} row {r.Row} column '{LaitParquetSource.ColYears}': expected a year such as 2022 for {r.MeasureCode}, found '{r.Years}'");
            string value;
            if (MissingMarks.Contains(r.ValueText)) value = "";
            else if (double.TryParse(r.ValueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                value = PackFormat.FormatNumber(number);
            else
                throw new InvalidDataException(
                    $"{LaitSource} row {r.Row} column '{LaitParquetSource.ColValue}': expected a number or a suppression mark, found '{r.ValueText}'");
            if (!seen.Add((r.MeasureCode, year, r.AreaNumber)))
                throw new InvalidDataException(
                    $"{LaitSource} row {r.Row}: second value for {r.MeasureCode}, year {year}, LA Number {r.AreaNumber}");
            parsed.Add((r.MeasureCode, year, r.AreaNumber, value));
        }

        var csv = new PackCsvBuilder(PackFormat.LaitValuesHeader);
        foreach (var p in parsed.OrderBy(p => p.Measure, StringComparer.Ordinal).ThenBy(p => p.Year).ThenBy(p => p.Area))
            csv.Row(p.Measure, p.Year.ToString(CultureInfo.InvariantCulture), p.Area.ToString(CultureInfo.InvariantCulture), p.Value);
        return new Values(csv, parsed.Min(p => p.Year), parsed.Max(p => p.Year));
    }

    // ---- statistical neighbours ------------------------------------------------------------------

    private sealed record SnRow(SnModel Model, int La, int Rank, int Sn, int Line);

    private static List<SnRow> ReadSnLists(string root)
    {
        var rows = new List<SnRow>();
        using (var csv = SourceCsv.Open(Path.Combine(root, SnListsSource), SnListsSource, "model", "la_code", "rank", "sn_la_code"))
        {
            foreach (var row in csv.Rows())
            {
                var model = SnModels.FromSourceName(row.Required("model"))
                    ?? throw row.Error("model", $"unknown model '{row["model"]}' (the pack knows April2021_LGR and May2025)");
                var la = row.Int("la_code");
                var rank = row.Int("rank");
                var sn = row.Int("sn_la_code");
                if (rank is < 1 or > 10) throw row.Error("rank", $"expected 1 to 10, found {rank}");
                if (sn == la) throw row.Error("sn_la_code", $"LA {la} is listed as its own neighbour");
                rows.Add(new SnRow(model, la, rank, sn, row.Line));
            }
        }
        foreach (var group in rows.GroupBy(r => (r.Model, r.La)))
        {
            var ranks = group.Select(g => g.Rank).Order().ToList();
            if (!ranks.SequenceEqual(Enumerable.Range(1, 10)) || group.Select(g => g.Sn).Distinct().Count() != 10)
                throw new InvalidDataException(
                    $"{SnListsSource}: LA {group.Key.La} in model {group.Key.Model.ToOptionValue()} needs 10 distinct neighbours ranked 1 to 10");
        }
        return rows;
    }

    private static PackCsvBuilder BuildSnLists(List<SnRow> rows, Areas areas)
    {
        foreach (var r in rows)
        {
            if (!IsLa(areas, r.La)) throw new InvalidDataException($"{SnListsSource} line {r.Line} column 'la_code': LA {r.La} has no LAIT values");
            if (!IsLa(areas, r.Sn)) throw new InvalidDataException($"{SnListsSource} line {r.Line} column 'sn_la_code': LA {r.Sn} has no LAIT values");
        }
        var builder = new PackCsvBuilder(PackFormat.SnListsHeader);
        foreach (var r in rows.OrderBy(r => r.Model).ThenBy(r => r.La).ThenBy(r => r.Rank))
            builder.Row(r.Model.ToOptionValue(), r.La.ToString(CultureInfo.InvariantCulture), r.Rank.ToString(CultureInfo.InvariantCulture),
                r.Sn.ToString(CultureInfo.InvariantCulture));
        return builder;
    }

    private static bool IsLa(Areas areas, int code) =>
        areas.ByCode.TryGetValue(code, out var a) && a.Kind == PackFormat.KindLa;

    // ---- population --------------------------------------------------------------------------------

    private sealed record PopulationTable(PackCsvBuilder Csv, int FirstMidYear, int LastMidYear);

    private static PopulationTable ReadPopulation(string root, string relativePath)
    {
        var rows = new Dictionary<(int La, int Year), string>();
        using (var csv = SourceCsv.Open(Path.Combine(root, relativePath), relativePath,
                   "time_period", "geographic_level", "old_la_code", "age_group", "population_estimate"))
        {
            foreach (var row in csv.Rows())
            {
                if (row["geographic_level"].Trim() != "Local authority") continue;
                if (!row["age_group"].Trim().Equals("Children aged 0 to 17 years", StringComparison.OrdinalIgnoreCase))
                    throw row.Error("age_group", $"expected 'Children aged 0 to 17 years', found '{row["age_group"]}'");
                var year = row.Int("time_period");
                var la = row.Int("old_la_code");
                var text = row["population_estimate"].Trim();
                string value;
                if (MissingMarks.Contains(text)) value = ""; // suppressed: kept as a row so the loader can say so
                else if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
                    value = n.ToString(CultureInfo.InvariantCulture);
                else throw row.Error("population_estimate", $"expected a positive whole number or a suppression mark, found '{text}'");
                if (!rows.TryAdd((la, year), value))
                    throw row.Error("old_la_code", $"second estimate for LA {la} mid-{year}");
            }
        }
        if (rows.Count == 0) throw new InvalidDataException($"{relativePath}: no local-authority rows");

        var builder = new PackCsvBuilder(PackFormat.PopulationHeader);
        foreach (var ((la, year), value) in rows.OrderBy(r => r.Key.La).ThenBy(r => r.Key.Year))
            builder.Row(la.ToString(CultureInfo.InvariantCulture), year.ToString(CultureInfo.InvariantCulture), value);
        return new PopulationTable(builder, rows.Keys.Min(k => k.Year), rows.Keys.Max(k => k.Year));
    }

    // ---- bank holidays -------------------------------------------------------------------------------

    private sealed record Holidays(PackCsvBuilder Csv, int FirstYear, int LastYear);

    private static Holidays ReadBankHolidays(string root)
    {
        var path = Path.Combine(root, BankHolidaySource);
        if (!File.Exists(path)) throw new FileNotFoundException($"{BankHolidaySource}: file not found at {path}", path);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        if (!doc.RootElement.TryGetProperty("england-and-wales", out var division)
            || !division.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{BankHolidaySource}: no 'england-and-wales'.'events' array");

        var days = new SortedDictionary<DateOnly, string>();
        var index = 0;
        foreach (var e in events.EnumerateArray())
        {
            string Where(string key) => $"{BankHolidaySource} england-and-wales.events[{index}].{key}";
            var dateText = e.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new InvalidDataException($"{Where("date")}: expected yyyy-MM-dd, found '{dateText}'");
            var title = e.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!.Trim() : "";
            if (!days.TryAdd(date, title)) throw new InvalidDataException($"{Where("date")}: {dateText} is listed twice");
            index++;
        }
        if (days.Count == 0) throw new InvalidDataException($"{BankHolidaySource}: no England and Wales bank holidays");

        var builder = new PackCsvBuilder(PackFormat.BankHolidaysHeader);
        foreach (var (date, title) in days) builder.Row(PackFormat.FormatDate(date), title);
        return new Holidays(builder, days.Keys.First().Year, days.Keys.Last().Year);
    }

    internal static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
