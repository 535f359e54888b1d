using KpiPipeline.Functions;
using KpiPipeline.Pipeline;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// The one pipeline every host runs; reference data (pack + KPI settings) is loaded on first use, not at start-up.
builder.Services.AddSingleton<ISnapshotRunner>(sp =>
    new SnapshotRunner(ReferenceDataLoader.Load(), logger: sp.GetRequiredService<ILogger<SnapshotRunner>>()));
builder.Services.AddKpiPipelineOps(builder.Configuration);
builder.Build().Run();
