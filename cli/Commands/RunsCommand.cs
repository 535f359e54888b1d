using System.Globalization;
using KpiPipeline.Lake;
using KpiPipeline.Pipeline;

namespace KpiPipeline.Cli.Commands;

/// <summary>kpi runs: the run history of an LA — from a folder lake's run table, or the Azure run ledger.</summary>
public sealed class RunsCommand : ICommand
{
    public string Name => "runs";
    public string Summary => "list runs of an LA (folder lake run table, or the Azure run ledger)";
    public string Usage => """
        kpi runs --la CODE [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--lake DIR]
          --lake   a folder lake; omit to read the Azure run ledger named by the KPI_LAKE settings
        """;

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var la = args.Required("la");
        var from = args.Date("from");
        var to = args.Date("to");
        var lakeDir = args.Optional("lake");
        args.RejectUnknown();

        Console.WriteLine($"{"snapshot",-10}  {"status",-11} {"trigger",-7} {"started (UTC)",-19}  {"seconds",7}  {"rows in",9}  {"rejected",8}  run / reason");
        if (lakeDir is not null)
        {
            var runs = await RunTable.ReadAllAsync(new FolderLakeStore(lakeDir), la, ct);
            foreach (var r in runs.Where(r => (from is null || r.SnapshotDate >= from) && (to is null || r.SnapshotDate <= to)))
            {
                var seconds = r.FinishedAt is { } f ? (f - r.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "";
                Console.WriteLine($"{r.SnapshotDate:yyyy-MM-dd}  {r.Status,-11} {r.Trigger,-7} {r.StartedAt:yyyy-MM-dd HH:mm:ss}  {seconds,7}  {r.RowsIn,9}  {r.RowsRejected,8}  {r.RunId} {r.Message}");
            }
            return 0;
        }

        var ops = PipelineOps.Create(OpsSettings.FromEnvironment(), RunnerFactory.Create(new CommandLine([])));
        foreach (var e in await ops.Runs.ListAsync(la, from, to, ct))
            Console.WriteLine($"{e.SnapshotDate}  {e.Status.ToString().ToLowerInvariant(),-11} {e.Trigger,-7} {e.Started:yyyy-MM-dd HH:mm:ss}  {e.DurationMs / 1000.0,7:0.0}  {e.RowsIn,9}  {e.RowsRejected,8}  {e.LastRunId} {e.Error}");
        return 0;
    }
}
