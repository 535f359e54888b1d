using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using KpiPipeline.Benchmarks;
using KpiPipeline.Extract;
using KpiPipeline.Lake;
using KpiPipeline.Pipeline;
using nietras.SeparatedValues;

namespace KpiPipeline.Cli.Bench;

/// <summary>
/// What one side of the benchmark measured in its own process: wall and CPU time (user + system, all threads,
/// native DuckDB threads included) of the measured work, and the process's peak resident set (VmHWM, so it
/// includes the runtime itself). With more than one iteration, Wall/Cpu are the last (warm) iteration and
/// FirstWall/FirstCpu the first (cold: JIT and file cache included). Phases: the last iteration's stages.
/// StealSeconds: core-seconds the whole machine lost to other guests during the last iteration (<see cref="CpuSteal"/>).
/// </summary>
public sealed record SideMeasurement(
    string Side, double WallSeconds, double CpuSeconds, double FirstWallSeconds, double FirstCpuSeconds,
    long PeakRssBytes, long Rows, long Fields, IReadOnlyDictionary<string, double> PhaseSeconds, double GcPauseSeconds = 0,
    double? StealSeconds = null)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string ToJsonLine() => JsonSerializer.Serialize(this, Json);

    public static SideMeasurement FromJsonLine(string line) =>
        JsonSerializer.Deserialize<SideMeasurement>(line, Json) ?? throw new InvalidDataException("empty measurement line");
}

/// <summary>The sides of <c>kpi bench</c>: A the pipeline, B DuckDB, and the parse floor.</summary>
public static class BenchSides
{
    public const string Pipeline = "A";
    public const string DuckDb = "B";
    public const string Parse = "parse";

    /// <summary>
    /// Runs one side <paramref name="iterations"/> times in this process. <paramref name="outputDir"/> is
    /// where A's lake (iteration k: lake-k) or B's Parquet (duck-k.parquet) is written; the caller owns it.
    /// Reference data is loaded before the clock starts (both sides need it; a host loads it once).
    /// </summary>
    public static SideMeasurement Run(string side, string dropFolder, string outputDir, int iterations)
    {
        if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations));
        var manifest = DropManifest.Parse(File.ReadAllText(Path.Combine(dropFolder, DropManifest.FileName)), DropManifest.FileName);
        var reference = ReferenceDataLoader.Load();
        var rows = manifest.Tables.Values.Sum(t => t.Rows);
        long fields = 0;
        (double Wall, double Cpu) first = default, last = default;
        double? steal = null;
        IReadOnlyDictionary<string, double> phases = new Dictionary<string, double>();
        for (var k = 0; k < iterations; k++)
        {
            var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            var stealStart = CpuSteal.Total();
            var clock = Stopwatch.StartNew();
            switch (side)
            {
                case Pipeline:
                    phases = RunPipeline(reference, dropFolder, Path.Combine(outputDir, $"lake-{k}"));
                    break;
                case DuckDb:
                    phases = RunDuckDb(reference, manifest, dropFolder, Path.Combine(outputDir, $"duck-{k}.parquet"));
                    break;
                case Parse:
                    (rows, fields) = ParseFloor(dropFolder);
                    break;
                default:
                    throw new ArgumentException($"unknown side '{side}' (A, B or parse)", nameof(side));
            }
            clock.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
            last = (clock.Elapsed.TotalSeconds, cpu);
            steal = CpuSteal.Total() - stealStart;
            if (k == 0) first = last;
        }
        // Time the garbage collector paused the process, over every iteration (a share of the wall time, not a phase).
        return new SideMeasurement(side, last.Wall, last.Cpu, first.Wall, first.Cpu, PeakRss.Bytes(), rows, fields, phases,
            GC.GetTotalPauseDuration().TotalSeconds, steal);
    }

    private static Dictionary<string, double> RunPipeline(ReferenceData reference, string dropFolder, string lakeDir)
    {
        var result = new SnapshotRunner(reference)
            .RunAsync(new RunRequest(dropFolder, new FolderLakeStore(lakeDir), RunTrigger.Cli)).GetAwaiter().GetResult();
        if (!result.Succeeded) throw new InvalidDataException($"side A failed: {result.Error}");
        return (result.Phases ?? []).ToDictionary(p => p.Name, p => p.Elapsed.TotalSeconds);
    }

    private static Dictionary<string, double> RunDuckDb(ReferenceData reference, DropManifest manifest, string dropFolder, string parquetOut)
    {
        var date = manifest.ExtractDay;
        var population = reference.Population(manifest.LaCode, date)
            ?? throw new InvalidDataException($"no 0–17 population for LA {manifest.LaCode} at {date:yyyy-MM-dd} in the reference pack");
        var run = DuckDbKpis.ComputeTimed(dropFolder, date, ReferencePack.LoadEmbedded().BankHolidays, population, parquetOut: parquetOut);
        // Group the per-table and per-KPI phases so the table stays readable: load / cohorts / kpis / parquet.
        return run.Phases
            .GroupBy(p => p.Name switch
            {
                var n when n.StartsWith("kpi ", StringComparison.Ordinal) => "kpis",
                "calendar" or "cohorts" or "parquet" => p.Name,
                _ => "load",
            })
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Elapsed.TotalSeconds));
    }

    /// <summary>
    /// The floor: every CSV of the drop streamed once by Sep, counting fields, building nothing — as many
    /// files at a time as there are cores, as the pipeline's reader does.
    /// </summary>
    public static (long Rows, long Fields) ParseFloor(string dropFolder)
    {
        long rows = 0, fields = 0;
        var files = Directory.GetFiles(dropFolder, "*.csv").OrderByDescending(f => new FileInfo(f).Length).ToArray();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            long r = 0, f = 0;
            using var reader = Sep.New(',').Reader(o => o with
            {
                HasHeader = true, DisableColCountCheck = true, CultureInfo = CultureInfo.InvariantCulture,
            }).FromFile(file);
            foreach (var row in reader)
            {
                r++;
                f += row.ColCount;
            }
            Interlocked.Add(ref rows, r);
            Interlocked.Add(ref fields, f);
        });
        return (rows, fields);
    }
}

/// <summary>The peak resident set of this process: VmHWM from /proc/self/status on Linux, else the runtime's figure.</summary>
public static class PeakRss
{
    public static long Bytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kb = line["VmHWM:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
