using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using KpiPipeline.Lake;

namespace KpiPipeline.Cli.Bench;

/// <summary>What one <c>kpi bench</c> invocation is asked to do.</summary>
public sealed record BenchOptions(double Scale, int Runs, int Seed, string CacheRoot, bool Warm);

/// <summary>All measurements of a benchmark, by side, in run order; and the KPI agreement check.</summary>
public sealed record BenchReport(
    BenchOptions Options, long CsvBytes, long Rows, string LoadAverage,
    IReadOnlyList<SideMeasurement> A, IReadOnlyList<SideMeasurement> B, IReadOnlyList<SideMeasurement> Parse,
    KpiAgreementResult Agreement);

/// <summary>
/// Runs the benchmark: each side of each run in a fresh child process of this same executable (verb
/// bench-side), so its peak memory is its own. Before each side the drop's files are dropped from the page cache, so every
/// side reads the drop from disk (a national drop is 8 GB: what the side before left cached, or evicted, would
/// otherwise decide a good part of the time); A and B also alternate which goes first. With --warm, each child runs
/// twice and the second, warm, run is measured. The last run's outputs are kept until A's published KPIs and B's
/// Parquet are compared.
/// </summary>
public static class BenchRunner
{
    public static BenchReport Run(BenchOptions o, string dropFolder, TextWriter progress, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("kpi-bench-").FullName;
        try
        {
            var a = new List<SideMeasurement>();
            var b = new List<SideMeasurement>();
            var parse = new List<SideMeasurement>();
            string? lastA = null, lastB = null;
            for (var run = 0; run < o.Runs; run++)
            {
                var order = run % 2 == 0 ? new[] { BenchSides.Pipeline, BenchSides.DuckDb } : [BenchSides.DuckDb, BenchSides.Pipeline];
                foreach (var side in order.Append(BenchSides.Parse))
                {
                    var outDir = Path.Combine(work, $"run{run}-{side}");
                    Directory.CreateDirectory(outDir);
                    ColdCache(dropFolder);
                    var m = RunChild(side, dropFolder, outDir, o.Warm ? 2 : 1, ct);
                    progress.WriteLine($"  run {run + 1}/{o.Runs} {side,-5} wall {m.WallSeconds,7:0.000} s  cpu {m.CpuSeconds,7:0.000} s  peak {m.PeakRssBytes / 1048576.0,7:0} MiB" +
                        (m.StealSeconds is { } stolen ? $"  steal {stolen,5:0.0} core-s" : ""));
                    (side switch { BenchSides.Pipeline => a, BenchSides.DuckDb => b, _ => parse }).Add(m);
                    // Only the last run's outputs are compared; earlier ones are removed to save disk at large scales.
                    if (side == BenchSides.Pipeline) { DeleteQuietly(lastA); lastA = outDir; }
                    else if (side == BenchSides.DuckDb) { DeleteQuietly(lastB); lastB = outDir; }
                    else DeleteQuietly(outDir);
                }
            }
            var iteration = o.Warm ? 1 : 0;
            var agreement = KpiAgreement.Compare(
                KpiAgreement.ReadDuckParquet(Path.Combine(lastB!, $"duck-{iteration}.parquet")),
                KpiAgreement.ReadLakeLaKpis(Path.Combine(lastA!, $"lake-{iteration}")));
            return new BenchReport(o, BenchDropCache.CsvBytes(dropFolder), a[0].Rows, LoadAverage(), a, b, parse, agreement);
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    private static SideMeasurement RunChild(string side, string dropFolder, string outDir, int iterations, CancellationToken ct)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Under `dotnet kpi.dll` the process is dotnet itself: run the same assembly through it.
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this executable's path");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        foreach (var arg in new[] { "bench-side", "--side", side, "--drop", dropFolder, "--out", outDir, "--iterations", iterations.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);

        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the benchmark child process");
        using var kill = ct.Register(() => { try { child.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } });
        var stdout = child.StandardOutput.ReadToEndAsync(ct);
        var stderr = child.StandardError.ReadToEndAsync(ct);
        child.WaitForExit();
        ct.ThrowIfCancellationRequested();
        if (child.ExitCode != 0)
            throw new InvalidDataException($"side {side} exited with code {child.ExitCode}: {stderr.Result.Trim()}");
        var line = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? throw new InvalidDataException($"side {side} printed no measurement");
        return SideMeasurement.FromJsonLine(line);
    }

    /// <summary>Drops every file of the drop from the page cache (see <see cref="PageCache"/>).</summary>
    private static void ColdCache(string dropFolder)
    {
        foreach (var file in Directory.EnumerateFiles(dropFolder)) PageCache.TryEvict(file);
    }

    /// <summary>The 1-, 5- and 15-minute load averages (Linux), to read the timings against.</summary>
    public static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "n/a";
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static void DeleteQuietly(string? path)
    {
        if (path is null) return;
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
