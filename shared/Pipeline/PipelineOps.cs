using Azure.Storage.Blobs;
using KpiPipeline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KpiPipeline.Pipeline;

/// <summary>
/// The ops services wired together from settings: one place both hosts (the function app and the <c>kpi</c> CLI)
/// build them, so they cannot drift. Construct once per process; everything in it is thread-safe.
/// </summary>
public sealed class PipelineOps
{
    private PipelineOps(OpsSettings settings, BlobLakeStore lake, BlobContainerClient landing, RunLedger ledger, DropLeases leases,
        DropIngestService ingest, NightlyRefreshService nightly, ReplayService replay, RunStatusService runs)
    {
        Settings = settings;
        Lake = lake;
        Landing = landing;
        Ledger = ledger;
        Leases = leases;
        Ingest = ingest;
        Nightly = nightly;
        Replay = replay;
        Runs = runs;
    }

    public OpsSettings Settings { get; }
    public BlobLakeStore Lake { get; }
    public BlobContainerClient Landing { get; }
    public RunLedger Ledger { get; }
    public DropLeases Leases { get; }
    public DropIngestService Ingest { get; }
    public NightlyRefreshService Nightly { get; }
    public ReplayService Replay { get; }
    public RunStatusService Runs { get; }

    /// <param name="runner">The snapshot runner every run goes through (the real <c>SnapshotRunner</c> in the hosts).</param>
    public static PipelineOps Create(OpsSettings settings, ISnapshotRunner runner, ILoggerFactory? loggers = null, TimeProvider? time = null,
        StorageResilienceOptions? resilienceOptions = null, DropLeaseOptions? leaseOptions = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        time ??= TimeProvider.System;
        var resilience = StorageResilience.Create(resilienceOptions, time, loggers.CreateLogger(typeof(StorageResilience)));

        var lakeAccount = StorageClients.Resolve(OpsSettings.LakeConnectionName, settings.Lookup);
        var landingAccount = StorageClients.Resolve(OpsSettings.LandingConnectionName, settings.Lookup);
        var lakeBlobs = lakeAccount.CreateBlobServiceClient();

        var lake = new BlobLakeStore(lakeBlobs.GetBlobContainerClient(settings.LakeContainer), resilience);
        var landing = landingAccount.CreateBlobServiceClient().GetBlobContainerClient(settings.LandingContainer);
        var ledger = new RunLedger(lakeAccount.CreateTableServiceClient().GetTableClient(settings.RunsTable), resilience, time);
        var leases = new DropLeases(lakeBlobs.GetBlobContainerClient(settings.OpsContainer), resilience, time, leaseOptions, loggers.CreateLogger<DropLeases>());
        var executor = new LeasedRunExecutor(ledger, leases, runner, lake, settings.WorkDirectory, loggers.CreateLogger<LeasedRunExecutor>());
        var ingest = new DropIngestService(landing, executor, resilience, loggers.CreateLogger<DropIngestService>());
        var nightly = new NightlyRefreshService(landing, ingest, ledger, resilience, time,
            new NightlyRefreshOptions { MaxRunsPerRefresh = settings.MaxRunsPerRefresh, MaxAttempts = settings.MaxAttempts },
            loggers.CreateLogger<NightlyRefreshService>());
        var replay = new ReplayService(executor, loggers.CreateLogger<ReplayService>());
        var runs = new RunStatusService(ledger, time);
        return new PipelineOps(settings, lake, landing, ledger, leases, ingest, nightly, replay, runs);
    }

    /// <summary>
    /// Creates the containers and the runs table if missing. For local development (Azurite) and tests; in Azure
    /// the deployment (infra/) creates them and this is not needed.
    /// </summary>
    public async Task EnsureStorageAsync(CancellationToken ct = default)
    {
        await Lake.EnsureContainerAsync(ct);
        await Landing.CreateIfNotExistsAsync(cancellationToken: ct);
        await Ledger.EnsureCreatedAsync(ct);
    }
}
