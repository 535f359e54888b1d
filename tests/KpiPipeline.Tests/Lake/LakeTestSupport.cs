using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using DuckDB.NET.Data;
using KpiPipeline.Lake;
using KpiPipeline.Lake.Tables;

namespace KpiPipeline.Tests.Lake;

/// <summary>A folder lake in a fresh temp folder, deleted on dispose.</summary>
public sealed class TempLake : IDisposable
{
    public TempLake()
    {
        Root = Path.Combine(Path.GetTempPath(), "kpi-lake-tests", Guid.NewGuid().ToString("N"));
        Store = new FolderLakeStore(Root);
    }

    public string Root { get; }
    public FolderLakeStore Store { get; }

    /// <summary>The root with '/' separators, for DuckDB globs.</summary>
    public string Glob(string relative) => Root.Replace('\\', '/') + "/" + relative;

    /// <summary>Every file under the root (temp files included), relative, sorted.</summary>
    public IReadOnlyList<string> AllFiles() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// Wraps a lake and injects faults: the Nth write throws before writing (FailOnWrite), writes whose
/// path matches a predicate land and then throw (a lost response), and deletes can be made to fail.
/// </summary>
public sealed class FaultyLakeStore(ILakeStore inner) : ILakeStore
{
    private int _writes;
    private readonly ConcurrentQueue<string> _writtenPaths = new();

    // The publisher stages tables on two threads, so the count must not lose an increment: a lost one
    // once skipped the write a test meant to fail, and the publish went through.
    public int? FailOnWrite { get; init; }
    public Func<string, bool>? ThrowAfterWriting { get; init; }
    public bool FailDeletes { get; init; }
    public IReadOnlyList<string> WrittenPaths => [.. _writtenPaths];

    public string Describe() => "faulty:" + inner.Describe();

    public async Task WriteAsync(string path, Stream content, CancellationToken ct = default)
    {
        var write = Interlocked.Increment(ref _writes);
        if (write == FailOnWrite) throw new IOException($"Injected failure on write {write} ({path}).");
        await inner.WriteAsync(path, content, ct);
        _writtenPaths.Enqueue(path);
        if (ThrowAfterWriting?.Invoke(path) == true) throw new IOException($"Injected lost response after writing {path}.");
    }

    public Task<Stream?> OpenReadAsync(string path, CancellationToken ct = default) => inner.OpenReadAsync(path, ct);
    public Task<bool> ExistsAsync(string path, CancellationToken ct = default) => inner.ExistsAsync(path, ct);
    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken ct = default) => inner.ListAsync(prefix, ct);

    public Task DeleteAsync(string path, CancellationToken ct = default) =>
        FailDeletes ? throw new IOException($"Injected delete failure ({path}).") : inner.DeleteAsync(path, ct);
}

/// <summary>Small DuckDB helpers over an in-memory database.</summary>
public sealed class Duck : IDisposable
{
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public Duck()
    {
        _connection.Open();
    }

    /// <summary>Column name and DuckDB type of a query's result.</summary>
    public List<(string Name, string Type)> Describe(string sql) =>
        Rows("DESCRIBE " + sql).Select(r => ((string)r[0]!, (string)r[1]!)).ToList();

    public List<object?[]> Rows(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public object? Scalar(string sql) => Rows(sql).Single()[0];

    public void Dispose() => _connection.Dispose();
}

/// <summary>Reflection over the row classes: Parquet column name → property, in declaration order.</summary>
public static class RowColumns
{
    public static IReadOnlyList<(string Column, PropertyInfo Property)> Of(Type rowType) =>
        rowType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, p))
            .ToList();

    /// <summary>The DuckDB type each CLR property type must come back as.</summary>
    public static string ExpectedDuckType(Type clr) => (Nullable.GetUnderlyingType(clr) ?? clr) switch
    {
        var t when t == typeof(string) => "VARCHAR",
        var t when t == typeof(DateOnly) => "DATE",
        var t when t == typeof(DateTime) => "TIMESTAMP WITH TIME ZONE",
        var t when t == typeof(bool) => "BOOLEAN",
        var t when t == typeof(int) => "INTEGER",
        var t when t == typeof(long) => "BIGINT",
        var t when t == typeof(double) => "DOUBLE",
        var t => throw new NotSupportedException($"No lake mapping for {t}."),
    };

    /// <summary>A value as text, so a CLR value and the value DuckDB returns for it compare equal.</summary>
    public static string Canonical(object? value) => value switch
    {
        null or DBNull => "NULL",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
        DateTime t when t.Kind == DateTimeKind.Utc => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) // a DATE returned as DateTime
            : throw new InvalidOperationException($"Timestamp {t:o} came back without a UTC offset."),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}

/// <summary>A complete, small snapshot with values and nulls in every kind of column.</summary>
public static class SampleSnapshot
{
    public const string La = "343";
    public static readonly DateOnly Date = new(2023, 5, 31);

