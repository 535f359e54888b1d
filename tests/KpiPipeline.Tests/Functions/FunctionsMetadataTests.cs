using System.Text.Json.Nodes;
using KpiPipeline.Common;

namespace KpiPipeline.Tests.Functions;

/// <summary>
/// The functions.metadata file the Worker SDK writes at build time is what the Functions host reads to bind
/// triggers. No host runs here, so this test pins it: a silent change of trigger type, Event Grid source,
/// path, connection, schedule setting, route, method or auth level fails the build's tests.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<JsonArray> Metadata = new(() => (JsonArray)JsonNode.Parse(File.ReadAllText(MetadataPath()))!);

    /// <summary>
    /// The test project references the function app, and the SDK copies functions.metadata into this output
    /// folder with the app's assembly (checked: it is there after `dotnet build`). The app's own bin folder is the fallback.
    /// </summary>
    internal static string MetadataPath()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        if (File.Exists(beside)) return beside;
        var config = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var own = Path.Combine(RepoPaths.RepoRoot, "functions", "bin", config, "net10.0", "functions.metadata");
        if (File.Exists(own)) return own;
        throw new FileNotFoundException($"functions.metadata not found beside the tests ({beside}) or in {own}; build the solution first.");
    }

    private static JsonObject Function(string name) =>
        Metadata.Value.OfType<JsonObject>().SingleOrDefault(f => (string?)f["name"] == name)
        ?? throw new Xunit.Sdk.XunitException($"function {name} is not in functions.metadata");

    private static JsonObject Trigger(string function) =>
        Function(function)["bindings"]!.AsArray().OfType<JsonObject>().Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));

    [Fact]
    public void The_app_has_exactly_the_four_functions_each_in_its_own_class()
    {
        var names = Metadata.Value.Select(f => (string)f!["name"]!).Order().ToList();
        Assert.Equal(["IngestDrop", "NightlyRefresh", "Replay", "Runs"], names);
        foreach (var f in Metadata.Value.OfType<JsonObject>())
        {
            Assert.Equal($"KpiPipeline.Functions.{f["name"]}.Run", (string?)f["entryPoint"]);
            Assert.Equal("dotnet-isolated", (string?)f["language"]);
            Assert.Equal("KpiPipeline.Functions.dll", (string?)f["scriptFile"]);
        }
    }

    [Fact]
    public void IngestDrop_is_an_event_grid_blob_trigger_on_the_landing_drops()
    {
        var t = Trigger("IngestDrop");
        Assert.Equal("blobTrigger", (string?)t["type"]);
        Assert.Equal("In", (string?)t["direction"]);
        Assert.Equal("EventGrid", (string?)t["source"]); // Flex Consumption supports only the Event Grid source
        Assert.Equal("%KPI_LANDING_CONTAINER%/{la_code}/{extract_date}/{name}", (string?)t["path"]);
        Assert.Equal("KPI_LANDING", (string?)t["connection"]);
    }

    [Fact]
    public void NightlyRefresh_runs_on_the_schedule_setting_and_never_on_startup()
    {
        var t = Trigger("NightlyRefresh");
        Assert.Equal("timerTrigger", (string?)t["type"]);
        Assert.Equal("%KPI_SCHEDULE%", (string?)t["schedule"]);
        Assert.NotEqual(true, (bool?)t["runOnStartup"]);
    }

    [Theory]
    [InlineData("Replay", "post", "replay/{la_code}/{date}")]
    [InlineData("Runs", "get", "runs/{la_code}")]
    public void Http_functions_have_their_route_method_and_function_key_auth(string function, string method, string route)
    {
        var t = Trigger(function);
        Assert.Equal("httpTrigger", (string?)t["type"]);
        Assert.Equal("Function", (string?)t["authLevel"]);
        Assert.Equal([method], t["methods"]!.AsArray().Select(m => (string)m!));
        Assert.Equal(route, (string?)t["route"]);
        Assert.Contains(Function(function)["bindings"]!.AsArray(), b => (string?)b!["type"] == "http" && (string?)b["direction"] == "Out");
    }

    [Fact]
    public void The_metadata_matches_the_compiled_function_classes()
    {
        // Guards against a stale metadata file: every entry point exists, and its trigger attribute agrees.
        foreach (var f in Metadata.Value.OfType<JsonObject>())
        {
            var entry = (string)f["entryPoint"]!;
            var type = typeof(KpiPipeline.Functions.IngestDrop).Assembly.GetType(entry[..entry.LastIndexOf('.')], throwOnError: true)!;
            var method = type.GetMethod("Run") ?? throw new Xunit.Sdk.XunitException($"{entry} not found");
            var trigger = method.GetParameters().SelectMany(p => p.GetCustomAttributes(inherit: false))
                .Single(a => a.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal));
            var expected = (string)Trigger((string)f["name"]!)["type"]!;
            Assert.Equal(expected, char.ToLowerInvariant(trigger.GetType().Name[0]) + trigger.GetType().Name[1..^"Attribute".Length]);
        }
        var blob = typeof(KpiPipeline.Functions.IngestDrop).GetMethod("Run")!.GetParameters()
            .Select(p => p.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.BlobTriggerAttribute), false).SingleOrDefault())
            .OfType<Microsoft.Azure.Functions.Worker.BlobTriggerAttribute>().Single();
        Assert.Equal((string?)Trigger("IngestDrop")["path"], blob.BlobPath);
    }
}
