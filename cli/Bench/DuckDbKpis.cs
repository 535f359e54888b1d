using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace KpiPipeline.Cli.Bench;

/// <summary>One LA-level KPI as computed by the DuckDB side (units and conventions: kpi-catalogue.md).</summary>
public sealed record DuckKpiValue(string KpiId, double? Numerator, double? Denominator, double? Value);

/// <summary>
/// Where the time of one computation went: each phase (a table load, the cohorts, a KPI query) with its wall
/// time and the CPU time the whole process used meanwhile (DuckDB's worker threads run in-process).
/// </summary>
public sealed record DuckKpiPhase(string Name, TimeSpan Elapsed, TimeSpan ProcessCpu);

/// <summary>The KPIs of one computation and the time each phase took (for the benchmark's "what dominated the time").</summary>
public sealed record DuckKpiRun(IReadOnlyList<DuckKpiValue> Kpis, IReadOnlyList<DuckKpiPhase> Phases);

/// <summary>
/// Settings of the configurable catalogue rules. <paramref name="LongTermPlacementTypes"/> defaults to U1, U4.
/// <paramref name="FailOnInvalidValues"/>: a non-empty date, boolean, number or JSON value in no accepted
/// form fails the computation naming file, row and column (true, the default) or is read as null (false).
/// </summary>
public sealed record DuckKpiOptions(
    int VisitIntervalWorkingDays = 20,
    int SupervisionIntervalWorkingDays = 30,
    string[]? LongTermPlacementTypes = null,
    bool AssessmentTimelinessFromReferral = false,
    int DuckDbThreads = 2,
    bool FailOnInvalidValues = true);

/// <summary>
/// An independent computation of every LA-level KPI of kpi-catalogue.md with DuckDB SQL over a drop's CSV
/// files, written from the catalogue and the extract contract only. It is the "independent computation"
/// the KPI engine is checked against (issue 2) and side B of the performance benchmark (issue 5).
/// Each CSV is read once into a typed table; shared cohorts are built once; each KPI is one SQL file
/// (Bench/Sql/{kpi id}.sql, with every reading of an ambiguous definition written at its top).
/// </summary>
public static partial class DuckDbKpis
{
    private static readonly string[] DefaultLongTermPlacementTypes = ["U1", "U4"];

    /// <summary>
    /// Reads the drop's CSVs (a folder with ssd_*.csv and ext_*.csv; a table that is absent gives its KPIs a
    /// null numerator, denominator and value), computes every LA-level KPI at <paramref name="snapshotDate"/>,
    /// optionally writes them to a Parquet file, and returns them in catalogue order.
    /// </summary>
    /// <param name="bankHolidays">England &amp; Wales bank holidays; the working-day calendar covers 1 January of
    /// the first holiday's year to 31 December of the last one's, and a date outside it is an error.</param>
    /// <param name="population0to17">ONS mid-year population aged 0–17 used for the rates per 10,000.</param>
    public static IReadOnlyList<DuckKpiValue> Compute(string dropFolder, DateOnly snapshotDate,
        IReadOnlyCollection<DateOnly> bankHolidays, double population0to17, DuckKpiOptions? options = null,
        string? parquetOut = null) =>
        ComputeTimed(dropFolder, snapshotDate, bankHolidays, population0to17, options, parquetOut).Kpis;

    /// <summary>As <see cref="Compute"/>, also returning the wall and CPU time of each phase.</summary>
    public static DuckKpiRun ComputeTimed(string dropFolder, DateOnly snapshotDate,
        IReadOnlyCollection<DateOnly> bankHolidays, double population0to17, DuckKpiOptions? options = null,
        string? parquetOut = null)
    {
        ArgumentNullException.ThrowIfNull(dropFolder);
        ArgumentNullException.ThrowIfNull(bankHolidays);
        options ??= new DuckKpiOptions();
        if (!Directory.Exists(dropFolder)) throw new DirectoryNotFoundException($"Drop folder not found: {dropFolder}");
        var calendar = CalendarRange.FromHolidays(bankHolidays);
        calendar.EnsureCovers(snapshotDate, "the snapshot date");
        if (options.DuckDbThreads < 1) throw new ArgumentOutOfRangeException(nameof(options), "DuckDbThreads must be at least 1.");

        var placeholders = Placeholders(snapshotDate, calendar, bankHolidays, options);
        var tempDirectory = Path.Combine(Path.GetTempPath(), "kpi-duck-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var connection = new DuckDBConnection("DataSource=:memory:");
            connection.Open();
            DuckDropLoader.Execute(connection,
                $"SET threads = {options.DuckDbThreads}; SET preserve_insertion_order = false; " +
                $"SET temp_directory = {DuckDropLoader.Literal(tempDirectory)};");

            var phases = new PhaseClock();
            phases.Time("calendar", () =>
            {
                RunScript(connection, "_calendar.sql", placeholders);
                RunScript(connection, "_macros.sql", placeholders);
            });
            var absentTables = DuckDropLoader.LoadAll(connection, dropFolder, options.FailOnInvalidValues, phases);
            phases.Time("cohorts", () => RunScript(connection, "_cohorts.sql", placeholders));

            var results = ComputeAll(connection, placeholders, absentTables, population0to17, options, calendar, phases);
            if (parquetOut is not null) phases.Time("parquet", () => WriteParquet(connection, results, snapshotDate, parquetOut));
            return new DuckKpiRun(results, phases.Phases);
        }
        finally
        {
            if (Directory.Exists(tempDirectory)) Directory.Delete(tempDirectory, recursive: true);
        }
    }

