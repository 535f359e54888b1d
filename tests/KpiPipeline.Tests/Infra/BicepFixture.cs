using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KpiPipeline.Common;

namespace KpiPipeline.Tests.Infra;

/// <summary>
/// Compiles and lints infra/main.bicep once for the infra tests, with the Bicep CLI that the test project
/// restores from NuGet (PackageDownload Azure.Bicep.CommandLine.linux-x64 0.49.2): offline, no Azure CLI.
/// </summary>
public sealed class BicepFixture : IAsyncLifetime
{
    public const string BicepVersion = "0.49.2";

    public string InfraFolder { get; } = Path.Combine(RepoPaths.RepoRoot, "infra");
    public JsonObject Arm { get; private set; } = new();
    public JsonObject Params { get; private set; } = new();
    public (int ExitCode, string Output) Build { get; private set; }
    public (int ExitCode, string Output) Lint { get; private set; }
    public (int ExitCode, string Output) BuildParams { get; private set; }

    public async Task InitializeAsync()
    {
        var bicep = FindBicep();
        var outDir = Directory.CreateTempSubdirectory("kpi-bicep-").FullName;
        try
        {
            var armPath = Path.Combine(outDir, "main.json");
            var paramsPath = Path.Combine(outDir, "main.parameters.json");
            // Three independent CLI runs in parallel: each is mostly start-up time.
            var build = Run(bicep, "build", Path.Combine(InfraFolder, "main.bicep"), "--outfile", armPath);
            var lint = Run(bicep, "lint", Path.Combine(InfraFolder, "main.bicep"));
            var buildParams = Run(bicep, "build-params", Path.Combine(InfraFolder, "main.bicepparam"), "--outfile", paramsPath);
            (Build, Lint, BuildParams) = (await build, await lint, await buildParams);
            if (Build.ExitCode == 0) Arm = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(armPath))!;
            if (BuildParams.ExitCode == 0) Params = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(paramsPath))!;
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Every resource in the template, including those inside module (nested deployment) templates.</summary>
    public IEnumerable<JsonObject> Resources() => ResourcesWithTemplate().Select(x => x.Resource);

    /// <summary>Each resource with the (module) template that declares it, for resolving its variables.</summary>
    public IEnumerable<(JsonObject Resource, JsonObject Template)> ResourcesWithTemplate()
    {
        static IEnumerable<(JsonObject, JsonObject)> Walk(JsonObject template)
        {
            foreach (var r in template["resources"]!.AsArray().OfType<JsonObject>())
            {
                yield return (r, template);
                if ((string?)r["type"] == "Microsoft.Resources/deployments" && r["properties"]?["template"] is JsonObject nested)
                    foreach (var inner in Walk(nested)) yield return inner;
            }
        }
        return Walk(Arm);
    }

    public IEnumerable<JsonObject> OfType(string type) => Resources().Where(r => (string?)r["type"] == type && r["existing"] is null);

    /// <summary>A property value, following a whole-value "[variables('name')]" reference into the declaring template.</summary>
    public static JsonNode? Resolve(JsonNode? value, JsonObject template)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var s)
            && Regex.Match(s, @"^\[variables\('([^']+)'\)\]$") is { Success: true } m)
        {
            return template["variables"]?[m.Groups[1].Value];
        }
        return value;
    }

    /// <summary>
    /// The CLI from the NuGet package cache: NUGET_PACKAGES if set, else the folders this project restored into
    /// (obj/project.assets.json), else ~/.nuget/packages.
    /// </summary>
    private static string FindBicep()
    {
        var roots = new List<string>();
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } env) roots.Add(env);
        var assets = Path.Combine(RepoPaths.RepoRoot, "tests", "KpiPipeline.Tests", "obj", "project.assets.json");
        if (File.Exists(assets) && JsonNode.Parse(File.ReadAllText(assets))?["packageFolders"] is JsonObject folders)
            roots.AddRange(folders.Select(f => f.Key));
        roots.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));

        foreach (var root in roots)
        {
            var path = Path.Combine(root, "azure.bicep.commandline.linux-x64", BicepVersion, "tools", "bicep");
            if (!File.Exists(path)) continue;
            // NuGet does not keep the executable bit when it extracts a package.
            if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
            return path;
        }
        throw new FileNotFoundException(
            $"Bicep CLI {BicepVersion} not found in {string.Join(", ", roots)}; restore the test project (it has a PackageDownload for Azure.Bicep.CommandLine.linux-x64).");
    }

    private static async Task<(int, string)> Run(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // Offline and quiet: no telemetry, no update checks.
        psi.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (p.ExitCode, (await stdout) + (await stderr));
    }
}
