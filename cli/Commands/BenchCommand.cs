using KpiPipeline.Cli.Bench;
using KpiPipeline.Common;

namespace KpiPipeline.Cli.Commands;

/// <summary>
/// kpi bench — the pipeline (A) against DuckDB SQL over the same CSVs (B) and the raw parse floor, each in
/// its own child process; then a differential check that A and B agree on every LA-level KPI (issue 5).
/// </summary>
public sealed class BenchCommand : ICommand
{
    public string Name => "bench";
    public string Summary => "benchmark the pipeline against DuckDB on a synthetic drop, and check they agree";
    public string Usage => """
        kpi bench --scale S [--runs N] [--seed N] [--cache DIR] [--warm]
          --scale  volume multiplier of the synthetic drop (1 = Sefton, 6 = the largest LA)
          --runs   A/B pairs, alternating which goes first (default 3)
          --seed   generator seed (default 1)
          --cache  where drops are kept between runs (default .bench-cache/ at the repo root)
          --warm   run each side twice in its process and report the second (warm) run
        Exit code 1 if A and B disagree on any KPI (each disagreement is printed).
        """;

    public Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var scale = args.Number("scale") ?? throw new UsageException("--scale is required");
        var runs = args.Integer("runs") ?? 3;
        var seed = args.Integer("seed") ?? 1;
        var cache = args.Optional("cache") ?? Path.Combine(RepoRootOrCurrent(), ".bench-cache");
        var warm = args.Flag("warm");
        args.RejectUnknown();
        if (scale <= 0) throw new UsageException("--scale must be positive");
        if (runs < 1) throw new UsageException("--runs must be at least 1");

        var (drop, generated, generateTime) = BenchDropCache.Ensure(cache, seed, scale);
        Console.WriteLine(generated
            ? $"Generated the drop in {generateTime.TotalSeconds:0.0} s: {drop}"
            : $"Reusing the cached drop: {drop}");

        var report = BenchRunner.Run(new BenchOptions(scale, runs, seed, cache, warm), drop, Console.Out, ct);
        Console.WriteLine();
        BenchTable.Print(report, Console.Out);
        Console.WriteLine();
        if (!report.Agreement.Agrees)
        {
            Console.Error.WriteLine($"kpi bench: A and B disagree on {report.Agreement.Disagreements.Count} value(s) of {report.Agreement.Compared} KPIs:");
            foreach (var d in report.Agreement.Disagreements) Console.Error.WriteLine("  " + d);
            return Task.FromResult(1);
        }
        Console.WriteLine($"Agreement: all {report.Agreement.Compared} LA-level KPIs agree (A's published kpi table vs B's Parquet).");
        return Task.FromResult(0);
    }

    private static string RepoRootOrCurrent()
    {
        try { return RepoPaths.RepoRoot; }
        catch (DirectoryNotFoundException) { return Directory.GetCurrentDirectory(); }
    }
}

/// <summary>
/// kpi bench-side (hidden) — one side of the benchmark in this process; prints one JSON line with wall, CPU
/// and peak RSS. Started by kpi bench; not meant to be called by hand.
/// </summary>
public sealed class BenchSideCommand : ICommand
{
    public string Name => "bench-side";
    public string Summary => "(internal) one side of kpi bench";
    public string Usage => "kpi bench-side --side A|B|parse --drop DIR --out DIR [--iterations N]";

    public Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var side = args.Required("side");
        var drop = args.Required("drop");
        var outDir = args.Required("out");
        var iterations = args.Integer("iterations") ?? 1;
        args.RejectUnknown();
        Directory.CreateDirectory(outDir);
        Console.WriteLine(BenchSides.Run(side, drop, outDir, iterations).ToJsonLine());
        return Task.FromResult(0);
    }
}
