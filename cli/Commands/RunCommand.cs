using KpiPipeline.Lake;
using KpiPipeline.Pipeline;

namespace KpiPipeline.Cli.Commands;

/// <summary>kpi run: one drop folder into a folder lake.</summary>
public sealed class RunCommand : ICommand
{
    public string Name => "run";
    public string Summary => "run the pipeline on a drop folder into a lake folder";
    public string Usage => """
        kpi run --drop DIR --lake DIR [--snapshot-date yyyy-MM-dd] [--population N] [--settings FILE] [--reference DIR]
          --drop           a drop folder (CSV files + manifest.json, extract-contract.md)
          --lake           the lake folder (created if missing)
          --snapshot-date  the as-at date (default: the manifest's extract_date)
          --population     0–17 population for rates (default: the reference pack's ONS estimate)
          --settings       a KPI settings file overriding Resources/kpi-settings.json
          --reference      a reference pack folder (default: the pack built into the product)
        """;

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var drop = args.Required("drop");
        var lakeDir = args.Required("lake");
        var date = args.Date("snapshot-date");
        var runner = RunnerFactory.Create(args);
        args.RejectUnknown();
        if (!Directory.Exists(drop)) throw new UsageException($"--drop '{drop}' is not a folder");

        var lake = new FolderLakeStore(lakeDir);
        var result = await runner.RunAsync(new RunRequest(drop, lake, RunTrigger.Cli, date), ct);
        return Report(result, lake);
    }

    internal static int Report(RunResult result, ILakeStore lake)
    {
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"kpi run: {result.LaCode} {result.SnapshotDate:yyyy-MM-dd} failed: {result.Error}");
            return 1;
        }
        Console.WriteLine($"Published {result.LaCode} {result.SnapshotDate:yyyy-MM-dd} to {lake.Describe()} (run {result.RunId}) in {result.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"  rows read {result.RowsIn:N0}, rejected {result.RowsRejected:N0}; " +
                          string.Join(", ", result.RowsWritten.Select(kv => $"{kv.Key} {kv.Value:N0}")));
        return 0;
    }
}

/// <summary>Builds the SnapshotRunner from the options every running verb shares.</summary>
internal static class RunnerFactory
{
    public static SnapshotRunner Create(CommandLine args)
    {
        var population = args.Number("population");
        var settings = args.Optional("settings");
        var reference = args.Optional("reference");
        var data = ReferenceDataLoader.Load(reference, settings);
        return new SnapshotRunner(data, new SnapshotRunnerOptions { PopulationOverride = population });
    }
}
