using KpiPipeline.Lake.Tables;

namespace KpiPipeline.Lake;

/// <summary>What <see cref="SnapshotPublisher.PublishAsync"/> published.</summary>
/// <param name="CommitPath">The commit record written last (curated/snapshots/…/part-00000.parquet).</param>
/// <param name="CleanupWarnings">Superseded or staged objects that could not be deleted after the commit;
/// the snapshot is published regardless, and the next publish of it retries the clean-up.</param>
public sealed record PublishResult(
    string LaCode,
    DateOnly SnapshotDate,
    string RunId,
    string CommitPath,
    IReadOnlyList<PublishedFile> Files,
    IReadOnlyList<string> CleanupWarnings);

/// <param name="Reused">True when an identical file (same content hash) was already live, so nothing was rewritten.</param>
public sealed record PublishedFile(string Table, string Path, string Sha256, long RowCount, long SizeBytes, bool Reused);

/// <summary>A snapshot as named by its commit record in curated/snapshots.</summary>
public sealed record PublishedSnapshot(string LaCode, DateOnly SnapshotDate, string RunId, IReadOnlyList<SnapshotFileRow> Files)
{
    /// <summary>The live file of <paramref name="table"/>, or null when the snapshot has no such table.</summary>
    public SnapshotFileRow? File(string table) => Files.FirstOrDefault(f => f.TableName == table);
}

/// <summary>
/// Publishing failed before the commit record was written (or it could not be confirmed): the
/// previously published version of the snapshot, if any, is still the live one.
/// </summary>
public sealed class SnapshotPublishException(string message, Exception inner) : Exception(message, inner);
