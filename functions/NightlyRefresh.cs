using KpiPipeline.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace KpiPipeline.Functions;

/// <summary>
/// The nightly safety net: on the CRON in the KPI_SCHEDULE app setting (UTC on Flex Consumption; no
/// RunOnStartup, so a deployment or scale-out never starts an unplanned refresh) it runs every complete drop not
/// yet published, bounded by KPI_REFRESH_MAX_RUNS, in date order.
/// </summary>
public sealed class NightlyRefresh(NightlyRefreshService refresh, ILogger<NightlyRefresh> logger)
{
    [Function(nameof(NightlyRefresh))]
    public async Task Run([TimerTrigger("%KPI_SCHEDULE%")] TimerInfo timer, CancellationToken ct)
    {
        if (timer.IsPastDue) logger.LogWarning("Nightly refresh is running late (past due)");
        var report = await refresh.RunAsync(ct);
        logger.LogInformation("Nightly refresh: {Drops} complete drops, {Runs} run ({Succeeded} succeeded), {Deferred} deferred",
            report.CompleteDrops, report.Runs.Count, report.Runs.Count(r => r.Kind == RunOutcomeKind.Succeeded), report.Deferred.Count);
    }
}
