using System.Diagnostics;
using KpiPipeline.Lake;
using KpiPipeline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KpiPipeline.Pipeline;

/// <summary>
/// How one day's run is carried out whatever started it (blob event, timer, replay):
/// take the day's lease → check the ledger → mark running → fetch the drop into a private temp folder →
/// <see cref="ISnapshotRunner.RunAsync"/> → record the result → delete the folder → release the lease.
/// <para>
/// Failure policy: a drop that is wrong (bad manifest, failed validation) is a <em>result</em> — recorded as failed,
/// nothing published, no exception, because retrying the same bytes cannot help. Infrastructure errors (storage
/// still failing after the resilience pipeline's retries, an unexpected exception in the runner) are recorded and
/// re-thrown so the trigger's own retry and poison handling take over.
/// </para>
/// </summary>
public sealed class LeasedRunExecutor
{
    public const string LeaseHeldReason = "another run holds the lease";
    private static readonly TimeSpan LedgerWriteBudget = TimeSpan.FromSeconds(30);

    private readonly RunLedger _ledger;
    private readonly DropLeases _leases;
    private readonly ISnapshotRunner _runner;
    private readonly ILakeStore _lake;
    private readonly string _workRoot;
    private readonly ILogger _logger;

    public LeasedRunExecutor(RunLedger ledger, DropLeases leases, ISnapshotRunner runner, ILakeStore lake, string? workRoot = null,
        ILogger<LeasedRunExecutor>? logger = null)
    {
        _ledger = ledger;
        _leases = leases;
        _runner = runner;
        _lake = lake;
        _workRoot = workRoot ?? Path.GetTempPath();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public ILakeStore Lake => _lake;
    public RunLedger Ledger => _ledger;

    /// <summary>What to run and from where.</summary>
    /// <param name="ManifestETag">The landing manifest's ETag, recorded so the timer can tell a re-uploaded drop.</param>
    /// <param name="SkipWhen">Given the current ledger row, a reason not to run (output already current), or null to run.</param>
    /// <param name="FetchAsync">Copies the drop's files into the given empty folder; throws <see cref="InvalidDataException"/> for a bad drop.</param>
    public sealed record Plan(string? ManifestETag, Func<RunLedgerEntry?, string?>? SkipWhen, Func<string, CancellationToken, Task> FetchAsync);

    public async Task<RunOutcome> RunAsync(DropKey key, RunTrigger trigger, Plan plan, CancellationToken ct)
    {
        await using var lease = await _leases.TryAcquireAsync(key, ct);
        if (lease is null)
        {
            var row = await _ledger.RecordSkipAsync(key, trigger, $"skipped: {LeaseHeldReason}", ct);
            return new RunOutcome(RunOutcomeKind.Skipped, key, LeaseHeldReason, Ledger: row);
        }

        // Checked under the lease: a run that finished just before we took it is seen here, not re-done.
        var current = await _ledger.GetAsync(key.LaCode, key.SnapshotDate, ct);
        if (plan.SkipWhen?.Invoke(current) is { } why)
        {
            var row = await _ledger.RecordSkipAsync(key, trigger, $"skipped: {why}", ct);
            _logger.LogInformation("Run for {LaCode} {Date} skipped: {Reason}", key.LaCode, key.DateText, why);
            return new RunOutcome(RunOutcomeKind.Skipped, key, why, Ledger: row);
        }

        var runId = NewRunId();
        await _ledger.RecordStartAsync(key, trigger, runId, plan.ManifestETag, ct);
        _logger.LogInformation("Run {RunId} for {LaCode} {Date} started ({Trigger})", runId, key.LaCode, key.DateText, trigger);

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        var folder = Path.Combine(_workRoot, $"kpi-run-{key.LaCode}-{key.DateText}-{runId}");
        var clock = Stopwatch.StartNew();
        try
        {
            Directory.CreateDirectory(folder);
            RunResult result;
            try
            {
                await plan.FetchAsync(folder, linked.Token);
                result = await _runner.RunAsync(new RunRequest(folder, _lake, trigger, key.SnapshotDate, runId), linked.Token);
                if (result.Succeeded && (result.LaCode != key.LaCode || result.SnapshotDate != key.SnapshotDate))
                {
                    result = Failure(key, runId, $"the runner reported {result.LaCode}/{result.SnapshotDate:yyyy-MM-dd} for drop {key}", clock.Elapsed);
                }
            }
            catch (InvalidDataException e)
            {
                result = Failure(key, runId, e.Message, clock.Elapsed);
            }

            var row = await WithLedgerBudget(t => _ledger.RecordResultAsync(key, runId, result, t));
            _logger.LogInformation("Run {RunId} for {LaCode} {Date} {Status} in {ElapsedMs} ms", runId, key.LaCode, key.DateText,
                result.Succeeded ? "succeeded" : "failed", clock.ElapsedMilliseconds);
            return new RunOutcome(result.Succeeded ? RunOutcomeKind.Succeeded : RunOutcomeKind.Failed, key,
                result.Succeeded ? null : result.Error, result, row);
        }
        catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            const string reason = "stopped: the day's lease was lost during the run (another run may have taken over)";
            var row = await WithLedgerBudget(t => _ledger.RecordErrorAsync(key, runId, reason, t));
            return new RunOutcome(RunOutcomeKind.Failed, key, reason, Ledger: row);
        }
        catch (Exception e)
        {
            var reason = ct.IsCancellationRequested ? "stopped: the host cancelled the run" : $"stopped: {e.GetType().Name}: {e.Message}";
            _logger.LogError("Run {RunId} for {LaCode} {Date} stopped: {Error}", runId, key.LaCode, key.DateText, e.GetType().Name);
            try { await WithLedgerBudget(t => _ledger.RecordErrorAsync(key, runId, reason, t)); }
            catch (Exception ledgerError) { _logger.LogError("Could not record the failure in the ledger: {Error}", ledgerError.GetType().Name); }
            throw;
        }
        finally
        {
            TryDeleteFolder(folder);
        }
    }

    /// <summary>The lake's run id format (sorts by start time, unique without coordination), chosen here so the ledger knows it before the run.</summary>
    private static string NewRunId() => RunTable.NewRunId(DateTimeOffset.UtcNow);

    private static RunResult Failure(DropKey key, string runId, string error, TimeSpan elapsed) =>
        new(runId, key.LaCode, key.SnapshotDate, false, error, "", 0, 0, new Dictionary<string, long>(), elapsed);

    // The outcome is recorded even when the host is shutting down (its token cancelled): the row must not stay "running".
    private static async Task<T> WithLedgerBudget<T>(Func<CancellationToken, Task<T>> write)
    {
        using var budget = new CancellationTokenSource(LedgerWriteBudget);
        return await write(budget.Token);
    }

    private void TryDeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Could not delete the work folder {Folder}: {Error}", folder, e.GetType().Name);
        }
    }
}
