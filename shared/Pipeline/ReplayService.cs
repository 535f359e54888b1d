using KpiPipeline.Lake;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KpiPipeline.Pipeline;

/// <summary>
/// Re-runs one day from its raw copy in the lake (<c>raw/{la_code}/{yyyy-MM-dd}/</c>), with trigger
/// <see cref="RunTrigger.Replay"/>. The same raw bytes and code give byte-identical output, and the runner's
/// publication replaces the day's snapshot atomically, so a replay can be repeated safely.
/// Used by <c>POST /api/replay/{la_code}/{date}</c> and <c>kpi replay</c>.
/// </summary>
public sealed class ReplayService
{
    private readonly LeasedRunExecutor _executor;
    private readonly ILogger _logger;

    public ReplayService(LeasedRunExecutor executor, ILogger<ReplayService>? logger = null)
    {
        _executor = executor;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// Replays <paramref name="laCode"/>'s day <paramref name="date"/>. Returns NotFound when there is no raw copy,
    /// Skipped when another run holds the day, otherwise Succeeded or Failed (with the reason, also in the ledger).
    /// </summary>
    public async Task<RunOutcome> ReplayAsync(string laCode, DateOnly date, CancellationToken ct = default)
    {
        var key = new DropKey(laCode, date);
        var lake = _executor.Lake;
        var files = new List<string>();
        await foreach (var path in lake.ListAsync(key.RawPrefix, ct)) files.Add(path);
        if (files.Count == 0)
        {
            return RunOutcome.NotFound(key, $"no raw copy at {key.RawPrefix} in {lake.Describe()}");
        }

        var plan = new LeasedRunExecutor.Plan(null, null, (folder, t) => FetchRawAsync(lake, key, files, folder, t));
        var outcome = await _executor.RunAsync(key, RunTrigger.Replay, plan, ct);
        _logger.LogInformation("Replay of {LaCode} {Date}: {Kind} {Reason}", key.LaCode, key.DateText, outcome.Kind, outcome.LogReason);
        return outcome;
    }

    private static async Task FetchRawAsync(ILakeStore lake, DropKey key, IReadOnlyList<string> files, string folder, CancellationToken ct)
    {
        foreach (var path in files)
        {
            var local = DropIngestService.LocalPath(folder, path[key.RawPrefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            await using var source = await lake.OpenReadAsync(path, ct)
                ?? throw new InvalidDataException($"{path}: listed in the raw zone but gone before it could be read");
            await using var target = File.Create(local);
            await source.CopyToAsync(target, ct);
        }
    }
}