    private static List<DuckKpiValue> ComputeAll(DuckDBConnection connection, IReadOnlyDictionary<string, string> placeholders,
        IReadOnlySet<string> absentTables, double population, DuckKpiOptions options, CalendarRange calendar, PhaseClock phases)
    {
        var results = new List<DuckKpiValue>();
        var byId = new Dictionary<string, DuckKpiValue>(StringComparer.Ordinal);
        foreach (var kpi in DuckKpiDefinitions.All(options.AssessmentTimelinessFromReferral))
        {
            DuckKpiValue value;
            if (kpi.Tables.Any(absentTables.Contains))
            {
                value = new DuckKpiValue(kpi.Id, null, null, null);
            }
            else
            {
                var (numerator, denominator) = kpi.RateOf is { } baseId
                    ? (byId[baseId].Numerator, (double?)null)
                    : phases.Time("kpi " + kpi.Id, () => QueryFraction(connection, kpi, placeholders, calendar));
                value = WithValue(kpi, numerator, denominator, population);
            }
            results.Add(value);
            byId[kpi.Id] = value;
        }
        return results;
    }

    /// <summary>Applies the catalogue's unit conventions to a numerator and denominator.</summary>
    private static DuckKpiValue WithValue(DuckKpiDefinition kpi, double? numerator, double? denominator, double population) =>
        kpi.Unit switch
        {
            DuckKpiUnit.Count => new(kpi.Id, numerator, null, numerator),
            DuckKpiUnit.RatePer10k => new(kpi.Id, numerator, population,
                numerator is { } n && population > 0 ? n / population * 10_000 : null),
            DuckKpiUnit.Percent => new(kpi.Id, numerator, denominator,
                numerator is { } n && denominator is { } d && d != 0 ? n / d * 100 : null),
            DuckKpiUnit.Ratio => new(kpi.Id, numerator, denominator,
                numerator is { } n && denominator is { } d && d != 0 ? n / d : null),
            DuckKpiUnit.PerWeekOver12Weeks => new(kpi.Id, numerator, 12, numerator is { } n ? n / 12 : null),
            _ => throw new ArgumentOutOfRangeException(nameof(kpi)),
        };

