using BenchmarkDotNet.Attributes;
using KpiPipeline.Benchmarks;
using KpiPipeline.Calendar;
using KpiPipeline.Extract.Csv;
using KpiPipeline.Extract.Partitioning;
using KpiPipeline.Model;

namespace KpiPipeline.MicroBenchmarks;

/// <summary>Date fields as the drop writes them: ISO dates and ISO date-times, parsed from spans.</summary>
[MemoryDiagnoser]
public class CsvDateParsing
{
    private string[] _dates = [];
    private string[] _dateTimes = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var start = new DateOnly(2017, 1, 1);
        _dates = Enumerable.Range(0, 1024).Select(_ => start.AddDays(random.Next(0, 2500)).ToString("yyyy-MM-dd")).ToArray();
        _dateTimes = _dates.Select(d => d + "T" + random.Next(0, 24).ToString("00") + ":" + random.Next(0, 60).ToString("00") + ":00").ToArray();
    }

    [Benchmark(OperationsPerInvoke = 1024)]
    public int Date()
    {
        var sum = 0;
        foreach (var s in _dates) if (CsvValues.TryParseDate(s, out var d)) sum += d.DayNumber;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 1024)]
    public long DateTime()
    {
        long sum = 0;
        foreach (var s in _dateTimes) if (CsvValues.TryParseDateTime(s, out var d)) sum += d.Ticks;
        return sum;
    }
}

/// <summary>
/// The split pass's byte scanner over 100,000 contacts-like rows (a quoted JSON field after the wanted ones), finding
/// the child and key fields of each record: the time per row of the split's scan, without I/O.
/// </summary>
public class SplitScanning
{
    private const int Rows = 100_000;
    private byte[] _csv = [];

    [GlobalSetup]
    public void Setup()
    {
        var text = new System.Text.StringBuilder("cont_contact_id,cont_person_id,cont_contact_date,cont_contact_source_code,cont_contact_outcome_json,cont_decision_date\n");
        for (var i = 1; i <= Rows; i++)
            text.Append(i).Append(",00").Append(3000 + i % 997).Append(",2019-06-09T15:09:18,3B,")
                .Append("\"{\"\"NEW_REFERRAL_FLAG\"\":\"\"N\"\",\"\"NFA_FLAG\"\":\"\"Y\"\"}\",2019-06-12T05:17:19\n");
        _csv = System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long ScanRow()
    {
        var scanner = new CsvRecordScanner(new MemoryStream(_csv), [1, 0]);
        long sum = 0;
        while (scanner.MoveNext()) sum += scanner.Field(0).Length + scanner.Field(1).Length;
        return sum;
    }
}

/// <summary>Working days between two dates (the timeliness KPIs' core arithmetic), and the due date of a timescale.</summary>
public class WorkingDays
{
    private WorkingDayCalendar _calendar = null!;
    private (DateOnly Start, DateOnly End)[] _pairs = [];

    [GlobalSetup]
    public void Setup()
    {
        _calendar = WorkingDayCalendar.FromHolidays(ReferencePack.LoadEmbedded().BankHolidays);
        var random = new Random(1);
        var start = new DateOnly(2018, 1, 1);
        _pairs = Enumerable.Range(0, 1024).Select(_ =>
        {
            var a = start.AddDays(random.Next(0, 1800));
            return (a, a.AddDays(random.Next(0, 120)));
        }).ToArray();
    }

    [Benchmark(OperationsPerInvoke = 1024)]
    public int Between()
    {
        var sum = 0;
        foreach (var (s, e) in _pairs) sum += _calendar.Between(s, e);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 1024)]
    public int AddWorkingDays()
    {
        var sum = 0;
        foreach (var (s, _) in _pairs) sum += _calendar.AddWorkingDays(s, 20).DayNumber;
        return sum;
    }
}

/// <summary>
/// Person ids to dense int codes (IdMap), as every fact row does: mostly look-ups of ids already seen,
/// straight from the CSV field span, without allocating a string. Kinds: "P1000007" (short ASCII, packed),
/// "00012345" (numeric, kept in value order), "person-…" (long, hashed); order: shuffled, or in id order as
/// an extract that lists each child's rows together reads them.
/// </summary>
[MemoryDiagnoser]
public class IdInterning
{
    private IdMap _map = null!;
    private string[] _ids = [];

    [Params("ascii", "numeric", "long")]
    public string Kind { get; set; } = "ascii";

    [Params(false, true)]
    public bool InOrder { get; set; }

    [Params(50_000, 2_000_000)]
    public int Count { get; set; } = 50_000;

    [GlobalSetup]
    public void Setup()
    {
        _map = new IdMap();
        _ids = Enumerable.Range(0, Count).Select(i => Kind switch
        {
            "numeric" => i.ToString("D8"),
            "long" => "person-" + i.ToString("D12"),
            _ => "P" + (1_000_000 + i * 7),
        }).ToArray();
        foreach (var id in _ids) _map.GetOrAdd(id.AsSpan());
        if (!InOrder) new Random(1).Shuffle(_ids);
        _ids = _ids[..Probes]; // the map holds Count ids; each invocation looks up Probes of them
    }

    private const int Probes = 50_000;

    [Benchmark(OperationsPerInvoke = Probes)]
    public int FindKnown()
    {
        var sum = 0;
        foreach (var id in _ids) sum += _map.Find(id.AsSpan());
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Probes)]
    public int GetOrAddKnown()
    {
        var sum = 0;
        foreach (var id in _ids) sum += _map.GetOrAdd(id.AsSpan());
        return sum;
    }
}
