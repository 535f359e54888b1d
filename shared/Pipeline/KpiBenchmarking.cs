using KpiPipeline.Benchmarks;
using KpiPipeline.Kpis;
using KpiPipeline.Lake.Tables;

namespace KpiPipeline.Pipeline;

/// <summary>
/// Fills the comparison columns of the kpi table (lake-contract.md; issue 3): for every KPI with a LAIT
/// measure, the statistical neighbours' average, England, region, the LA's own published value, its
/// LAIT quartile band and rank (LA rows); and for every row the RAG status against the SN average, else
/// a configured target, else the direction of travel (RagRules). Choices "as published at D" are the
/// BenchmarkCalculator's; the settings file (or CLI options) can pin the SN model and benchmark year.
/// </summary>
public sealed class KpiBenchmarking(ReferencePack pack, KpiSettings settings, BenchmarkOptions? options = null)
{
    private readonly BenchmarkCalculator _calculator = new(pack);
    private readonly BenchmarkOptions _options = options ?? settings.Benchmark.ToOptions();

    public void Apply(IReadOnlyList<KpiRow> rows, string laCode, DateOnly snapshotDate)
    {
        var benchmarks = new Dictionary<string, Benchmark?>();
        foreach (var row in rows)
        {
            var definition = KpiCatalogue.All.FirstOrDefault(k => k.Id == row.KpiId);
            if (definition is null) continue;
            if (!benchmarks.TryGetValue(row.KpiId, out var benchmark))
                benchmarks[row.KpiId] = benchmark = Compute(definition, laCode, snapshotDate);

            if (benchmark is not null && row.Breakdown == KpiRow.Breakdowns.La)
            {
                row.SnAverage = benchmark.SnAverage;
                row.SnCount = benchmark.SnCount;
                row.SnModel = benchmark.SnModel;
                row.BenchmarkYear = benchmark.BenchmarkYear;
                row.LaPublishedValue = benchmark.LaPublished;
                row.EnglandValue = benchmark.England;
                row.RegionValue = benchmark.Region;
                row.QuartileBand = benchmark.QuartileBand;
                row.LaRank = benchmark.Rank;
            }

            // Every breakdown is judged against the LA's comparator: a team sees how it stands against
            // the neighbours' average as the board does.
            var target = settings.Rag.TargetFor(row.KpiId);
            var comparator = benchmark?.SnAverage ?? target?.Target;
            row.Target = target?.Target;
            row.RagStatus = RagRules.Status(row.Value, row.PreviousValue, definition.Polarity, comparator, settings.Rag.ToleranceFor(row.KpiId));
        }
    }

    private Benchmark? Compute(KpiDefinition definition, string laCode, DateOnly snapshotDate)
    {
        if (definition.LaitCode is null || !pack.Areas.Any(a => a.Code == laCode && a.IsLa)) return null;
        try
        {
            return _calculator.Compute(definition.LaitCode, laCode, snapshotDate, _options, definition.Polarity);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            return null; // e.g. nothing published yet by D for this measure: no comparator, not an error
        }
    }
}
