using KpiPipeline.Storage;

namespace KpiPipeline.Pipeline;

/// <summary>Reads the run ledger for people: <c>GET /api/runs/{la_code}?from=&amp;to=</c> and <c>kpi runs</c>.</summary>
public sealed class RunStatusService
{
    /// <summary>A request without bounds lists this many days back from today (UTC); keeps an unbounded call cheap.</summary>
    public const int DefaultDays = 92;

    private readonly RunLedger _ledger;
    private readonly TimeProvider _time;

    public RunStatusService(RunLedger ledger, TimeProvider? time = null)
    {
        _ledger = ledger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// The ledger rows of <paramref name="laCode"/> between <paramref name="from"/> and <paramref name="to"/> (inclusive), oldest first.
    /// Missing <paramref name="to"/> means today; missing <paramref name="from"/> means <see cref="DefaultDays"/> before <paramref name="to"/>.
    /// </summary>
    public Task<IReadOnlyList<RunLedgerEntry>> ListAsync(string laCode, DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default)
    {
        DropKey.CheckLaCode(laCode);
        var end = to ?? DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var start = from ?? end.AddDays(-DefaultDays);
        if (start > end) throw new ArgumentException($"from {start:yyyy-MM-dd} is after to {end:yyyy-MM-dd}.");
        return _ledger.ListAsync(laCode, start, end, ct);
    }

    /// <summary>One day's row, or null when the day has never been seen.</summary>
    public Task<RunLedgerEntry?> GetAsync(string laCode, DateOnly date, CancellationToken ct = default) => _ledger.GetAsync(laCode, date, ct);
}
