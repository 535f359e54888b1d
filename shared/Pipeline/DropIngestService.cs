using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using KpiPipeline.Extract;
using KpiPipeline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace KpiPipeline.Pipeline;

/// <summary>
/// Ingests one drop from the landing container when its manifest.json arrives (blob trigger) or when the
/// nightly refresh finds it: the drop's blobs are copied to a private temp folder and handed to
/// <see cref="ISnapshotRunner"/>, which verifies them, copies them to raw/, computes and publishes the snapshot.
/// At-least-once event delivery is expected: a manifest already published from the same ETag is skipped.
/// </summary>
public sealed class DropIngestService
{
    private const int DownloadParallelism = 4;

    private readonly BlobContainerClient _landing;
    private readonly LeasedRunExecutor _executor;
    private readonly ResiliencePipeline _resilience;
    private readonly ILogger _logger;

    public DropIngestService(BlobContainerClient landing, LeasedRunExecutor executor, ResiliencePipeline resilience, ILogger<DropIngestService>? logger = null)
    {
        _landing = landing;
        _executor = executor;
        _resilience = resilience;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public BlobContainerClient Landing => _landing;

    /// <summary>
    /// Runs the drop whose manifest is <paramref name="blobName"/> (a name inside the landing container, e.g.
    /// <c>343/2023-05-31/manifest.json</c>). Non-manifest and empty blobs are <see cref="RunOutcomeKind.Ignored"/>.
    /// </summary>
    public async Task<RunOutcome> IngestAsync(string blobName, RunTrigger trigger = RunTrigger.Blob, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        if (!DropKey.TryParseManifestBlobName(blobName, out var key, out var whyNot))
        {
            return RunOutcome.Ignored(whyNot);
        }

        var manifest = _landing.GetBlobClient(key.ManifestBlobName);
        BlobProperties properties;
        try
        {
            properties = await _resilience.ExecuteAsync(async t => (await manifest.GetPropertiesAsync(cancellationToken: t)).Value, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return RunOutcome.Ignored("the manifest no longer exists");
        }
        if (properties.ContentLength == 0)
        {
            // Data Lake raises BlobCreated for CreateFile (0 bytes) and again for FlushWithClose: only the second counts.
            return RunOutcome.Ignored("empty manifest blob (the upload that fills it triggers again)");
        }

        var etag = ETagText(properties.ETag);
        var plan = new LeasedRunExecutor.Plan(
            etag,
            current => current is { Status: RunStatus.Succeeded } && current.ManifestETag == etag ? "already published from this manifest" : null,
            (folder, t) => FetchDropAsync(key, folder, t));
        var outcome = await _executor.RunAsync(key, trigger, plan, ct);
        _logger.LogInformation("Ingest of {LaCode} {Date}: {Kind} {Reason}", key.LaCode, key.DateText, outcome.Kind, outcome.LogReason);
        return outcome;
    }

    /// <summary>Copies every blob under the drop's folder (not only those the manifest lists: the raw zone keeps extras).</summary>
    private async Task FetchDropAsync(DropKey key, string folder, CancellationToken ct)
    {
        var prefix = key.LandingPrefix;
        var names = await _resilience.ExecuteAsync(async t =>
        {
            var found = new List<string>();
            await foreach (var item in _landing.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, t))
            {
                if (!BlobLakeStore.IsDirectoryMarker(item)) found.Add(item.Name);
            }
            return found;
        }, ct);

        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = DownloadParallelism, CancellationToken = ct }, async (name, t) =>
        {
            var local = LocalPath(folder, name[prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            var blob = _landing.GetBlobClient(name);
            await _resilience.ExecuteAsync(async t2 => await blob.DownloadToAsync(local, t2), t);
        });

        CheckManifestMatchesFolder(key, folder);
    }

    /// <summary>
    /// The folder a drop sits in decides the ledger row and lease; a manifest that names another LA or date would
    /// publish under a different key than the one locked, so it fails the drop instead.
    /// </summary>
    internal static void CheckManifestMatchesFolder(DropKey key, string folder)
    {
        var path = Path.Combine(folder, DropManifest.FileName);
        if (!File.Exists(path)) throw new InvalidDataException($"{key.ManifestBlobName}: the manifest disappeared before it could be read");
        var manifest = DropManifest.Parse(File.ReadAllText(path), key.ManifestBlobName);
        if (manifest.LaCode != key.LaCode || manifest.ExtractDate != key.DateText)
        {
            throw new InvalidDataException(
                $"{key.ManifestBlobName}: manifest says la_code '{manifest.LaCode}' extract_date '{manifest.ExtractDate}' but the drop is in folder {key}");
        }
    }

    /// <summary>
    /// An ETag as compared in the ledger: the response header carries it quoted, a container listing unquoted.
    /// </summary>
    internal static string ETagText(Azure.ETag? etag) => (etag?.ToString() ?? "").Trim('"');

    internal static string LocalPath(string folder, string relative)
    {
        var checkedRelative = relative.Split('/');
        if (checkedRelative.Any(s => s.Length == 0 || s == "." || s == ".."))
            throw new InvalidDataException($"Drop file name '{relative}' has an empty, '.' or '..' segment.");
        return Path.Combine([folder, .. checkedRelative]);
    }
}
