using KpiPipeline.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KpiPipeline.Functions;

/// <summary>Registers the ops services the function classes use, built from app settings by <see cref="PipelineOps"/>.</summary>
public static class ServiceRegistration
{
    /// <summary>
    /// Adds <see cref="PipelineOps"/> and its services. An <see cref="ISnapshotRunner"/> must be registered too
    /// (Program.cs adds the real one). Storage clients are created on first use, so a missing setting fails the
    /// first invocation with a message naming it rather than the host's start-up.
    /// </summary>
    public static IServiceCollection AddKpiPipelineOps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => OpsSettings.From(key => ConfigurationValue(configuration, key)));
        services.AddSingleton(sp => PipelineOps.Create(
            sp.GetRequiredService<OpsSettings>(),
            sp.GetRequiredService<ISnapshotRunner>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => sp.GetRequiredService<PipelineOps>().Ingest);
        services.AddSingleton(sp => sp.GetRequiredService<PipelineOps>().Nightly);
        services.AddSingleton(sp => sp.GetRequiredService<PipelineOps>().Replay);
        services.AddSingleton(sp => sp.GetRequiredService<PipelineOps>().Runs);
        return services;
    }

    /// <summary>
    /// App settings arrive as environment variables, and .NET configuration turns "__" into ":" — so the setting
    /// KPI_LAKE__blobServiceUri is the configuration key KPI_LAKE:blobServiceUri.
    /// </summary>
    public static string? ConfigurationValue(IConfiguration configuration, string settingName) =>
        configuration[settingName] ?? configuration[settingName.Replace("__", ":", StringComparison.Ordinal)];
}
