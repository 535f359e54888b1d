using KpiPipeline.Lake;

namespace KpiPipeline.Pipeline;

/// <summary>What started a run (lake-contract run.trigger).</summary>
public enum RunTrigger { Cli, Blob, Timer, Replay }

/// <summary>
/// One request to turn a complete drop (a local folder holding the CSVs and manifest.json) into a
/// published snapshot in the lake. SnapshotDate defaults to the manifest's extract_date.
/// </summary>
public sealed record RunRequest(
    string DropFolder,
    ILakeStore Lake,
    RunTrigger Trigger,
    DateOnly? SnapshotDate = null,
    string? RunId = null);

/// <summary>The outcome of a run: what the run ledger and the CLI report.</summary>
public sealed record RunResult(
    string RunId,
    string LaCode,
    DateOnly SnapshotDate,
    bool Succeeded,
    string? Error,
    string InputSha256,
    long RowsIn,
    long RowsRejected,
    IReadOnlyDictionary<string, long> RowsWritten,
    TimeSpan Elapsed,
    IReadOnlyList<RunPhase>? Phases = null);

/// <summary>
/// Wall time of one stage of a run (read, raw copy, compute, build output, publish, ledger): what the
/// benchmark (kpi bench) reports as "where the time went". Stages that did not run are absent.
/// </summary>
public sealed record RunPhase(string Name, TimeSpan Elapsed);

/// <summary>
/// The single entry point every host (CLI, blob trigger, timer, replay) uses to run a snapshot.
/// Failures are returned as a RunResult with Succeeded=false and a one-line Error naming file, row and
/// column where known; nothing is published for a failed run.
/// </summary>
public interface ISnapshotRunner
{
    Task<RunResult> RunAsync(RunRequest request, CancellationToken ct = default);
}
