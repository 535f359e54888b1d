using System.Diagnostics;
using KpiPipeline.Synthetic;

namespace KpiPipeline.Cli.Commands;

/// <summary>kpi generate: a synthetic, deterministic drop for a fictional LA sized like the seed's.</summary>
public sealed class GenerateCommand : ICommand
{
    public string Name => "generate";
    public string Summary => "write a synthetic drop (all contract tables + manifest)";
    public string Usage => """
        kpi generate --la CODE --as-of yyyy-MM-dd --out DIR [--seed N] [--scale X]
          --la     DfE 3-digit LA code written into the manifest (e.g. 343)
          --as-of  the extract date
          --out    the folder to write (created; existing drop files are replaced)
          --seed   random seed (default 1): same seed, same bytes
          --scale  volume multiplier (default 1 = a Sefton-sized LA)
        """;

    public Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var la = args.Required("la");
        var asOf = args.Date("as-of") ?? throw new UsageException("--as-of is required");
        var outDir = args.Required("out");
        var seed = args.Integer("seed") ?? 1;
        var scale = args.Number("scale") ?? 1.0;
        args.RejectUnknown();
        if (scale <= 0) throw new UsageException("--scale must be positive");

        var clock = Stopwatch.StartNew();
        var result = SyntheticDropGenerator.Generate(new GeneratorOptions(la, asOf, outDir, seed, scale));
        Console.WriteLine($"Wrote {result.RowsByTable.Values.Sum():N0} rows ({result.Bytes / 1048576.0:N1} MiB) in {result.RowsByTable.Count} tables to {result.Folder} in {clock.Elapsed.TotalSeconds:0.0} s");
        return Task.FromResult(0);
    }
}
