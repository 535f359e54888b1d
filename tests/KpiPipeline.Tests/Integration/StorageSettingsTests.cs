using KpiPipeline.Pipeline;
using KpiPipeline.Storage;

namespace KpiPipeline.Tests.Integration;

/// <summary>How connections and ops settings are read (no storage needed).</summary>
public sealed class StorageSettingsTests
{
    private static Func<string, string?> Settings(params (string Key, string Value)[] values) =>
        key => values.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void Identity_based_settings_give_clients_on_the_service_uris_without_a_key()
    {
        var c = StorageClients.Resolve("KPI_LAKE", Settings(
            ("KPI_LAKE__blobServiceUri", "https://kpilake.blob.core.windows.net"),
            ("KPI_LAKE__tableServiceUri", "https://kpilake.table.core.windows.net"),
            ("KPI_LAKE__credential", "managedidentity"),
            ("KPI_LAKE__clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.False(c.UsesConnectionString);
        Assert.Equal(new Uri("https://kpilake.blob.core.windows.net"), c.CreateBlobServiceClient().Uri);
        Assert.Equal("kpilake", c.CreateTableServiceClient().AccountName);
        Assert.False(c.CreateBlobServiceClient().CanGenerateAccountSasUri); // no shared key anywhere
    }

    [Fact]
    public void A_missing_table_endpoint_is_named_when_the_table_is_needed()
    {
        var c = StorageClients.Resolve("KPI_LANDING", Settings(("KPI_LANDING__blobServiceUri", "https://kpilake.blob.core.windows.net")));
        var e = Assert.Throws<InvalidOperationException>(() => c.CreateTableServiceClient());
        Assert.Contains("KPI_LANDING__tableServiceUri", e.Message);
    }

    [Fact]
    public void A_connection_string_works_locally_but_is_refused_inside_azure()
    {
        var local = StorageClients.Resolve("KPI_LAKE", Settings(("KPI_LAKE", "UseDevelopmentStorage=true")));
        Assert.True(local.UsesConnectionString);
        Assert.Equal("127.0.0.1", local.CreateBlobServiceClient().Uri.Host);

        var e = Assert.Throws<InvalidOperationException>(() => StorageClients.Resolve("KPI_LAKE",
            Settings(("KPI_LAKE", "UseDevelopmentStorage=true"), ("WEBSITE_SITE_NAME", "kpi-func"))));
        Assert.Contains("local development only", e.Message);
    }

    [Fact]
    public void Nothing_configured_or_a_bad_uri_fails_with_the_setting_name()
    {
        Assert.Contains("KPI_LAKE__blobServiceUri", Assert.Throws<InvalidOperationException>(() => StorageClients.Resolve("KPI_LAKE", Settings())).Message);
        Assert.Contains("KPI_LAKE__blobServiceUri", Assert.Throws<InvalidOperationException>(() =>
            StorageClients.Resolve("KPI_LAKE", Settings(("KPI_LAKE__blobServiceUri", "kpilake")))).Message);
    }

    [Fact]
    public void Ops_settings_have_defaults_and_reject_bad_values_by_name()
    {
        var s = OpsSettings.From(Settings());
        Assert.Equal(("landing", "lake", "ops", "runs", 4, 3), (s.LandingContainer, s.LakeContainer, s.OpsContainer, s.RunsTable, s.MaxRunsPerRefresh, s.MaxAttempts));

        Assert.Contains("KPI_LAKE_CONTAINER", Assert.Throws<InvalidOperationException>(() => OpsSettings.From(Settings(("KPI_LAKE_CONTAINER", "Lake_Zone")))).Message);
        Assert.Contains("KPI_REFRESH_MAX_RUNS", Assert.Throws<InvalidOperationException>(() => OpsSettings.From(Settings(("KPI_REFRESH_MAX_RUNS", "lots")))).Message);
        Assert.Contains("KPI_RUNS_TABLE", Assert.Throws<InvalidOperationException>(() => OpsSettings.From(Settings(("KPI_RUNS_TABLE", "run-ledger")))).Message);
    }

    [Theory]
    [InlineData("343/2023-05-31/manifest.json", true)]
    [InlineData("E10000017/2023-05-31/manifest.json", true)]
    [InlineData("343/2023-05-31/ssd_person.csv", false)]
    [InlineData("343/2023-02-30/manifest.json", false)]
    [InlineData("343/2023-05-31/x/manifest.json", false)]
    [InlineData("../2023-05-31/manifest.json", false)]
    [InlineData("343/2023-05-31/Manifest.json", false)]
    public void Drop_keys_come_only_from_la_date_manifest_names(string blobName, bool isManifest)
    {
        Assert.Equal(isManifest, DropKey.TryParseManifestBlobName(blobName, out var key, out var whyNot));
        if (isManifest)
        {
            Assert.Equal(blobName, key.ManifestBlobName);
            Assert.Equal($"raw/{key.LaCode}/2023-05-31/", key.RawPrefix);
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(whyNot));
        }
    }
}
