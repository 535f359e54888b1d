using KpiPipeline.Functions;
using KpiPipeline.Pipeline;
using KpiPipeline.Tests.Integration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KpiPipeline.Tests.Functions;

/// <summary>Program.cs's registrations resolve every function class from app settings as the host supplies them.</summary>
public sealed class ServiceRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ISnapshotRunner>(new FakeSnapshotRunner());
        services.AddKpiPipelineOps(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Every_function_class_resolves_with_identity_based_settings()
    {
        // Environment variables KPI_LAKE__blobServiceUri etc. reach IConfiguration as KPI_LAKE:blobServiceUri.
        using var sp = Build(new()
        {
            ["KPI_LAKE:blobServiceUri"] = "https://kpilake.blob.core.windows.net",
            ["KPI_LAKE:tableServiceUri"] = "https://kpilake.table.core.windows.net",
            ["KPI_LAKE:credential"] = "managedidentity",
            ["KPI_LAKE:clientId"] = "00000000-0000-0000-0000-000000000001",
            ["KPI_LANDING:blobServiceUri"] = "https://kpilake.blob.core.windows.net",
            ["KPI_LANDING:credential"] = "managedidentity",
            ["KPI_LANDING:clientId"] = "00000000-0000-0000-0000-000000000001",
            ["KPI_LANDING_CONTAINER"] = "landing",
        });

        Assert.NotNull(ActivatorUtilities.CreateInstance<IngestDrop>(sp));
        Assert.NotNull(ActivatorUtilities.CreateInstance<NightlyRefresh>(sp));
        Assert.NotNull(ActivatorUtilities.CreateInstance<Replay>(sp));
        Assert.NotNull(ActivatorUtilities.CreateInstance<Runs>(sp));

        var ops = sp.GetRequiredService<PipelineOps>();
        Assert.Equal("https://kpilake.blob.core.windows.net/lake", ops.Lake.Describe());
        Assert.Equal("https://kpilake.table.core.windows.net/runs", ops.Ledger.Describe());
        Assert.Equal("landing", ops.Landing.Name);
    }

    [Fact]
    public void A_missing_connection_fails_with_the_setting_names()
    {
        using var sp = Build(new());
        var e = Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<DropIngestService>());
        Assert.Contains("KPI_LAKE__blobServiceUri", e.Message);
    }

    [Fact]
    public void Setting_names_with_double_underscores_are_read_from_configuration_sections()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KPI_LAKE:blobServiceUri"] = "https://a.blob.core.windows.net",
            ["KPI_SCHEDULE"] = "0 30 2 * * *",
        }).Build();
        Assert.Equal("https://a.blob.core.windows.net", ServiceRegistration.ConfigurationValue(configuration, "KPI_LAKE__blobServiceUri"));
        Assert.Equal("0 30 2 * * *", ServiceRegistration.ConfigurationValue(configuration, "KPI_SCHEDULE"));
        Assert.Null(ServiceRegistration.ConfigurationValue(configuration, "KPI_MISSING"));
    }
}
