using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using KpiPipeline.Extract;
using KpiPipeline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace KpiPipeline.Pipeline;

/// <summary>Bounds and retry policy of the nightly refresh.</summary>
public sealed record NightlyRefreshOptions
{
    /// <summary>Most days run per invocation (all LAs together), so one invocation stays inside the function timeout.</summary>
    public int MaxRunsPerRefresh { get; init; } = 4;

    /// <summary>A failed day is retried by the timer until it has had this many attempts; a re-uploaded manifest resets the wait.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>A day left "running" longer than this is assumed abandoned (host crash); its lease has long expired.</summary>
    public TimeSpan StaleRunningAfter { get; init; } = TimeSpan.FromHours(1);

    public NightlyRefreshOptions Validate()
    {
        if (MaxRunsPerRefresh is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(MaxRunsPerRefresh), MaxRunsPerRefresh, "must be 1..100");
        if (MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "must be at least 1");
        return this;
    }
}

/// <summary>What one nightly refresh did.</summary>
/// <param name="CompleteDrops">Drops with a non-empty manifest found in landing.</param>
/// <param name="Runs">Outcome of each day run, in the order run.</param>
/// <param name="Deferred">Days that need a run but did not fit in this invocation (recorded as queued).</param>
public sealed record NightlyRefreshReport(int CompleteDrops, IReadOnlyList<RunOutcome> Runs, IReadOnlyList<DropKey> Deferred);

/// <summary>
/// The timer's job: for each LA in the landing container, run the days whose complete drop (manifest present)
/// is not yet published — the latest first in priority, then missed days oldest first — bounded per invocation
/// and executed in date order. It is the safety net under the blob trigger (a lost event, a failed run, a
/// re-uploaded drop), and it goes through the same ingest path, lease and ledger.
/// </summary>
public sealed class NightlyRefreshService
{
    private readonly BlobContainerClient _landing;
    private readonly DropIngestService _ingest;
    private readonly RunLedger _ledger;
    private readonly ResiliencePipeline _resilience;
    private readonly TimeProvider _time;
    private readonly NightlyRefreshOptions _options;
    private readonly ILogger _logger;

