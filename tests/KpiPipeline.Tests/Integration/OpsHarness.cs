using KpiPipeline.Pipeline;

namespace KpiPipeline.Tests.Integration;

/// <summary>The ops services against Azurite with private containers and table, built through settings exactly as the hosts build them.</summary>
public sealed class OpsHarness
{
    public OpsHarness(AzuriteFixture azurite, FakeSnapshotRunner? runner = null, int maxRunsPerRefresh = 4, int maxAttempts = 3)
    {
        Runner = runner ?? new FakeSnapshotRunner();
        var values = new Dictionary<string, string>
        {
            ["KPI_LAKE"] = azurite.ConnectionString,
            ["KPI_LANDING"] = azurite.ConnectionString,
            ["KPI_LANDING_CONTAINER"] = AzuriteFixture.UniqueName("landing"),
            ["KPI_LAKE_CONTAINER"] = AzuriteFixture.UniqueName("lake"),
            ["KPI_OPS_CONTAINER"] = AzuriteFixture.UniqueName("ops"),
            ["KPI_RUNS_TABLE"] = AzuriteFixture.UniqueTableName("runs"),
            ["KPI_REFRESH_MAX_RUNS"] = maxRunsPerRefresh.ToString(),
            ["KPI_REFRESH_MAX_ATTEMPTS"] = maxAttempts.ToString(),
        };
        Settings = values;
        Ops = PipelineOps.Create(OpsSettings.From(k => values.GetValueOrDefault(k)), Runner);
    }

    public IReadOnlyDictionary<string, string> Settings { get; }
    public FakeSnapshotRunner Runner { get; }
    public PipelineOps Ops { get; }

    public async Task<OpsHarness> ReadyAsync()
    {
        await Ops.EnsureStorageAsync();
        return this;
    }
}
