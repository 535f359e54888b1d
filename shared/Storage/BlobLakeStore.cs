using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using KpiPipeline.Lake;
using Polly;

namespace KpiPipeline.Storage;

/// <summary>
/// The lake in one Azure Blob Storage container, through the Blob API (which also serves hierarchical-namespace
/// / Data Lake Gen2 accounts, and is the API Azurite implements).
/// <para>
/// Atomicity: an upload is a single Put Blob, or staged blocks committed by one Put Block List; either way the
/// service swaps the whole blob at commit, so a reader sees the old object or the new one, never a mix.
/// </para>
/// Every call runs through the storage <see cref="ResiliencePipeline"/> (retries on transient failures, per-attempt timeout).
/// </summary>
public sealed class BlobLakeStore : ILakeStore
{
    // Reads up to this size are buffered in memory; larger ones spill to a temp file deleted on close.
    private const long InMemoryReadLimit = 16 * 1024 * 1024;

    private readonly BlobContainerClient _container;
    private readonly ResiliencePipeline _resilience;
    private readonly StorageTransferOptions _transfer;

    /// <param name="transfer">Block sizes for uploads; the default sends up to 256 MiB in one Put Blob.</param>
    public BlobLakeStore(BlobContainerClient container, ResiliencePipeline resilience, StorageTransferOptions? transfer = null)
    {
        _container = container;
        _resilience = resilience;
        _transfer = transfer ?? new StorageTransferOptions
        {
            InitialTransferSize = 256 * 1024 * 1024,
            MaximumTransferSize = 8 * 1024 * 1024,
            MaximumConcurrency = 4,
        };
    }

    public BlobContainerClient Container => _container;

    public string Describe() => _container.Uri.GetLeftPart(UriPartial.Path);

    /// <summary>Creates the container if it does not exist (local development and tests; in Azure the deployment creates it).</summary>
    public async Task EnsureContainerAsync(CancellationToken ct = default) =>
        await _resilience.ExecuteAsync(async t => await _container.CreateIfNotExistsAsync(cancellationToken: t), ct);

    public async Task WriteAsync(string path, Stream content, CancellationToken ct = default)
    {
        var blob = _container.GetBlobClient(LakePaths.Check(path));

        // A retry must resend the same bytes from the start, so the content has to be re-readable.
        Stream source = content;
        FileStream? spill = null;
        if (!content.CanSeek)
        {
            spill = TempFile();
            await content.CopyToAsync(spill, ct);
            spill.Position = 0;
            source = spill;
        }
        try
        {
            var start = source.Position;
            await _resilience.ExecuteAsync(async t =>
            {
                source.Position = start;
                await blob.UploadAsync(source, new BlobUploadOptions { TransferOptions = _transfer }, t);
            }, ct);
        }
        finally
        {
            if (spill is not null) await spill.DisposeAsync();
        }
    }

    public async Task<Stream?> OpenReadAsync(string path, CancellationToken ct = default)
    {
        var blob = _container.GetBlobClient(LakePaths.Check(path));
        return await _resilience.ExecuteAsync<Stream?>(async t =>
        {
            // The whole download happens inside one attempt, so a connection dropped mid-body is retried
            // from the start instead of handing the caller a truncated stream.
            Response<BlobDownloadStreamingResult> response;
            try { response = await blob.DownloadStreamingAsync(cancellationToken: t); }
            catch (RequestFailedException e) when (e.Status == 404) { return null; }

            using var result = response.Value;
            Stream buffer = result.Details.ContentLength <= InMemoryReadLimit ? new MemoryStream((int)result.Details.ContentLength) : TempFile();
            try
            {
                await result.Content.CopyToAsync(buffer, t);
                buffer.Position = 0;
                return buffer;
            }
            catch
            {
                await buffer.DisposeAsync();
                throw;
            }
        }, ct);
    }

    public async Task<bool> ExistsAsync(string path, CancellationToken ct = default)
    {
        var blob = _container.GetBlobClient(LakePaths.Check(path));
        return await _resilience.ExecuteAsync(async t => (await blob.ExistsAsync(t)).Value, ct);
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        LakePaths.CheckPrefix(prefix);
        // The listing is collected inside one attempt (a retry restarts it) and sorted ordinally: the
        // service's order is by UTF-8 bytes, which the interface does not promise to callers.
        var names = await _resilience.ExecuteAsync(async t =>
        {
            var found = new List<string>();
            await foreach (var item in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix.Length == 0 ? null : prefix, t))
            {
                if (IsDirectoryMarker(item)) continue;
                found.Add(item.Name);
            }
            return found;
        }, ct);
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names) yield return name;
    }

    public async Task DeleteAsync(string path, CancellationToken ct = default)
    {
        var blob = _container.GetBlobClient(LakePaths.Check(path));
        await _resilience.ExecuteAsync(async t => await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: t), ct);
    }

    /// <summary>
    /// On a hierarchical-namespace account a flat Blob listing also returns each directory as an empty blob
    /// with metadata hdi_isfolder=true; those are not lake objects.
    /// </summary>
    internal static bool IsDirectoryMarker(BlobItem item) =>
        item.Metadata is not null
        && item.Metadata.TryGetValue("hdi_isfolder", out var v)
        && string.Equals(v, "true", StringComparison.OrdinalIgnoreCase);

    private static FileStream TempFile() =>
        new(Path.Combine(Path.GetTempPath(), "kpi-blob-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
