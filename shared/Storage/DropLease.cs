using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using KpiPipeline.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace KpiPipeline.Storage;

/// <summary>Lease timings. A finite lease means a crashed host frees the day by itself after <see cref="Duration"/>.</summary>
public sealed record DropLeaseOptions
{
    /// <summary>Blob lease length: the service allows 15–60 s (or infinite, which a crash would leave behind).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a running holder renews; a third of the duration leaves two chances before expiry.</summary>
    public TimeSpan RenewEvery { get; init; } = TimeSpan.FromSeconds(20);

    public DropLeaseOptions Validate()
    {
        if (Duration < TimeSpan.FromSeconds(15) || Duration > TimeSpan.FromSeconds(60))
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "a blob lease lasts 15 to 60 seconds");
        if (RenewEvery <= TimeSpan.Zero || RenewEvery >= Duration)
            throw new ArgumentOutOfRangeException(nameof(RenewEvery), RenewEvery, "must be positive and shorter than Duration");
        return this;
    }
}

/// <summary>
/// Hands out per-day locks: a blob lease on the lock blob <c>locks/{la_code}/{yyyy-MM-dd}</c> in the ops container.
/// Two triggers for the same drop (Event Grid delivering twice, the timer overlapping a blob event, a replay
/// during ingest) cannot both hold it, so they never run the same day concurrently.
/// </summary>
public sealed class DropLeases
{
    private readonly BlobContainerClient _container;
    private readonly ResiliencePipeline _resilience;
    private readonly TimeProvider _time;
    private readonly DropLeaseOptions _options;
    private readonly ILogger _logger;
    private int _containerReady;

    public DropLeases(BlobContainerClient container, ResiliencePipeline resilience, TimeProvider? time = null,
        DropLeaseOptions? options = null, ILogger<DropLeases>? logger = null)
    {
        _container = container;
        _resilience = resilience;
        _time = time ?? TimeProvider.System;
        _options = (options ?? new DropLeaseOptions()).Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public static string LockBlobName(DropKey key) => $"locks/{key.LaCode}/{key.DateText}";

    /// <summary>
    /// Takes the day's lease, or returns null when another run holds it (HTTP 409 from the service).
    /// The returned lease renews itself until disposed; if a renewal is refused, <see cref="DropLease.Lost"/> is cancelled.
    /// </summary>
    public async Task<DropLease?> TryAcquireAsync(DropKey key, CancellationToken ct = default)
    {
        await EnsureContainerAsync(ct);
        var blob = _container.GetBlobClient(LockBlobName(key));
        await CreateLockBlobAsync(blob, ct);

        // We propose the lease id, so a retried acquire whose first attempt did succeed (response lost) is
        // accepted by the service as the same lease rather than refused as "already leased".
        var leaseClient = blob.GetBlobLeaseClient(Guid.NewGuid().ToString());
        try
        {
            await _resilience.ExecuteAsync(async t => await leaseClient.AcquireAsync(_options.Duration, cancellationToken: t), ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            _logger.LogInformation("Lease for {LaCode} {Date} is held by another run ({ErrorCode})", key.LaCode, key.DateText, e.ErrorCode);
            return null;
        }
        return new DropLease(key, leaseClient, _resilience, _time, _options, _logger);
    }

    private async Task EnsureContainerAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _containerReady) == 1) return;
        await _resilience.ExecuteAsync(async t => await _container.CreateIfNotExistsAsync(cancellationToken: t), ct);
        Volatile.Write(ref _containerReady, 1);
    }

    private async Task CreateLockBlobAsync(BlobClient blob, CancellationToken ct)
    {
        try
        {
            // Create-if-absent: never overwrite, so an existing (possibly leased) lock blob is left alone.
            await _resilience.ExecuteAsync(async t => await blob.UploadAsync(BinaryData.Empty,
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, t), ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Already there (BlobAlreadyExists / LeaseIdMissing): the lease attempt decides.
        }
    }
}

/// <summary>A held day lease. Dispose (or <see cref="ReleaseAsync"/>) to free the day for the next run.</summary>
public sealed class DropLease : IAsyncDisposable
{
    private readonly BlobLeaseClient _client;
    private readonly ResiliencePipeline _resilience;
    private readonly TimeProvider _time;
    private readonly DropLeaseOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _renewLoop;
    private DateTimeOffset _validUntil;
    private int _renewals;
    private int _released;

    internal DropLease(DropKey key, BlobLeaseClient client, ResiliencePipeline resilience, TimeProvider time, DropLeaseOptions options, ILogger logger)
    {
        Key = key;
        _client = client;
        _resilience = resilience;
        _time = time;
        _options = options;
        _logger = logger;
        _validUntil = time.GetUtcNow() + options.Duration;
        // The timer starts now, with the lease, so the renewal schedule is measured from acquisition.
        _timer = new PeriodicTimer(options.RenewEvery, time);
        _renewLoop = Task.Run(RenewLoopAsync);
    }

    public DropKey Key { get; }
    public string LeaseId => _client.LeaseId;

    /// <summary>Cancelled when the lease could not be renewed: another run may now take the day, so this one must stop.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Successful renewals so far.</summary>
    public int Renewals => Volatile.Read(ref _renewals);

    private async Task RenewLoopAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await _resilience.ExecuteAsync(async t => await _client.RenewAsync(cancellationToken: t), _stop.Token);
                    _validUntil = _time.GetUtcNow() + _options.Duration;
                    Interlocked.Increment(ref _renewals);
                }
                catch (RequestFailedException e) when (e.Status is 409 or 412)
                {
                    // Broken, expired and taken, or the blob changed: the day is no longer ours.
                    _logger.LogWarning("Lease for {LaCode} {Date} was lost ({ErrorCode}); stopping the run", Key.LaCode, Key.DateText, e.ErrorCode);
                    await _lost.CancelAsync();
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    // Transient failure after the pipeline's own retries: keep trying while the lease can still be valid.
                    if (_time.GetUtcNow() >= _validUntil)
                    {
                        _logger.LogWarning("Lease for {LaCode} {Date} expired while renewals failed; stopping the run", Key.LaCode, Key.DateText);
                        await _lost.CancelAsync();
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Released.
        }
    }

    public async Task ReleaseAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _released, 1) == 1) return;
        await _stop.CancelAsync();
        await _renewLoop;
        if (_lost.IsCancellationRequested) return;
        try
        {
            await _resilience.ExecuteAsync(async t => await _client.ReleaseAsync(cancellationToken: t), ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Already expired or taken over; nothing of ours to release.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ReleaseAsync();
        }
        catch (Exception e)
        {
            // The lease expires on its own within Duration; a failed release must not mask the run's own outcome.
            _logger.LogWarning("Releasing the lease for {LaCode} {Date} failed ({Error}); it expires by itself", Key.LaCode, Key.DateText, e.GetType().Name);
        }
        _timer.Dispose();
        _lost.Dispose();
        _stop.Dispose();
    }
}
