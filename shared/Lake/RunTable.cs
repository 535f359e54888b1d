using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using KpiPipeline.Lake.Tables;

namespace KpiPipeline.Lake;

/// <summary>
/// The run table: one Parquet file per run at curated/run/la_code={la}/snapshot_date={date}/run-{runId}.parquet.
/// It lives apart from the snapshot's byte-identical data files because it holds wall-clock values,
/// and it is not part of a snapshot's atomic unit: it is the log of attempts, failed ones included.
/// Writing the same run id again replaces that run's row (e.g. "running", then "succeeded").
/// </summary>
public static class RunTable
{
    /// <summary>The lake path of one run's file.</summary>
    public static string PathFor(string laCode, DateOnly snapshotDate, string runId) =>
        LakePath.CuratedPartition(LakeTables.Run, laCode, snapshotDate) + $"run-{LakePath.Segment(runId, "run_id")}.parquet";

    /// <summary>
    /// A new run id: UTC start time (so ids sort by time) and 8 random hex digits (so two runs in
    /// the same second differ), e.g. 20230601T011500Z-9f86d081.
    /// </summary>
    public static string NewRunId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" +
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>Validates and writes (or replaces) one run's row; returns its lake path.</summary>
    public static async Task<string> WriteAsync(ILakeStore lake, RunRow run, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        Validate(run);
        var path = PathFor(run.LaCode, run.SnapshotDate, run.RunId);
        using var buffer = new MemoryStream();
        await ParquetTableWriter.WriteAsync([run], buffer, ct);
        buffer.Position = 0;
        await lake.WriteAsync(path, buffer, ct);
        return path;
    }

    /// <summary>Reads every run (of one LA, or all), ordered by started_at then run_id.</summary>
    public static async Task<IReadOnlyList<RunRow>> ReadAllAsync(ILakeStore lake, string? laCode = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var prefix = laCode is null ? $"curated/{LakeTables.Run}/" : $"curated/{LakeTables.Run}/la_code={LakePath.Segment(laCode, "la_code")}/";
        var runs = new List<RunRow>();
        await foreach (var path in ListRunFilesAsync(lake, prefix, ct))
        {
            await using var stream = await lake.OpenReadAsync(path, ct);
            if (stream is null) continue; // deleted since listing
            runs.AddRange(await ParquetTableWriter.ReadAsync<RunRow>(stream, ct));
        }
        return runs.OrderBy(r => r.StartedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
    }

    private static async IAsyncEnumerable<string> ListRunFilesAsync(ILakeStore lake, string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var path in lake.ListAsync(prefix, ct))
            if (path.EndsWith(".parquet", StringComparison.Ordinal)) yield return path;
    }

    internal static void Validate(RunRow run)
    {
        ArgumentNullException.ThrowIfNull(run);
        LakePath.Segment(run.RunId, "run_id");
        LakePath.Segment(run.LaCode, "la_code");
        if (!RunRow.Triggers.All.Contains(run.Trigger))
            throw new ArgumentException($"Run {run.RunId}: trigger '{run.Trigger}' is not one of {string.Join('|', RunRow.Triggers.All)}.", nameof(run));
        if (!RunRow.Statuses.All.Contains(run.Status))
            throw new ArgumentException($"Run {run.RunId}: status '{run.Status}' is not one of {string.Join('|', RunRow.Statuses.All)}.", nameof(run));
        // Parquet.Net stores a DateTime's ticks whatever its Kind; a local time would be silently shifted.
        if (run.StartedAt.Kind != DateTimeKind.Utc)
            throw new ArgumentException($"Run {run.RunId}: started_at must be a UTC DateTime (Kind={run.StartedAt.Kind}).", nameof(run));
        if (run.FinishedAt is { } finished)
        {
            if (finished.Kind != DateTimeKind.Utc)
                throw new ArgumentException($"Run {run.RunId}: finished_at must be a UTC DateTime (Kind={finished.Kind}).", nameof(run));
            if (finished < run.StartedAt)
                throw new ArgumentException($"Run {run.RunId}: finished_at is before started_at.", nameof(run));
        }
    }
}
