namespace KpiPipeline.Lake;

/// <summary>
/// The few storage primitives the pipeline needs from a data lake. Paths are '/'-separated and
/// relative to the lake root (e.g. "curated/kpi/la_code=343/snapshot_date=2023-05-31/part-00000.parquet").
/// Two implementations: a local folder (the embedded default) and Azure Blob Storage
/// (which also works against hierarchical-namespace / Data Lake Gen2 accounts).
/// Every write of a single object is all-or-nothing: a reader sees the old object or the new one,
/// never a partial one. Publication of a whole snapshot builds on that (see SnapshotPublisher).
/// </summary>
public interface ILakeStore
{
    /// <summary>A human-readable description (folder path or container URI) for messages.</summary>
    string Describe();

    /// <summary>Writes (creates or replaces) one object atomically.</summary>
    Task WriteAsync(string path, Stream content, CancellationToken ct = default);

    /// <summary>
    /// Writes (creates or replaces) one object atomically with the bytes of a local file. By default the file is
    /// streamed through <see cref="WriteAsync"/>; a store that can copy it without passing the bytes through the
    /// process (a folder lake: the kernel copies) does so, which matters for the raw zone's gigabytes at national scale.
    /// </summary>
    async Task WriteFileAsync(string path, string localFile, CancellationToken ct = default)
    {
        await using var source = new FileStream(localFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await WriteAsync(path, source, ct);
    }

    /// <summary>Opens an object for reading, or returns null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string path, CancellationToken ct = default);

    /// <summary>True when the object exists.</summary>
    Task<bool> ExistsAsync(string path, CancellationToken ct = default);

    /// <summary>Lists object paths that start with the prefix, in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken ct = default);

    /// <summary>Deletes an object if it exists.</summary>
    Task DeleteAsync(string path, CancellationToken ct = default);
}
