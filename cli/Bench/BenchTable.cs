using System.Globalization;

namespace KpiPipeline.Cli.Bench;

/// <summary>Prints a <see cref="BenchReport"/> as a Markdown table (pasteable into docs/performance.md).</summary>
public static class BenchTable
{
    public static void Print(BenchReport r, TextWriter w)
    {
        var mib = r.CsvBytes / 1048576.0;
        var mode = r.Options.Warm ? "warm (2nd iteration in each process)" : "cold process";
        w.WriteLine(Inv($"scale {r.Options.Scale:0.###} · seed {r.Options.Seed} · {r.Options.Runs} run(s) · {mode} · ") +
                    Inv($"{mib:N1} MiB CSV, {r.Rows:N0} rows · {Environment.ProcessorCount} cores · load avg {r.LoadAverage} · code {CodeKind.Describe()}"));
        w.WriteLine();
        w.WriteLine("| side | wall s (median) | CPU s (median) | peak RSS MiB (max) | MiB/s (wall) | rows/s (wall) | steal core-s (median) |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Row(w, "A pipeline", r.A, r);
        Row(w, "B DuckDB", r.B, r);
        Row(w, "parse floor (Sep)", r.Parse, r);
        w.WriteLine();
        var wallRatio = BenchRunner.Median(r.A.Zip(r.B, (a, b) => a.WallSeconds / b.WallSeconds));
        var cpuRatio = BenchRunner.Median(r.A.Zip(r.B, (a, b) => a.CpuSeconds / b.CpuSeconds));
        var floor = BenchRunner.Median(r.A.Zip(r.Parse, (a, p) => a.WallSeconds / p.WallSeconds));
        w.WriteLine(Inv($"A/B wall ratio (median of pairs) {wallRatio:0.00} · A/B CPU ratio {cpuRatio:0.00} · A wall / parse floor {floor:0.0}×"));
        w.WriteLine("A phases (median s): " + Phases(r.A) + Inv($"; GC pauses {BenchRunner.Median(r.A.Select(m => m.GcPauseSeconds)):0.0} s in all"));
        w.WriteLine("B phases (median s): " + Phases(r.B));
        w.WriteLine("steal: CPU time the machine's hypervisor gave to other guests during a side, all cores together; it lengthens wall times on a busy host.");
        if (r.Options.Warm)
            w.WriteLine(Inv($"cold first iteration (median wall s): A {BenchRunner.Median(r.A.Select(m => m.FirstWallSeconds)):0.000}, B {BenchRunner.Median(r.B.Select(m => m.FirstWallSeconds)):0.000}"));
    }

    private static void Row(TextWriter w, string name, IReadOnlyList<SideMeasurement> ms, BenchReport r)
    {
        var wall = BenchRunner.Median(ms.Select(m => m.WallSeconds));
        var cpu = BenchRunner.Median(ms.Select(m => m.CpuSeconds));
        var peak = ms.Max(m => m.PeakRssBytes) / 1048576.0;
        var steal = ms.All(m => m.StealSeconds is not null) ? BenchRunner.Median(ms.Select(m => m.StealSeconds!.Value)).ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
        w.WriteLine(Inv($"| {name} | {wall:0.000} | {cpu:0.000} | {peak:N0} | {r.CsvBytes / 1048576.0 / wall:N1} | {r.Rows / wall:N0} | {steal} |"));
    }

    private static string Phases(IReadOnlyList<SideMeasurement> ms) =>
        string.Join(", ", ms[0].PhaseSeconds.Keys.Select(k =>
            Inv($"{k} {BenchRunner.Median(ms.Select(m => m.PhaseSeconds.GetValueOrDefault(k))):0.000}")));

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
