using KpiPipeline.Storage;

namespace KpiPipeline.Pipeline;

/// <summary>What happened when a host asked for a day to be run.</summary>
public enum RunOutcomeKind
{
    /// <summary>The run finished and the snapshot is published.</summary>
    Succeeded,
    /// <summary>The run finished without publishing; the reason is in the ledger.</summary>
    Failed,
    /// <summary>No run: another run holds the day's lease, or the output is already current.</summary>
    Skipped,
    /// <summary>The trigger was not for a drop (a CSV, an empty blob): nothing recorded.</summary>
    Ignored,
    /// <summary>There is nothing to run from (no raw copy to replay).</summary>
    NotFound,
}

/// <summary>The answer ops services give to their hosts (function, CLI): what happened, why, and the ledger row after it.</summary>
public sealed record RunOutcome(RunOutcomeKind Kind, DropKey? Key, string? Reason, RunResult? Result = null, RunLedgerEntry? Ledger = null)
{
    public static RunOutcome Ignored(string reason) => new(RunOutcomeKind.Ignored, null, reason);
    public static RunOutcome NotFound(DropKey key, string reason) => new(RunOutcomeKind.NotFound, key, reason);

    /// <summary>
    /// The reason as it may appear in logs: a failed run's error can quote a field value from the drop, so it stays
    /// in the access-controlled ledger; skip/ignore reasons are fixed texts of ours.
    /// </summary>
    public string? LogReason => Kind == RunOutcomeKind.Failed ? "reason in the run ledger" : Reason;

    public override string ToString() => Key is { } k ? $"{Kind} {k}: {Reason}" : $"{Kind}: {Reason}";
}
