using KpiPipeline.Lake.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KpiPipeline.Lake;

/// <summary>
/// Publishes one snapshot (LA × snapshot date) so readers see all of it or none of it
/// (docs/lake.md, "Atomic publication"):
/// <list type="number">
/// <item>stage: serialise every table and write it under _staging/{la}/{date}/{runId}/ — nothing
///   readers look at is touched until every table is staged;</item>
/// <item>place: copy each staged file to its content-addressed name
///   curated/{table}/la_code={la}/snapshot_date={date}/part-00000-{sha256[..16]}.parquet — a new
///   name never overwrites a live file, and an identical file already there is reused;</item>
/// <item>commit: write curated/snapshots/la_code={la}/snapshot_date={date}/part-00000.parquet, one
///   atomic object naming the live file of every table — the switch;</item>
/// <item>clean up: delete every other file in the snapshot's partitions (the superseded version,
///   leftovers of failed runs) and the staging folder.</item>
/// </list>
/// A failure before the commit leaves the previous commit record and every file it names untouched,
/// and removes what this run wrote. One publisher per snapshot at a time (the clean-up assumes it).
/// </summary>
public sealed class SnapshotPublisher
{
    /// <summary>The commit record's fixed file name, so a rerun replaces it.</summary>
    public const string CommitFileName = "part-00000.parquet";

    private readonly ILakeStore _lake;
    private readonly ILogger _logger;

