using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Storage.Blobs;
using KpiPipeline.Common;

namespace KpiPipeline.Tests.Integration;

/// <summary>
/// Starts the repo's pinned Azurite (tools/azurite, installed by <c>npm ci --prefix tools/azurite</c>) on
/// 127.0.0.1 with three free ports and a throw-away data folder, waits until it answers, and kills it by PID
/// when the test collection ends. Tests get a connection string and isolate themselves with unique
/// container/table names.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's documented development account; it only exists inside the emulator.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    // About 2.5 s on an idle 2-core machine; generous because CI machines are often busy.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private Process? _process;
    private string? _location;
    private readonly StringBuilder _output = new();

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }
    public TimeSpan StartupTime { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>The Azurite entry script inside the repo's npm install.</summary>
    public static string AzuriteScript => Path.Combine(RepoPaths.RepoRoot, "tools", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js");

    public async Task InitializeAsync()
    {
        var script = AzuriteScript;
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed: {script} is missing. Run `npm ci --prefix tools/azurite` in the repository root " +
                "before `dotnet test` (the README's test command does this).");
        }

        var clock = Stopwatch.StartNew();
        // A free port can be taken between our probe and Azurite's bind; try again with new ports then.
        for (var attempt = 1; ; attempt++)
        {
            (BlobPort, QueuePort, TablePort) = (FreePort(), FreePort(), FreePort());
            _location = Path.Combine(Path.GetTempPath(), "kpi-azurite-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(_location);
            StartProcess(script);
            if (await WaitUntilAnsweringAsync()) break;
            var log = _output.ToString();
            await KillAsync();
            if (attempt == 3 || !log.Contains("EADDRINUSE", StringComparison.Ordinal))
                throw new InvalidOperationException($"Azurite did not start within {StartTimeout.TotalSeconds:0} s. Its output:\n{log}");
        }
        StartupTime = clock.Elapsed;
    }

    public async Task DisposeAsync() => await KillAsync();

    /// <summary>A blob container with a unique name, created.</summary>
    public async Task<BlobContainerClient> NewContainerAsync(string hint)
    {
        var container = new BlobServiceClient(ConnectionString).GetBlobContainerClient(UniqueName(hint));
        await container.CreateAsync();
        return container;
    }

    /// <summary>A unique, valid container name (lower-case) starting with the hint.</summary>
    public static string UniqueName(string hint) => $"{hint.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>A unique, valid table name (letters and digits).</summary>
    public static string UniqueTableName(string hint) => $"{hint}{Guid.NewGuid().ToString("N")[..10]}";

    private void StartProcess(string script)
    {
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _location,
        };
        foreach (var arg in new[]
                 {
                     script,
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
                     "--location", _location!,
                     // Required here: current SDKs send a newer API version than Azurite accepts; telemetry off
                     // also makes it exit promptly; loose accepts headers it does not model.
                     "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent",
                 })
        {
            psi.ArgumentList.Add(arg);
        }
        _output.Clear();
        _process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node for Azurite (is Node.js on PATH?)");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task<bool> WaitUntilAnsweringAsync()
    {
        var deadline = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process!.HasExited) return false;
            if (await Answers(http, BlobPort) && await Answers(http, QueuePort) && await Answers(http, TablePort)) return true;
            await Task.Delay(100);
        }
        return false;
    }

    // Any HTTP answer (Azurite replies 400 to a bare GET) means the service is listening.
    private static async Task<bool> Answers(HttpClient http, int port)
    {
        try
        {
            using var response = await http.GetAsync($"http://127.0.0.1:{port}/");
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private async Task KillAsync()
    {
        if (_process is { } p)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(); // by PID: only the process this fixture started
                    await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            p.Dispose();
            _process = null;
        }
        if (_location is not null)
        {
            try { Directory.Delete(_location, recursive: true); } catch (IOException) { }
            _location = null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
