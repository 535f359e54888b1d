using Azure.Storage.Blobs;
using KpiPipeline.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace KpiPipeline.Functions;

/// <summary>
/// Ingest on arrival: fires for blobs created in the landing container (delivered by Event Grid, the only blob
/// trigger Flex Consumption supports). Only <c>{la_code}/{yyyy-MM-dd}/manifest.json</c> starts a run — the
/// manifest is written last, so its arrival means the drop is complete; CSVs and empty blobs are ignored.
/// A drop that fails validation is recorded as failed (no exception, no retry); an infrastructure error is
/// thrown so the host retries the event and finally moves it to the poison queue.
/// </summary>
public sealed class IngestDrop(DropIngestService ingest, ILogger<IngestDrop> logger)
{
    [Function(nameof(IngestDrop))]
    public async Task Run(
        [BlobTrigger("%KPI_LANDING_CONTAINER%/{la_code}/{extract_date}/{name}", Source = BlobTriggerSource.EventGrid, Connection = "KPI_LANDING")]
        BlobClient blob,
        CancellationToken ct)
    {
        var outcome = await ingest.IngestAsync(blob.Name, RunTrigger.Blob, ct);
        if (outcome.Kind == RunOutcomeKind.Ignored)
        {
            logger.LogDebug("Landing blob ignored: {Reason}", outcome.Reason);
            return;
        }
        logger.LogInformation("Drop {Drop}: {Kind} {Reason}", outcome.Key, outcome.Kind, outcome.LogReason);
    }
}