    public NightlyRefreshService(BlobContainerClient landing, DropIngestService ingest, RunLedger ledger, ResiliencePipeline resilience,
        TimeProvider? time = null, NightlyRefreshOptions? options = null, ILogger<NightlyRefreshService>? logger = null)
    {
        _landing = landing;
        _ingest = ingest;
        _ledger = ledger;
        _resilience = resilience;
        _time = time ?? TimeProvider.System;
        _options = (options ?? new NightlyRefreshOptions()).Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public async Task<NightlyRefreshReport> RunAsync(CancellationToken ct = default)
    {
        var manifests = await FindCompleteDropsAsync(ct);
        var due = new List<(DropKey Key, string ETag)>();
        foreach (var la in manifests.Keys.Order(StringComparer.Ordinal))
        {
            var rows = (await _ledger.ListAsync(la, ct: ct)).ToDictionary(r => r.SnapshotDate);
            foreach (var (date, etag) in manifests[la])
            {
                if (NeedsRun(rows.GetValueOrDefault(date), etag)) due.Add((new DropKey(la, date), etag));
            }
        }

        var chosen = Choose(due.Select(d => d.Key).ToList(), _options.MaxRunsPerRefresh);
        var deferred = due.Select(d => d.Key).Except(chosen).OrderBy(k => k.SnapshotDate).ThenBy(k => k.LaCode, StringComparer.Ordinal).ToList();
        foreach (var key in deferred)
        {
            await _ledger.RecordQueuedAsync(key, due.First(d => d.Key == key).ETag, ct);
        }

        var outcomes = new List<RunOutcome>();
        var errors = new List<Exception>();
        foreach (var key in chosen)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                outcomes.Add(await _ingest.IngestAsync(key.ManifestBlobName, RunTrigger.Timer, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // One day's infrastructure failure must not starve the others; it is in the ledger and re-thrown below.
                _logger.LogError("Nightly refresh of {LaCode} {Date} failed: {Error}", key.LaCode, key.DateText, e.GetType().Name);
                outcomes.Add(new RunOutcome(RunOutcomeKind.Failed, key, $"{e.GetType().Name}: {e.Message}"));
                errors.Add(e);
            }
        }

        var total = manifests.Values.Sum(d => d.Count);
        _logger.LogInformation("Nightly refresh: {Drops} complete drops, {Due} due, {Run} run, {Deferred} deferred",
            total, due.Count, outcomes.Count, deferred.Count);
        if (errors.Count > 0)
        {
            // Fail the invocation so monitoring sees it; the days that did run are already recorded.
            throw new AggregateException($"Nightly refresh: {errors.Count} of {chosen.Count} day(s) hit infrastructure errors", errors);
        }
        return new NightlyRefreshReport(total, outcomes, deferred);
    }

    /// <summary>
    /// Whether a day with a complete drop needs a run. Published days are left alone unless the manifest was
    /// replaced since; failed days are retried until <see cref="NightlyRefreshOptions.MaxAttempts"/> (then they
    /// wait for a corrected upload or a replay, rather than failing every night).
    /// </summary>
    internal bool NeedsRun(RunLedgerEntry? row, string manifestETag) => row switch
    {
        null => true,
        { Status: RunStatus.Queued or RunStatus.Skipped } => true,
        { Status: RunStatus.Succeeded } => row.ManifestETag is not null && row.ManifestETag != manifestETag,
        { Status: RunStatus.Failed } => row.ManifestETag != manifestETag || row.Attempts < _options.MaxAttempts,
        { Status: RunStatus.Running } => row.Started is not { } s || _time.GetUtcNow() - s > _options.StaleRunningAfter,
        _ => false,
    };

    /// <summary>
    /// Picks at most <paramref name="max"/> days: first each LA's latest due day (LAs in code order), then the
    /// oldest missed days; returns them in date order (then LA) so catch-up runs forwards in time.
    /// </summary>
    internal static List<DropKey> Choose(IReadOnlyList<DropKey> due, int max)
    {
        var picked = new List<DropKey>();
        var latestPerLa = due.GroupBy(k => k.LaCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.MaxBy(k => k.SnapshotDate));
        foreach (var k in latestPerLa)
        {
            if (picked.Count == max) break;
            picked.Add(k);
        }
        foreach (var k in due.OrderBy(k => k.SnapshotDate).ThenBy(k => k.LaCode, StringComparer.Ordinal))
        {
            if (picked.Count == max) break;
            if (!picked.Contains(k)) picked.Add(k);
        }
        return picked.OrderBy(k => k.SnapshotDate).ThenBy(k => k.LaCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>LA → (date → manifest ETag) for every non-empty <c>{la}/{yyyy-MM-dd}/manifest.json</c> in landing.</summary>
    private async Task<Dictionary<string, SortedDictionary<DateOnly, string>>> FindCompleteDropsAsync(CancellationToken ct)
    {
        return await _resilience.ExecuteAsync(async t =>
        {
            var found = new Dictionary<string, SortedDictionary<DateOnly, string>>(StringComparer.Ordinal);
            await foreach (var item in _landing.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, t))
            {
                if (!item.Name.EndsWith("/" + DropManifest.FileName, StringComparison.Ordinal)) continue;
                if (item.Properties.ContentLength is null or 0) continue;
                if (!DropKey.TryParseManifestBlobName(item.Name, out var key, out _)) continue;
                if (!found.TryGetValue(key.LaCode, out var days)) found[key.LaCode] = days = new SortedDictionary<DateOnly, string>();
                days[key.SnapshotDate] = DropIngestService.ETagText(item.Properties.ETag);
            }
            return found;
        }, ct);
    }
}
