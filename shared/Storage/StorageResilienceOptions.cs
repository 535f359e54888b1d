namespace KpiPipeline.Storage;

/// <summary>
/// How hard storage calls try before giving up. Validated up front (Polly style) so a bad setting fails at
/// start-up rather than on the first outage.
/// </summary>
public sealed record StorageResilienceOptions
{
    /// <summary>Retries after the first attempt (so MaxRetryAttempts + 1 attempts in all).</summary>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>Median first delay; later delays grow exponentially with decorrelated jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>No single wait is longer than this, including a server's Retry-After.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Limit for one attempt of one operation (an upload or download of one object, a table call).
    /// Generous because one attempt may move a whole Parquet file or CSV.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Called before each retry with the attempt number (0-based), the chosen delay and the failure; for logs and tests.</summary>
    public Action<int, TimeSpan, Exception?>? OnRetry { get; init; }

    public StorageResilienceOptions Validate()
    {
        if (MaxRetryAttempts is < 0 or > 20) throw new ArgumentOutOfRangeException(nameof(MaxRetryAttempts), MaxRetryAttempts, "must be 0..20");
        if (BaseDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(BaseDelay), BaseDelay, "must not be negative");
        if (MaxDelay < BaseDelay) throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "must be at least BaseDelay");
        if (AttemptTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), AttemptTimeout, "must be positive");
        return this;
    }
}