    /// <param name="variant">Changes values so a second publication differs from the first.</param>
    public static SnapshotOutput Build(string la = La, DateOnly? date = null, int variant = 0)
    {
        var d = date ?? Date;
        return new SnapshotOutput
        {
            LaCode = la,
            SnapshotDate = d,
            Kpi =
            [
                new KpiRow
                {
                    LaCode = la, SnapshotDate = d, KpiId = "cp_visited_20wd", Breakdown = KpiRow.Breakdowns.La, BreakdownKey = la,
                    BreakdownName = "Sefton", Numerator = 180 + variant, Denominator = 200, Value = (180.0 + variant) / 200 * 100,
                    Unit = "%", Polarity = "high", PreviousValue = 88.5, Direction = "up", SnAverage = 91.25, SnCount = 10,
                    SnModel = "2025", BenchmarkYear = 2023, LaPublishedValue = 89.1, EnglandValue = 90.2, RegionValue = 91.0,
                    QuartileBand = "B", RagStatus = 2, KpiName = "CP with a visit in last 20 working days", Category = "Timeliness",
                    Target = 95, LaRank = 40, Improving = true, Note = null,
                },
                new KpiRow
                {
                    LaCode = la, SnapshotDate = d, KpiId = "cp_visited_20wd", Breakdown = KpiRow.Breakdowns.Team, BreakdownKey = "T1",
                    BreakdownName = "Locality North", Numerator = 0, Denominator = 0, Value = null, Unit = "%", Polarity = "high",
                    Note = "denominator is 0",
                },
                new KpiRow { LaCode = la, SnapshotDate = d, KpiId = "contacts_12m", Breakdown = KpiRow.Breakdowns.La, BreakdownKey = la, Value = 5321 + variant, Unit = "count" },
            ],
            KpiTrend =
            [
                new KpiTrendRow { LaCode = la, SnapshotDate = d, KpiId = "contacts_12m", Breakdown = "la", BreakdownKey = la, AsAtDate = new DateOnly(2023, 4, 30), Value = 5200 },
                new KpiTrendRow { LaCode = la, SnapshotDate = d, KpiId = "cp_visited_20wd", Breakdown = "la", BreakdownKey = la, AsAtDate = new DateOnly(2023, 4, 30), Value = null, Numerator = 0, Denominator = 0 },
            ],
            ChildSnapshot =
            [
                new ChildSnapshotRow
                {
                    LaCode = la, SnapshotDate = d, PersonId = "P000123", Cohort = ChildSnapshotRow.Cohorts.Cp, WorkerId = "W1", TeamId = "T1",
                    Service = "Children in Need", ManagerId = "W9", CohortStartDate = new DateOnly(2023, 1, 10), LastVisitDate = new DateOnly(2023, 5, 2),
                    NextVisitDueDate = new DateOnly(2023, 5, 30), VisitOverdue = true, WorkingDaysOverdue = 1, AssessmentStartDate = null,
                    AssessmentDueDate = null, AssessmentWorkingDaysElapsed = null, LastSupervisionDate = new DateOnly(2023, 5, 1),
                    SupervisionOverdue = false, LastOversightDate = null, OversightOverdue = true, Placements12m = null, SocialWorkers12m = 2 + variant,
                    CohortLengthDays = 141, CpPlanStartDate = new DateOnly(2023, 1, 10), CpPlanLengthDays = 141,
                },
                new ChildSnapshotRow { LaCode = la, SnapshotDate = d, PersonId = "P000456", Cohort = ChildSnapshotRow.Cohorts.Assessment },
            ],
            DimWorker =
            [
                new DimWorkerRow { WorkerId = "W1", Name = "Worker One", Email = "w1@example.org", TeamId = "T1", ManagerId = "W9", Agency = false, LaCode = la, SnapshotDate = d },
                new DimWorkerRow { WorkerId = "W2", LaCode = la, SnapshotDate = d },
            ],
            DimTeam = [new DimTeamRow { TeamId = "T1", TeamName = "Locality North", Service = "Children in Need", LaCode = la, SnapshotDate = d }],
            DimKpi =
            [
                new DimKpiRow { KpiId = "contacts_12m", Name = "Contacts in last 12 months", Category = "Demand", Unit = "count", Polarity = null, Definition = "ssd_contacts with contact date in window", LaitCode = null, LaCode = la, SnapshotDate = d },
                new DimKpiRow { KpiId = "cp_visited_20wd", Name = "CP with a visit in last 20 working days", Category = "Timeliness", Unit = "%", Polarity = "high", LaitCode = null, LaCode = la, SnapshotDate = d },
            ],
            DimDate = [DimDateRow.For(la, d, d.AddDays(-1), isWorkingDay: true), DimDateRow.For(la, d, d, isWorkingDay: true)],
            DataQuality =
            [
                new DataQualityRow { LaCode = la, SnapshotDate = d, Table = "ssd_person", SourceRow = 17, RecordId = "P000789", Rule = "required", Severity = "error", Message = "person_id is empty", Column = "person_id", SourceFile = "ssd_person.csv" },
                new DataQualityRow { LaCode = la, SnapshotDate = d, Table = "ssd_contacts", Rule = "date_order", Severity = "warning" },
            ],
        };
    }

    /// <summary>Every table of <paramref name="output"/> with its rows, by table name.</summary>
    public static IReadOnlyDictionary<string, (Type RowType, IReadOnlyList<object> Rows)> Tables(SnapshotOutput output) =>
        new Dictionary<string, (Type, IReadOnlyList<object>)>
        {
            [LakeTables.Kpi] = (typeof(KpiRow), output.Kpi),
            [LakeTables.KpiTrend] = (typeof(KpiTrendRow), output.KpiTrend),
            [LakeTables.ChildSnapshot] = (typeof(ChildSnapshotRow), output.ChildSnapshot),
            [LakeTables.DimWorker] = (typeof(DimWorkerRow), output.DimWorker),
            [LakeTables.DimTeam] = (typeof(DimTeamRow), output.DimTeam),
            [LakeTables.DimKpi] = (typeof(DimKpiRow), output.DimKpi),
            [LakeTables.DimDate] = (typeof(DimDateRow), output.DimDate),
            [LakeTables.DataQuality] = (typeof(DataQualityRow), output.DataQuality),
        };
}
