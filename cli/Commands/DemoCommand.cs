using KpiPipeline.Lake;
using KpiPipeline.Pipeline;
using KpiPipeline.Synthetic;

namespace KpiPipeline.Cli.Commands;

/// <summary>
/// kpi demo — the README's main job: generate a Sefton-sized synthetic drop in a temp folder, run the
/// pipeline into ./lake, and print the scorecard read back from the lake.
/// </summary>
public sealed class DemoCommand : ICommand
{
    public string Name => "demo";
    public string Summary => "generate a Sefton-sized drop, run it into ./lake, print the scorecard";
    public string Usage => """
        kpi demo [--lake DIR] [--as-of yyyy-MM-dd] [--seed N] [--la CODE]
          --lake   lake folder (default ./lake)
          --as-of  snapshot date (default 2023-05-31, the seed report's month)
          --seed   generator seed (default 1)
          --la     LA code (default 343)
        """;

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var lakeDir = args.Optional("lake") ?? "lake";
        var asOf = args.Date("as-of") ?? new DateOnly(2023, 5, 31);
        var seed = args.Integer("seed") ?? 1;
        var la = args.Optional("la") ?? "343";
        var runner = RunnerFactory.Create(args);
        args.RejectUnknown();

        var dropDir = Path.Combine(Path.GetTempPath(), $"kpi-demo-{la}-{asOf:yyyyMMdd}-{seed}");
        Console.WriteLine($"Generating a synthetic drop for LA {la} as at {asOf:yyyy-MM-dd} in {dropDir} ...");
        SyntheticDropGenerator.Generate(new GeneratorOptions(la, asOf, dropDir, seed));

        var lake = new FolderLakeStore(lakeDir);
        var result = await runner.RunAsync(new RunRequest(dropDir, lake, RunTrigger.Cli), ct);
        var code = RunCommand.Report(result, lake);
        if (code != 0) return code;

        Console.WriteLine();
        await TerminalScorecard.PrintAsync(lake, result.LaCode, result.SnapshotDate, Console.Out, ct);
        return 0;
    }
}
