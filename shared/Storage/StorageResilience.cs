using System.Net;
using System.Net.Http;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace KpiPipeline.Storage;

/// <summary>
/// The one resilience pipeline wrapped around every Azure Storage call the pipeline makes
/// (lake blobs, landing blobs, lease blob, run ledger). The Azure SDK's own retries are switched off
/// (<see cref="StorageClients"/>) so there is exactly one retry layer, and it is this one.
/// <para>
/// Retried: 408, 429, 500, 502, 503, 504, transport failures (status 0 / IOException / HttpRequestException)
/// and an attempt that exceeds <see cref="StorageResilienceOptions.AttemptTimeout"/>.
/// Not retried: every other 4xx. 404 is an answer, 400/401/403 will not change by waiting, and
/// 409/412 are concurrency outcomes the caller must decide about (the ledger re-reads on 412, the lease
/// reports "held by another run" on 409) — retrying them blindly would hide a lost update.
/// </para>
/// </summary>
public static class StorageResilience
{
    private static readonly HashSet<int> TransientStatuses = [408, 429, 500, 502, 503, 504];

    public static ResiliencePipeline Create(StorageResilienceOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        var o = (options ?? new StorageResilienceOptions()).Validate();
        logger ??= NullLogger.Instance;

        // Order matters: the retry is the outer strategy, so the timeout applies to each attempt, not to the whole.
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        if (o.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
                MaxRetryAttempts = o.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.BaseDelay,
                MaxDelay = o.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception, o.MaxDelay)),
                OnRetry = args =>
                {
                    logger.LogWarning("Storage call failed ({Failure}); retry {Attempt} in {DelayMs} ms",
                        Describe(args.Outcome.Exception), args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    o.OnRetry?.Invoke(args.AttemptNumber, args.RetryDelay, args.Outcome.Exception);
                    return default;
                },
            });
        }
        return builder.AddTimeout(new TimeoutStrategyOptions { Timeout = o.AttemptTimeout }).Build();
    }

    /// <summary>True for failures worth retrying (see the class summary for the list and why).</summary>
    public static bool IsTransient(Exception? e, CancellationToken callerToken = default) => e switch
    {
        null => false,
        RequestFailedException rfe => rfe.Status == 0 || TransientStatuses.Contains(rfe.Status),
        TimeoutRejectedException => true,
        // Azure.Core reports its own network timeout as a cancellation the caller did not ask for.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        HttpRequestException => true,
        IOException => true,
        TimeoutException => true,
        AggregateException ae => ae.InnerExceptions.Count > 0 && ae.InnerExceptions.All(x => IsTransient(x, callerToken)),
        _ => false,
    };

    /// <summary>True when the failure is the storage service saying "someone else changed or holds this" (409 / 412).</summary>
    public static bool IsConcurrencyConflict(Exception e) =>
        e is RequestFailedException { Status: (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed };

    /// <summary>Honour a server's Retry-After (seconds) on 429/503, capped; otherwise let Polly's jittered backoff decide.</summary>
    private static TimeSpan? RetryAfter(Exception? e, TimeSpan cap)
    {
        if (e is not RequestFailedException rfe) return null;
        var response = rfe.GetRawResponse();
        if (response is null || !response.Headers.TryGetValue("Retry-After", out var value)) return null;
        if (!int.TryParse(value, out var seconds) || seconds < 0) return null;
        var delay = TimeSpan.FromSeconds(seconds);
        return delay > cap ? cap : delay;
    }

    private static string Describe(Exception? e) => e switch
    {
        RequestFailedException rfe => $"HTTP {rfe.Status} {rfe.ErrorCode}".TrimEnd(),
        null => "no exception",
        _ => e.GetType().Name,
    };
}