    private static (double? Numerator, double? Denominator) QueryFraction(DuckDBConnection connection, DuckKpiDefinition kpi,
        IReadOnlyDictionary<string, string> placeholders, CalendarRange calendar)
    {
        try
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = Substitute(LoadSql(kpi.SqlResource), placeholders, kpi.SqlResource);
            using var reader = cmd.ExecuteReader();
            if (!reader.Read()) throw new InvalidOperationException($"{kpi.SqlResource} returned no row.");
            return (AsDouble(reader.GetValue(reader.GetOrdinal("numerator"))),
                    AsDouble(reader.GetValue(reader.GetOrdinal("denominator"))));
        }
        catch (DuckDBException e) when (e.Message.Contains("DUCKKPI_CALENDAR", StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"KPI {kpi.Id}: a date used in a working-day count is outside the bank-holiday calendar " +
                $"({calendar.Start:yyyy-MM-dd}..{calendar.End:yyyy-MM-dd}); extend the calendar or correct the drop.", e);
        }
    }

    private static double? AsDouble(object value) =>
        value is null or DBNull ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static void WriteParquet(DuckDBConnection connection, IReadOnlyList<DuckKpiValue> results, DateOnly snapshotDate, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        DuckDropLoader.Execute(connection,
            "CREATE TABLE kpi_results (kpi_id VARCHAR, snapshot_date DATE, numerator DOUBLE, denominator DOUBLE, value DOUBLE);");
        using (var appender = connection.CreateAppender("kpi_results"))
        {
            foreach (var r in results)
            {
                var row = appender.CreateRow().AppendValue(r.KpiId).AppendValue(snapshotDate);
                row.AppendValue(r.Numerator).AppendValue(r.Denominator).AppendValue(r.Value).EndRow();
            }
        }
        DuckDropLoader.Execute(connection,
            $"COPY kpi_results TO {DuckDropLoader.Literal(Path.GetFullPath(path))} (FORMAT parquet);");
    }

    private static Dictionary<string, string> Placeholders(DateOnly snapshotDate, CalendarRange calendar,
        IReadOnlyCollection<DateOnly> bankHolidays, DuckKpiOptions options)
    {
        var longTerm = options.LongTermPlacementTypes ?? DefaultLongTermPlacementTypes;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["D"] = DateLiteral(snapshotDate),
            ["W0"] = DateLiteral(snapshotDate.AddYears(-1)),
            ["CAL_START"] = DateLiteral(calendar.Start),
            ["CAL_END"] = DateLiteral(calendar.End),
            ["HOLIDAYS"] = "[" + string.Join(", ", bankHolidays.Order().Select(d => $"'{d:yyyy-MM-dd}'")) + "]",
            ["VISIT_WD"] = options.VisitIntervalWorkingDays.ToString(CultureInfo.InvariantCulture),
            ["SUPERVISION_WD"] = options.SupervisionIntervalWorkingDays.ToString(CultureInfo.InvariantCulture),
            // Placement types are compared after trim/upper-case, as the column is loaded.
            ["LONG_TERM_TYPES"] = "CAST([" + string.Join(", ", longTerm.Select(t => DuckDropLoader.Literal(t.Trim().ToUpperInvariant()))) + "] AS VARCHAR[])",
            ["FROM_REFERRAL"] = options.AssessmentTimelinessFromReferral ? "true" : "false",
        };
    }

    private static string DateLiteral(DateOnly date) => $"DATE '{date:yyyy-MM-dd}'";

    private static void RunScript(DuckDBConnection connection, string resource, IReadOnlyDictionary<string, string> placeholders) =>
        DuckDropLoader.Execute(connection, Substitute(LoadSql(resource), placeholders, resource));

    [GeneratedRegex(@"\{\{([A-Z0-9_]+)\}\}")]
    private static partial Regex PlaceholderPattern();

    internal static string Substitute(string sql, IReadOnlyDictionary<string, string> placeholders, string resource) =>
        PlaceholderPattern().Replace(sql, m => placeholders.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"{resource}: unknown placeholder {m.Value}"));

    /// <summary>The text of an embedded SQL file (Bench/Sql/*.sql).</summary>
    internal static string LoadSql(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("DuckSql/" + fileName)
            ?? throw new InvalidOperationException($"Embedded SQL file DuckSql/{fileName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>The span of the working-day calendar: 1 January of the first holiday's year to 31 December of the last's.</summary>
internal sealed record CalendarRange(DateOnly Start, DateOnly End)
{
    public static CalendarRange FromHolidays(IReadOnlyCollection<DateOnly> bankHolidays)
    {
        if (bankHolidays.Count == 0)
            throw new ArgumentException("The bank-holiday list is empty, so no working-day calendar can be built.", nameof(bankHolidays));
        return new CalendarRange(new DateOnly(bankHolidays.Min().Year, 1, 1), new DateOnly(bankHolidays.Max().Year, 12, 31));
    }

    public void EnsureCovers(DateOnly date, string what)
    {
        if (date < Start || date > End)
            throw new ArgumentOutOfRangeException(nameof(date),
                $"{what} {date:yyyy-MM-dd} is outside the bank-holiday calendar ({Start:yyyy-MM-dd}..{End:yyyy-MM-dd}).");
    }
}

/// <summary>Collects the wall time of each named phase of a computation.</summary>
internal sealed class PhaseClock
{
    private readonly List<DuckKpiPhase> _phases = [];

    public IReadOnlyList<DuckKpiPhase> Phases => _phases;

    public void Time(string name, Action action) => Time(name, () => { action(); return 0; });

    public T Time<T>(string name, Func<T> action)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = action();
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(start);
        process.Refresh();
        _phases.Add(new DuckKpiPhase(name, elapsed, process.TotalProcessorTime - cpuStart));
        return result;
    }
}
