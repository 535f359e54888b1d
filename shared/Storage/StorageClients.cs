using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace KpiPipeline.Storage;

/// <summary>
/// Builds Azure Storage clients from app settings, using the same naming convention as the Functions host
/// so one connection name (e.g. <c>KPI_LANDING</c>) configures both the blob trigger and our own clients:
/// <list type="bullet">
/// <item>In Azure (identity-based, no secrets): <c>{name}__blobServiceUri</c> (or <c>{name}__serviceUri</c>),
/// <c>{name}__tableServiceUri</c>, <c>{name}__queueServiceUri</c>, <c>{name}__credential=managedidentity</c> and
/// <c>{name}__clientId</c> (the user-assigned identity's client id). Without <c>__credential</c> the
/// <see cref="DefaultAzureCredential"/> chain is used (a developer's <c>az login</c>, for instance).</item>
/// <item>Local development only: <c>{name}</c> holding a connection string (<c>UseDevelopmentStorage=true</c> or an
/// Azurite connection string). Refused when the code runs inside Azure App Service / Functions
/// (<c>WEBSITE_SITE_NAME</c> is set) so a key can never quietly end up in production settings.</item>
/// </list>
/// </summary>
public static class StorageClients
{
    /// <summary>Resolves the connection called <paramref name="name"/> from <paramref name="setting"/> (a settings lookup by exact key).</summary>
    public static StorageConnection Resolve(string name, Func<string, string?> setting)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string? Get(string key) => setting(key) is { Length: > 0 } v ? v.Trim() : null;

        var connectionString = Get(name);
        var blobUri = Get($"{name}__blobServiceUri") ?? Get($"{name}__serviceUri");
        var tableUri = Get($"{name}__tableServiceUri");

        if (blobUri is null && tableUri is null)
        {
            if (connectionString is null)
            {
                throw new InvalidOperationException(
                    $"Storage connection '{name}' is not configured: in Azure set {name}__blobServiceUri and {name}__tableServiceUri " +
                    $"with {name}__credential=managedidentity and {name}__clientId; for local development set {name} to " +
                    "'UseDevelopmentStorage=true' or an Azurite connection string.");
            }
            if (Get("WEBSITE_SITE_NAME") is not null)
            {
                throw new InvalidOperationException(
                    $"Storage connection '{name}' is a connection string, which is for local development only; " +
                    $"in Azure use identity-based settings ({name}__blobServiceUri, {name}__credential=managedidentity, {name}__clientId).");
            }
            return StorageConnection.FromConnectionString(name, connectionString);
        }

        TokenCredential credential;
        var clientId = Get($"{name}__clientId");
        if (string.Equals(Get($"{name}__credential"), "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            credential = clientId is null
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }
        else
        {
            credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        }
        return StorageConnection.FromIdentity(name,
            blobUri is null ? null : ParseUri(name, "blobServiceUri", blobUri),
            tableUri is null ? null : ParseUri(name, "tableServiceUri", tableUri),
            credential);
    }

    /// <summary>
    /// Blob client options with the SDK's own retries off: <see cref="StorageResilience"/> is the single retry layer,
    /// so attempts, delays and the "no retry on 4xx" rule are ours and testable.
    /// </summary>
    public static BlobClientOptions BlobOptions(HttpPipelineTransport? transport = null)
    {
        var o = new BlobClientOptions();
        Configure(o, transport);
        return o;
    }

    /// <summary>Table client options; same policy as <see cref="BlobOptions"/>.</summary>
    public static TableClientOptions TableOptions(HttpPipelineTransport? transport = null)
    {
        var o = new TableClientOptions();
        Configure(o, transport);
        return o;
    }

    private static void Configure(ClientOptions o, HttpPipelineTransport? transport)
    {
        o.Retry.MaxRetries = 0;
        // The per-request network timeout stays below the resilience pipeline's per-attempt timeout, so a
        // stalled socket surfaces as a transient failure inside the attempt rather than as an attempt timeout.
        o.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        o.Diagnostics.IsLoggingContentEnabled = false;
        if (transport is not null) o.Transport = transport;
    }

    private static Uri ParseUri(string name, string key, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"Setting {name}__{key} is not an absolute http(s) URI.");
}

/// <summary>One resolved storage connection (an account reached by identity or, locally, by connection string).</summary>
public sealed class StorageConnection
{
    private readonly string? _connectionString;
    private readonly Uri? _blobUri;
    private readonly Uri? _tableUri;
    private readonly TokenCredential? _credential;

    private StorageConnection(string name, string? connectionString, Uri? blobUri, Uri? tableUri, TokenCredential? credential)
    {
        Name = name;
        _connectionString = connectionString;
        _blobUri = blobUri;
        _tableUri = tableUri;
        _credential = credential;
    }

    internal static StorageConnection FromConnectionString(string name, string connectionString) =>
        new(name, connectionString, null, null, null);

    internal static StorageConnection FromIdentity(string name, Uri? blobUri, Uri? tableUri, TokenCredential credential) =>
        new(name, null, blobUri, tableUri, credential);

    /// <summary>The setting name this connection came from (e.g. KPI_LAKE).</summary>
    public string Name { get; }

    /// <summary>True when a connection string (local development) rather than an identity is used.</summary>
    public bool UsesConnectionString => _connectionString is not null;

    public BlobServiceClient CreateBlobServiceClient()
    {
        if (_connectionString is not null) return new BlobServiceClient(_connectionString, StorageClients.BlobOptions());
        if (_blobUri is null) throw new InvalidOperationException($"Storage connection '{Name}' has no blob endpoint: set {Name}__blobServiceUri.");
        return new BlobServiceClient(_blobUri, _credential, StorageClients.BlobOptions());
    }

    public TableServiceClient CreateTableServiceClient()
    {
        if (_connectionString is not null) return new TableServiceClient(_connectionString, StorageClients.TableOptions());
        if (_tableUri is null) throw new InvalidOperationException($"Storage connection '{Name}' has no table endpoint: set {Name}__tableServiceUri.");
        return new TableServiceClient(_tableUri, _credential, StorageClients.TableOptions());
    }
}
