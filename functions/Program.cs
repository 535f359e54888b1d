using KpiPipeline.Extract;
using KpiPipeline.Functions;
using KpiPipeline.Pipeline;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// The one pipeline every host runs; reference data (pack + KPI settings) is loaded on first use, not at start-up.
// A large drop is split into partition files under the same work folder as the drop's temp copy (KPI_WORK_DIR).
builder.Services.AddSingleton<ISnapshotRunner>(sp =>
    new SnapshotRunner(ReferenceDataLoader.Load(),
        new SnapshotRunnerOptions { Read = new DropReadOptions { ScratchFolder = builder.Configuration[OpsSettings.WorkDirectoryKey] } },
        logger: sp.GetRequiredService<ILogger<SnapshotRunner>>()));
builder.Services.AddKpiPipelineOps(builder.Configuration);
builder.Build().Run();
