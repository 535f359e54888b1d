using KpiPipeline.Benchmarks;

namespace KpiPipeline.Tests.Benchmarks;

public sealed class KpiSettingsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "kpi-settings-" + Guid.NewGuid().ToString("N") + ".json");

    [Fact]
    public void Defaults_are_the_catalogue_rules()
    {
        var s = KpiSettings.Default;
        Assert.Equal(20, s.VisitIntervalWorkingDays);
        Assert.Equal(30, s.SupervisionIntervalWorkingDays);
        Assert.Equal(30, s.OversightIntervalWorkingDays);
        Assert.Equal(["U1", "U4"], s.LongTermPlacementTypes);
        Assert.Equal(AssessmentTimelinessStart.AssessmentStart, s.AssessmentTimelinessStart);
        Assert.Equal((7, 42, 3), (s.ClaFirstVisitDays, s.ClaVisitIntervalDays, s.ClaLongTermVisitIntervalMonths));
        Assert.Null(s.Benchmark.SnModel);
        Assert.Null(s.Benchmark.BenchmarkYear);
        Assert.Equal(new PublicationCutoff(11, 1), s.Benchmark.PublicationCutoff);
        Assert.Equal(0, s.Rag.DefaultTolerance);
        Assert.Empty(s.Rag.Targets);
        Assert.Same(s, KpiSettings.Load(null));
    }

    [Fact]
    public void An_override_file_changes_only_its_keys()
    {
        File.WriteAllText(_file, """
            // local policy
            {
              "visit_interval_working_days": 10,
              "assessment_timeliness_start": "referral_date",
              "benchmark": { "sn_model": "may2025", "publication_cutoff": "10-27" },
              "rag": { "targets": { "cin_visited_20wd": { "target": 90, "tolerance": 1.5 } } },
            }
            """);
        var s = KpiSettings.Load(_file);
        Assert.Equal(10, s.VisitIntervalWorkingDays);
        Assert.Equal(30, s.SupervisionIntervalWorkingDays);
        Assert.Equal(AssessmentTimelinessStart.ReferralDate, s.AssessmentTimelinessStart);
        Assert.Equal(SnModel.May2025, s.Benchmark.SnModel);
        Assert.Equal(new PublicationCutoff(10, 27), s.Benchmark.PublicationCutoff);
        Assert.Null(s.Benchmark.BenchmarkYear);
        Assert.Equal(new KpiTarget(90, 1.5), s.Rag.TargetFor("cin_visited_20wd"));
        Assert.Equal(1.5, s.Rag.ToleranceFor("cin_visited_20wd"));
        Assert.Equal(0, s.Rag.ToleranceFor("cp_visited_20wd"));
        var options = s.Benchmark.ToOptions();
        Assert.Equal(SnModel.May2025, options.SnModel);
    }

    [Theory]
    [InlineData("""{ "visit_intervall_working_days": 10 }""", "unknown key 'visit_intervall_working_days'")]
    [InlineData("""{ "benchmark": { "snmodel": "may2025" } }""", "unknown key 'benchmark.snmodel'")]
    [InlineData("""{ "visit_interval_working_days": 0 }""", "'visit_interval_working_days' expected a whole number of at least 1")]
    [InlineData("""{ "assessment_timeliness_start": "contact" }""", "'assessment_timeliness_start' expected assessment_start or referral_date")]
    [InlineData("""{ "benchmark": { "sn_model": "2014" } }""", "'benchmark.sn_model'")]
    [InlineData("""{ "benchmark": { "publication_cutoff": "13-01" } }""", "'benchmark.publication_cutoff'")]
    [InlineData("""{ "rag": { "targets": { "x": { "target": "high" } } } }""", "'rag.targets.x.target' expected a number")]
    [InlineData("""[1, 2]""", "expected a JSON object")]
    public void Bad_settings_name_the_file_and_key(string json, string message)
    {
        File.WriteAllText(_file, json);
        var e = Assert.Throws<InvalidDataException>(() => KpiSettings.Load(_file));
        Assert.Contains(_file, e.Message);
        Assert.Contains(message, e.Message);
    }

    public void Dispose()
    {
        if (File.Exists(_file)) File.Delete(_file);
    }
}
