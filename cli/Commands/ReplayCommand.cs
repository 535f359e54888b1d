using KpiPipeline.Lake;
using KpiPipeline.Pipeline;

namespace KpiPipeline.Cli.Commands;

/// <summary>
/// kpi replay: re-run one day from its raw copy in the lake, replacing the published snapshot atomically.
/// With --lake, the folder lake; without, the Azure lake named by the KPI_LAKE settings (the same services
/// the function app's POST /api/replay uses, with the run ledger and the drop lease).
/// </summary>
public sealed class ReplayCommand : ICommand
{
    public string Name => "replay";
    public string Summary => "re-run a day from its raw copy (folder lake or the Azure lake)";
    public string Usage => """
        kpi replay --la CODE --date yyyy-MM-dd [--lake DIR] [--population N] [--settings FILE] [--reference DIR]
          --lake   a folder lake; omit to use the Azure lake and run ledger from the KPI_LAKE / KPI_LANDING settings
        """;

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var la = args.Required("la");
        var date = args.Date("date") ?? throw new UsageException("--date is required");
        var lakeDir = args.Optional("lake");
        var runner = RunnerFactory.Create(args);
        args.RejectUnknown();

        if (lakeDir is null)
        {
            var ops = PipelineOps.Create(OpsSettings.FromEnvironment(), runner);
            var outcome = await ops.Replay.ReplayAsync(la, date, ct);
            Console.WriteLine($"{outcome.Kind}: {la} {date:yyyy-MM-dd} {outcome.LogReason}");
            return outcome.Kind == RunOutcomeKind.Succeeded ? 0 : 1;
        }

        var lake = new FolderLakeStore(lakeDir);
        var work = Directory.CreateTempSubdirectory("kpi-replay-").FullName;
        try
        {
            await RawZone.DownloadDropAsync(lake, la, date, work, ct);
            var result = await runner.RunAsync(new RunRequest(work, lake, RunTrigger.Replay, date), ct);
            return RunCommand.Report(result, lake);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