    public SnapshotPublisher(ILakeStore lake, ILogger<SnapshotPublisher>? logger = null)
    {
        _lake = lake ?? throw new ArgumentNullException(nameof(lake));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Path of a snapshot's commit record.</summary>
    public static string CommitPath(string laCode, DateOnly snapshotDate) =>
        LakePath.CuratedPartition(LakeTables.Snapshots, laCode, snapshotDate) + CommitFileName;

    /// <summary>The content-addressed file name of a data file with this SHA-256 (64 bits of it are plenty to tell versions apart).</summary>
    public static string DataFileName(string sha256) => $"part-00000-{sha256[..16]}.parquet";

    private static string StagingPath(string laCode, DateOnly date, string runId, string table) =>
        $"{LakePath.StagingSnapshot(laCode, date)}{runId}/{table}.parquet";

    /// <summary>Publishes <paramref name="output"/> as the live version of its snapshot.</summary>
    /// <exception cref="InvalidDataException">A row does not belong to the snapshot, or a required column is null (nothing written).</exception>
    /// <exception cref="SnapshotPublishException">Writing failed; the previous version is still live.</exception>
    public async Task<PublishResult> PublishAsync(SnapshotOutput output, string runId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        LakePath.Segment(runId, "run_id");
        output.Validate();
        var (la, date) = (output.LaCode, output.SnapshotDate);
        var label = $"{la} {LakePath.Date(date)} (run {runId})";
        _logger.LogInformation("Publishing snapshot {Snapshot} to {Lake}", label, _lake.Describe());

        var staged = new List<StagedFile>();
        var created = new List<string>();
        var files = new List<PublishedFile>();
        var phase = "staging";
        try
        {
            await StageAllAsync(output.Tables(), la, date, runId, staged, ct);

            phase = "placing files";
            foreach (var file in staged)
                files.Add(await PlaceAsync(file, la, date, created, ct));

            phase = "writing the commit record";
            await WriteCommitAsync(la, date, runId, files, ct);
        }
        catch (Exception e)
        {
            // A commit write can fail after the object landed (e.g. a lost response): if the live
            // record is ours, the snapshot is published and the failure only needs logging.
            var live = await TryReadLiveAsync(la, date);
            if (phase.StartsWith("writing", StringComparison.Ordinal) && live.Known && live.Snapshot?.RunId == runId)
            {
                _logger.LogWarning(e, "Commit of {Snapshot} reported an error but the record is in place", label);
            }
            else
            {
                await AbandonAsync(la, date, runId, staged, created, live);
                if (e is OperationCanceledException) throw;
                throw new SnapshotPublishException(
                    $"Publishing snapshot {label} failed while {phase}; the previously published version is unchanged. {e.Message}", e);
            }
        }

        var warnings = await CleanUpAsync(la, date, files);
        _logger.LogInformation("Published snapshot {Snapshot}: {Files} files, {Reused} unchanged, {Warnings} clean-up warnings",
            label, files.Count, files.Count(f => f.Reused), warnings.Count);
        return new PublishResult(la, date, runId, CommitPath(la, date), files, warnings);
    }

    /// <summary>Reads a snapshot's commit record, or null when the snapshot has not been published.</summary>
    public async Task<PublishedSnapshot?> GetPublishedAsync(string laCode, DateOnly snapshotDate, CancellationToken ct = default)
    {
        await using var stream = await _lake.OpenReadAsync(CommitPath(laCode, snapshotDate), ct);
        if (stream is null) return null;
        var rows = await ParquetTableWriter.ReadAsync<SnapshotFileRow>(stream, ct);
        if (rows.Count == 0) throw new InvalidDataException($"Commit record {CommitPath(laCode, snapshotDate)} is empty.");
        return new PublishedSnapshot(laCode, snapshotDate, rows[0].RunId, rows.ToList());
    }

    /// <summary>
    /// Reads one table of the live version of a snapshot through its commit record, checking the
    /// file's SHA-256. Returns null when the snapshot is not published.
    /// </summary>
    public async Task<IList<T>?> ReadTableAsync<T>(string laCode, DateOnly snapshotDate, string table, CancellationToken ct = default)
        where T : class, new()
    {
        var snapshot = await GetPublishedAsync(laCode, snapshotDate, ct);
        if (snapshot is null) return null;
        var file = snapshot.File(table)
            ?? throw new InvalidDataException($"Snapshot {laCode} {LakePath.Date(snapshotDate)} has no table '{table}'.");
        using var bytes = await ReadAllAsync(file.FilePath, ct)
            ?? throw new InvalidDataException($"Commit record names {file.FilePath}, which is missing.");
        var sha = LakeHash.Sha256Hex(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        if (sha != file.Sha256)
            throw new InvalidDataException($"{file.FilePath} has SHA-256 {sha}, the commit record says {file.Sha256}.");
        return await ParquetTableWriter.ReadAsync<T>(bytes, ct);
    }

    private sealed record StagedFile(string Table, string StagingPath, string Sha256, long RowCount, long SizeBytes);

    /// <summary>Tables serialised at once while staging: Parquet encoding is CPU-bound and each table's is single-threaded.</summary>
    private static int StagingParallelism => Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>
    /// Stages every table, two at a time, largest first (so the big child_snapshot and kpi tables overlap instead of one
    /// finishing alone); <paramref name="staged"/> ends in <paramref name="tables"/>' order whatever order they finish in.
    /// On failure it holds the tables staged so far, for <see cref="AbandonAsync"/> to remove.
    /// </summary>
    private async Task StageAllAsync(IReadOnlyList<SnapshotTable> tables, string la, DateOnly date, string runId, List<StagedFile> staged,
        CancellationToken ct)
    {
        var done = new StagedFile?[tables.Count];
        var largestFirst = Enumerable.Range(0, tables.Count).OrderByDescending(i => tables[i].Rows.Count).ThenBy(i => i).ToList();
        try
        {
            await Parallel.ForEachAsync(largestFirst, new ParallelOptions { MaxDegreeOfParallelism = StagingParallelism, CancellationToken = ct },
                async (i, token) => done[i] = await StageAsync(tables[i], la, date, runId, token));
        }
        finally
        {
            staged.AddRange(done.OfType<StagedFile>());
        }
    }

    private async Task<StagedFile> StageAsync(SnapshotTable table, string la, DateOnly date, string runId, CancellationToken ct)
    {
        // Each table's bytes are in memory only while it is staged: the placing step reads it back from staging.
        using var buffer = new MemoryStream();
        await table.WriteTo(buffer, ct);
        var sha = LakeHash.Sha256Hex(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        buffer.Position = 0;
        var path = StagingPath(la, date, runId, table.Name);
        await _lake.WriteAsync(path, buffer, ct);
        return new StagedFile(table.Name, path, sha, table.Rows.Count, buffer.Length);
    }

    private async Task<PublishedFile> PlaceAsync(StagedFile file, string la, DateOnly date, List<string> created, CancellationToken ct)
    {
        var target = LakePath.CuratedPartition(file.Table, la, date) + DataFileName(file.Sha256);
        // Same name = same content, unless something damaged it: check before trusting it.
        if (await LakeHash.Sha256HexAsync(_lake, target, ct) == file.Sha256)
            return new PublishedFile(file.Table, target, file.Sha256, file.RowCount, file.SizeBytes, Reused: true);

        using var bytes = await ReadAllAsync(file.StagingPath, ct)
            ?? throw new InvalidDataException($"Staged file {file.StagingPath} disappeared before it was placed.");
        var sha = LakeHash.Sha256Hex(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        if (sha != file.Sha256)
            throw new InvalidDataException($"Staged file {file.StagingPath} changed after staging (SHA-256 {sha}, expected {file.Sha256}).");
        created.Add(target);
        await _lake.WriteAsync(target, bytes, ct);
        return new PublishedFile(file.Table, target, file.Sha256, file.RowCount, file.SizeBytes, Reused: false);
    }

    private async Task WriteCommitAsync(string la, DateOnly date, string runId, IReadOnlyList<PublishedFile> files, CancellationToken ct)
    {
        var rows = files.Select(f => new SnapshotFileRow
        {
            LaCode = la,
            SnapshotDate = date,
            RunId = runId,
            TableName = f.Table,
            FilePath = f.Path,
            FileName = LakePath.FileName(f.Path),
            Sha256 = f.Sha256,
            RowCount = f.RowCount,
            SizeBytes = f.SizeBytes,
        }).ToList();
        using var buffer = new MemoryStream();
        await ParquetTableWriter.WriteAsync(rows, buffer, ct);
        buffer.Position = 0;
        await _lake.WriteAsync(CommitPath(la, date), buffer, ct);
    }

    /// <summary>After the commit: delete every non-live object in the snapshot's partitions and its staging folder.</summary>
    private async Task<IReadOnlyList<string>> CleanUpAsync(string la, DateOnly date, IReadOnlyList<PublishedFile> live)
    {
        var keep = live.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var warnings = new List<string>();
        var doomed = new List<string>();
        try
        {
            foreach (var table in LakeTables.SnapshotTables)
            {
                await foreach (var path in _lake.ListAsync(LakePath.CuratedPartition(table, la, date)))
                    if (!keep.Contains(path)) doomed.Add(path);
            }
            await foreach (var path in _lake.ListAsync(LakePath.StagingSnapshot(la, date)))
                doomed.Add(path);
        }
        catch (Exception e)
        {
            warnings.Add($"Listing for clean-up failed: {e.Message}");
        }
        foreach (var path in doomed)
        {
            try { await _lake.DeleteAsync(path); }
            catch (Exception e) { warnings.Add($"Could not delete {path}: {e.Message}"); }
        }
        foreach (var w in warnings) _logger.LogWarning("Clean-up after publishing {La} {Date}: {Warning}", la, LakePath.Date(date), w);
        return warnings;
    }

    private readonly record struct LiveCommit(bool Known, PublishedSnapshot? Snapshot);

    private async Task<LiveCommit> TryReadLiveAsync(string la, DateOnly date)
    {
        try { return new LiveCommit(true, await GetPublishedAsync(la, date, CancellationToken.None)); }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Could not read the commit record of {La} {Date} after a failed publish", la, LakePath.Date(date));
            return new LiveCommit(false, null);
        }
    }

    /// <summary>
    /// Best-effort removal of what a failed run wrote. Placed files are deleted only when the live
    /// commit record is known and does not name them; staged files are never live and always go.
    /// </summary>
    private async Task AbandonAsync(string la, DateOnly date, string runId, List<StagedFile> staged, List<string> created, LiveCommit live)
    {
        var doomed = new List<string>();
        if (live.Known)
        {
            var liveFiles = live.Snapshot?.Files.Select(f => f.FilePath).ToHashSet(StringComparer.Ordinal) ?? [];
            doomed.AddRange(created.Where(p => !liveFiles.Contains(p)));
        }
        doomed.AddRange(staged.Select(s => s.StagingPath));
        // A table whose staging write failed midway may have left nothing, or (on some stores) an object.
        doomed.AddRange(LakeTables.SnapshotTables.Select(t => StagingPath(la, date, runId, t)).Except(doomed));
        foreach (var path in doomed)
        {
            try { await _lake.DeleteAsync(path, CancellationToken.None); }
            catch (Exception e) { _logger.LogWarning("Could not remove {Path} after a failed publish: {Error}", path, e.Message); }
        }
    }

    private async Task<MemoryStream?> ReadAllAsync(string path, CancellationToken ct)
    {
        await using var stream = await _lake.OpenReadAsync(path, ct);
        if (stream is null) return null;
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return buffer;
    }
}
