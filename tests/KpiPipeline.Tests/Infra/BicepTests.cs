using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KpiPipeline.Tests.Infra;

/// <summary>
/// infra/main.bicep compiles and lints clean, and the compiled ARM template keeps the security model:
/// identity-only storage access, no keys or connection strings in app settings, HNS lake, guid() role names.
/// </summary>
public sealed class BicepTests(BicepFixture bicep) : IClassFixture<BicepFixture>
{
    [Fact]
    public void Main_bicep_builds_and_lints_without_errors_or_warnings()
    {
        Assert.True(bicep.Build.ExitCode == 0, bicep.Build.Output);
        Assert.True(bicep.Lint.ExitCode == 0, bicep.Lint.Output);
        Assert.DoesNotContain("Warning", bicep.Build.Output);
        Assert.DoesNotContain("Warning", bicep.Lint.Output);
        Assert.True(bicep.BuildParams.ExitCode == 0, bicep.BuildParams.Output);
        Assert.NotNull(bicep.Params["parameters"]?["powerBiReadersGroupObjectId"]);
    }

    [Fact]
    public void The_api_version_rule_that_depends_on_todays_date_is_off()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(bicep.InfraFolder, "bicepconfig.json")))!;
        Assert.Equal("off", (string?)config["analyzers"]!["core"]!["rules"]!["use-recent-api-versions"]!["level"]);
    }

    [Fact]
    public void Every_storage_account_refuses_shared_keys_and_public_blobs_and_the_lake_has_a_hierarchical_namespace()
    {
        var accounts = bicep.OfType("Microsoft.Storage/storageAccounts").ToList();
        Assert.Equal(2, accounts.Count);
        foreach (var a in accounts)
        {
            var p = a["properties"]!;
            Assert.False((bool)p["allowSharedKeyAccess"]!);
            Assert.False((bool)p["allowBlobPublicAccess"]!);
            Assert.Equal("TLS1_2", (string?)p["minimumTlsVersion"]);
            Assert.True((bool)p["supportsHttpsTrafficOnly"]!);
        }
        Assert.Single(accounts, a => (bool?)a["properties"]!["isHnsEnabled"] == true);
    }

    [Fact]
    public void The_function_app_is_flex_consumption_dotnet_isolated_10_with_a_user_assigned_identity()
    {
        var plan = Assert.Single(bicep.OfType("Microsoft.Web/serverfarms"));
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);

        var site = Assert.Single(bicep.OfType("Microsoft.Web/sites"));
        Assert.Contains("functionapp", (string?)site["kind"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
        Assert.Equal("UserAssignedIdentity", (string?)site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.True((bool)site["properties"]!["httpsOnly"]!);
    }

    [Fact]
    public void App_settings_are_identity_based_with_no_keys_or_connection_strings()
    {
        var (site, template) = Assert.Single(bicep.ResourcesWithTemplate(), x => (string?)x.Resource["type"] == "Microsoft.Web/sites");
        var settings = BicepFixture.Resolve(site["properties"]!["siteConfig"]!["appSettings"], template)!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => s!["value"]!.ToString());

        foreach (var (name, value) in settings)
        {
            Assert.DoesNotMatch(new Regex("AccountKey|SharedAccessSignature|DefaultEndpointsProtocol|listKeys|UseDevelopmentStorage", RegexOptions.IgnoreCase), value);
            // Connection strings would be the bare connection name; only the App Insights resource string (no secret) is allowed.
            if (name != "APPLICATIONINSIGHTS_CONNECTION_STRING") Assert.DoesNotContain("ConnectionString", value, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("KPI_LAKE", settings.Keys);
        Assert.DoesNotContain("KPI_LANDING", settings.Keys);
        // Flex Consumption sets the runtime in functionAppConfig and rejects these as settings.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);

        foreach (var connection in new[] { "AzureWebJobsStorage", "KPI_LANDING", "KPI_LAKE" })
        {
            Assert.Equal("managedidentity", settings[$"{connection}__credential"]);
            Assert.Contains($"{connection}__clientId", settings.Keys);
            Assert.Contains($"{connection}__blobServiceUri", settings.Keys);
        }
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", settings.Keys);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", settings.Keys);
        Assert.Contains("KPI_LANDING__queueServiceUri", settings.Keys);
        Assert.Contains("KPI_LAKE__tableServiceUri", settings.Keys);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        foreach (var key in new[] { "KPI_SCHEDULE", "KPI_LANDING_CONTAINER", "KPI_LAKE_CONTAINER", "KPI_OPS_CONTAINER", "KPI_RUNS_TABLE", "KPI_REFRESH_MAX_RUNS", "KPI_REFRESH_MAX_ATTEMPTS" })
            Assert.Contains(key, settings.Keys);
    }

    [Fact]
    public void App_insights_has_local_auth_off_and_a_workspace()
    {
        var ai = Assert.Single(bicep.OfType("Microsoft.Insights/components"));
        Assert.True((bool)ai["properties"]!["DisableLocalAuth"]!);
        Assert.NotNull(ai["properties"]!["WorkspaceResourceId"]);
        Assert.Single(bicep.OfType("Microsoft.OperationalInsights/workspaces"));
    }

    [Fact]
    public void Role_assignments_are_named_by_guid_and_cover_the_app_and_power_bi()
    {
        var assignments = bicep.OfType("Microsoft.Authorization/roleAssignments").ToList();
        Assert.NotEmpty(assignments);
        Assert.All(assignments, a => Assert.StartsWith("[guid(", (string?)a["name"]));

        var text = string.Join("\n", assignments.Select(a => a.ToJsonString())) + bicep.Arm.ToJsonString();
        foreach (var role in new[]
                 {
                     "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner (host storage)
                     "ba92f5b4-2d11-453d-a403-e96b0029c9fe", // Storage Blob Data Contributor (lake)
                     "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
                     "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
                     "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", // Storage Blob Data Reader (Power BI group)
                     "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
                 })
        {
            Assert.Contains(role, text);
        }
        Assert.Contains(assignments, a => (string?)a["properties"]!["principalType"] == "Group"
            && a["properties"]!["principalId"]!.ToString().Contains("powerBiReadersGroupObjectId"));
    }

    [Fact]
    public void Event_grid_delivers_landing_manifests_to_the_ingest_drop_blob_webhook()
    {
        var topic = Assert.Single(bicep.OfType("Microsoft.EventGrid/systemTopics"));
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]!["topicType"]);

        var sub = Assert.Single(bicep.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
        var endpoint = sub["properties"]!["destination"]!["properties"]!["endpointUrl"]!.ToString();
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.IngestDrop", endpoint);
        var filter = sub["properties"]!["filter"]!;
        Assert.Equal("/manifest.json", (string?)filter["subjectEndsWith"]);
        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter["includedEventTypes"]!.AsArray().Select(x => (string)x!));
        Assert.NotNull(sub["properties"]!["deadLetterWithResourceIdentity"]);

        // The only key the template reads is the blob extension's webhook key, inside this endpoint.
        var all = bicep.Arm.ToJsonString();
        Assert.Single(Regex.Matches(all, "listKeys\\("));
        Assert.Contains("listKeys(", endpoint);
    }
}
