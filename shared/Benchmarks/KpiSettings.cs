using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KpiPipeline.Benchmarks;

/// <summary>Where assessments_45wd_12m starts counting its 45 working days.</summary>
public enum AssessmentTimelinessStart
{
    /// <summary>cina_assessment_start_date (DfE's measure).</summary>
    AssessmentStart,

    /// <summary>The referral date of the episode.</summary>
    ReferralDate,
}

/// <summary>A configured comparator for a KPI without (or instead of) an SN average.</summary>
public sealed record KpiTarget(double Target, double? Tolerance);

/// <summary>Defaults for benchmark choices (CLI options override them).</summary>
public sealed record BenchmarkSettings(SnModel? SnModel, int? BenchmarkYear, PublicationCutoff PublicationCutoff)
{
    public BenchmarkOptions ToOptions() => new() { SnModel = SnModel, BenchmarkYear = BenchmarkYear, PublicationCutoff = PublicationCutoff };
}

/// <summary>RAG tolerances and targets.</summary>
public sealed record RagSettings(double DefaultTolerance, IReadOnlyDictionary<string, KpiTarget> Targets)
{
    public KpiTarget? TargetFor(string kpiId) => Targets.GetValueOrDefault(kpiId);

    public double ToleranceFor(string kpiId) => TargetFor(kpiId)?.Tolerance ?? DefaultTolerance;
}

