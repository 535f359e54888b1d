using System.Globalization;
using System.Text.RegularExpressions;

namespace KpiPipeline.Pipeline;

/// <summary>
/// The app settings the ops services read (docs/operations.md lists them with their meaning). Read by exact key,
/// the way they appear as environment variables / app settings (double underscore for nested keys).
/// </summary>
public sealed partial record OpsSettings
{
    /// <summary>Connection for the lake account: lake and ops containers, runs table.</summary>
    public const string LakeConnectionName = "KPI_LAKE";
    /// <summary>Connection for the landing container (also the blob trigger's Connection).</summary>
    public const string LandingConnectionName = "KPI_LANDING";

    public const string LandingContainerKey = "KPI_LANDING_CONTAINER";
    public const string LakeContainerKey = "KPI_LAKE_CONTAINER";
    public const string OpsContainerKey = "KPI_OPS_CONTAINER";
    public const string RunsTableKey = "KPI_RUNS_TABLE";
    public const string MaxRunsPerRefreshKey = "KPI_REFRESH_MAX_RUNS";
    public const string MaxAttemptsKey = "KPI_REFRESH_MAX_ATTEMPTS";
    public const string WorkDirectoryKey = "KPI_WORK_DIR";
    /// <summary>Read by the Functions host only (the timer's CRON, UTC); listed here so every setting has one home.</summary>
    public const string ScheduleKey = "KPI_SCHEDULE";

    public string LandingContainer { get; init; } = "landing";
    public string LakeContainer { get; init; } = "lake";
    /// <summary>Holds the lease (lock) blobs <c>locks/{la}/{date}</c>; kept out of the lake so readers never see them.</summary>
    public string OpsContainer { get; init; } = "ops";
    public string RunsTable { get; init; } = "runs";
    public int MaxRunsPerRefresh { get; init; } = 4;
    public int MaxAttempts { get; init; } = 3;
    /// <summary>Where drops are fetched for a run; the system temp folder when unset.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>The raw lookup, for the storage connections (<c>KPI_LAKE__blobServiceUri</c> …).</summary>
    public required Func<string, string?> Lookup { get; init; }

    /// <summary>Reads and validates the settings from a lookup by exact key.</summary>
    public static OpsSettings From(Func<string, string?> lookup)
    {
        string Text(string key, string fallback) => lookup(key) is { Length: > 0 } v ? v.Trim() : fallback;
        int Number(string key, int fallback)
        {
            var v = lookup(key);
            if (string.IsNullOrWhiteSpace(v)) return fallback;
            return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new InvalidOperationException($"Setting {key}='{v}' is not a positive whole number.");
        }

        return new OpsSettings
        {
            Lookup = lookup,
            LandingContainer = Container(LandingContainerKey, Text(LandingContainerKey, "landing")),
            LakeContainer = Container(LakeContainerKey, Text(LakeContainerKey, "lake")),
            OpsContainer = Container(OpsContainerKey, Text(OpsContainerKey, "ops")),
            RunsTable = Table(Text(RunsTableKey, "runs")),
            MaxRunsPerRefresh = Number(MaxRunsPerRefreshKey, 4),
            MaxAttempts = Number(MaxAttemptsKey, 3),
            WorkDirectory = lookup(WorkDirectoryKey) is { Length: > 0 } w ? w : null,
        };
    }

    /// <summary>Settings from environment variables (the CLI; the Functions host exposes app settings the same way).</summary>
    public static OpsSettings FromEnvironment() => From(Environment.GetEnvironmentVariable);

    private static string Container(string key, string name) =>
        ContainerPattern().IsMatch(name) && !name.Contains("--")
            ? name
            : throw new InvalidOperationException($"Setting {key}='{name}' is not a valid container name (3-63 lower-case letters, digits, single hyphens).");

    private static string Table(string name) =>
        TablePattern().IsMatch(name) ? name : throw new InvalidOperationException($"Setting {RunsTableKey}='{name}' is not a valid table name (3-63 letters or digits, starting with a letter).");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TablePattern();
}