/// <summary>
/// The local rules kpi-catalogue.md keeps out of code: visit / supervision intervals, the CLA visit
/// timescales, long-term placement types, the assessment start rule, benchmark defaults and RAG
/// targets. Defaults are shared/Resources/kpi-settings.json (embedded); an override file holds only the
/// keys it changes.
/// </summary>
public sealed record KpiSettings(
    int VisitIntervalWorkingDays,
    int SupervisionIntervalWorkingDays,
    int OversightIntervalWorkingDays,
    int ClaFirstVisitDays,
    int ClaVisitIntervalDays,
    int ClaLongTermVisitIntervalMonths,
    IReadOnlyList<string> LongTermPlacementTypes,
    AssessmentTimelinessStart AssessmentTimelinessStart,
    BenchmarkSettings Benchmark,
    RagSettings Rag)
{
    private const string ResourceName = "KpiPipeline.Resources.kpi-settings.json";
    private const int Format = 1;

    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly Lazy<KpiSettings> Embedded = new(() => FromNode(EmbeddedNode(), "kpi-settings.json (embedded)"));

    /// <summary>The shipped defaults.</summary>
    public static KpiSettings Default => Embedded.Value;

    /// <summary>The defaults with <paramref name="overridePath"/>'s keys laid over them (null or empty → the defaults).</summary>
    public static KpiSettings Load(string? overridePath)
    {
        if (string.IsNullOrWhiteSpace(overridePath)) return Default;
        if (!File.Exists(overridePath)) throw new FileNotFoundException($"KPI settings file not found: {overridePath}", overridePath);
        return Parse(File.ReadAllText(overridePath), overridePath);
    }

    /// <summary>The defaults with the keys of <paramref name="overrideJson"/> laid over them.</summary>
    public static KpiSettings Parse(string overrideJson, string where)
    {
        JsonNode? overrides;
        try { overrides = JsonNode.Parse(overrideJson, documentOptions: ReadOptions); }
        catch (JsonException e) { throw new InvalidDataException($"{where}: not valid JSON ({e.Message})", e); }
        if (overrides is not JsonObject overrideObject) throw new InvalidDataException($"{where}: expected a JSON object");
        var merged = EmbeddedNode();
        Merge(merged, overrideObject, where, "");
        return FromNode(merged, where);
    }

    private static JsonObject EmbeddedNode()
    {
        var assembly = typeof(KpiSettings).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"KpiPipeline.Core has no embedded resource {ResourceName}");
        return (JsonObject)JsonNode.Parse(stream, documentOptions: ReadOptions)!;
    }

    /// <summary>Lays <paramref name="from"/> over <paramref name="into"/>: objects merge key by key, anything else replaces.</summary>
    private static void Merge(JsonObject into, JsonObject from, string where, string path)
    {
        var freeKeys = path == "rag.targets"; // kpi ids: any key allowed, checked when parsed
        foreach (var (key, value) in from.ToList())
        {
            var keyPath = path.Length == 0 ? key : path + "." + key;
            if (!freeKeys && !into.ContainsKey(key)) throw new InvalidDataException($"{where}: unknown key '{keyPath}'");
            if (value is JsonObject child && into[key] is JsonObject existing) Merge(existing, child, where, keyPath);
            else into[key] = value?.DeepClone();
        }
    }

    private static KpiSettings FromNode(JsonObject root, string where)
    {
        var r = new Reader(where);
        var format = r.Int(root, "format", min: 1);
        if (format != Format) throw new InvalidDataException($"{where}: format {format} is not supported (expected {Format})");
        var benchmark = r.Object(root, "benchmark");
        var rag = r.Object(root, "rag");
        var targets = new Dictionary<string, KpiTarget>(StringComparer.Ordinal);
        foreach (var (kpiId, node) in r.Object(rag, "targets", "rag"))
        {
            var path = $"rag.targets.{kpiId}";
            if (node is not JsonObject target) throw r.Error(path, "expected an object such as { \"target\": 90, \"tolerance\": 1 }");
            foreach (var key in target.Select(kv => kv.Key))
                if (key is not ("target" or "tolerance")) throw r.Error($"{path}.{key}", "unknown key (expected target, tolerance)");
            targets[kpiId] = new KpiTarget(r.Number(target, "target", path),
                target["tolerance"] is null ? null : r.Number(target, "tolerance", path, min: 0));
        }

        var snModelText = r.OptionalString(benchmark, "sn_model", "benchmark");
        SnModel? snModel = null;
        if (snModelText is not null)
            snModel = SnModels.TryParse(snModelText, out var m) ? m : throw r.Error("benchmark.sn_model", $"expected null, april2021 or may2025, found '{snModelText}'");
        int? benchmarkYear = benchmark["benchmark_year"] is null ? null : r.Int(benchmark, "benchmark_year", "benchmark", min: 2000);
        PublicationCutoff cutoff;
        try { cutoff = PublicationCutoff.Parse(r.String(benchmark, "publication_cutoff", "benchmark")); }
        catch (FormatException e) { throw r.Error("benchmark.publication_cutoff", e.Message); }

        var startText = r.String(root, "assessment_timeliness_start");
        var start = startText switch
        {
            "assessment_start" => AssessmentTimelinessStart.AssessmentStart,
            "referral_date" => AssessmentTimelinessStart.ReferralDate,
            _ => throw r.Error("assessment_timeliness_start", $"expected assessment_start or referral_date, found '{startText}'"),
        };

        var placementTypes = root["long_term_placement_types"] is JsonArray array
            ? array.Select((n, i) => n is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0
                ? s.Trim().ToUpperInvariant()
                : throw r.Error($"long_term_placement_types[{i}]", "expected a placement type code such as U1")).ToArray()
            : throw r.Error("long_term_placement_types", "expected an array of placement type codes");

        return new KpiSettings(
            r.Int(root, "visit_interval_working_days", min: 1),
            r.Int(root, "supervision_interval_working_days", min: 1),
            r.Int(root, "oversight_interval_working_days", min: 1),
            r.Int(root, "cla_first_visit_days", min: 1),
            r.Int(root, "cla_visit_interval_days", min: 1),
            r.Int(root, "cla_long_term_visit_interval_months", min: 1),
            placementTypes,
            start,
            new BenchmarkSettings(snModel, benchmarkYear, cutoff),
            new RagSettings(r.Number(rag, "default_tolerance", "rag", min: 0), targets));
    }

    /// <summary>Typed reads from the merged JSON whose errors name the file and the key path.</summary>
    private sealed class Reader(string where)
    {
        public InvalidDataException Error(string path, string problem) => new($"{where}: '{path}' {problem}");

        private static string PathOf(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

        public JsonObject Object(JsonObject node, string key, string parent = "") =>
            node[key] as JsonObject ?? throw Error(PathOf(parent, key), "expected an object");

        public int Int(JsonObject node, string key, string parent = "", int min = int.MinValue)
        {
            if (node[key] is JsonValue v && v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d >= min && d <= int.MaxValue)
                return (int)d;
            throw Error(PathOf(parent, key), $"expected a whole number of at least {min.ToString(CultureInfo.InvariantCulture)}, found {Show(node[key])}");
        }

        public double Number(JsonObject node, string key, string parent = "", double min = double.MinValue)
        {
            if (node[key] is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) && d >= min) return d;
            throw Error(PathOf(parent, key), $"expected a number{(min > double.MinValue ? $" of at least {min.ToString(CultureInfo.InvariantCulture)}" : "")}, found {Show(node[key])}");
        }

        public string String(JsonObject node, string key, string parent = "") =>
            node[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : throw Error(PathOf(parent, key), $"expected text, found {Show(node[key])}");

        public string? OptionalString(JsonObject node, string key, string parent = "") =>
            node[key] is null ? null : String(node, key, parent);

        private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";
    }
}
