using System.Text.Json;
using KpiPipeline.Common;

namespace KpiPipeline.Synthetic;

/// <summary>
/// Working days (Mon–Fri minus England and Wales bank holidays) used only to place synthetic
/// events at realistic working-day offsets. Deliberately internal: the pipeline's own calendar
/// (the one every KPI uses) lives elsewhere. Days are <see cref="DateOnly.DayNumber"/> values.
/// Outside the years the bank-holiday file covers only weekends are skipped, which is good
/// enough for burn-in history that never reaches a KPI window.
/// </summary>
internal sealed class GeneratorCalendar
{
    private readonly int _first;
    private readonly int[] _workingUpTo;   // working days in [_first, _first + i]
    private readonly int[] _workingDays;   // every working day in range, ascending

    private GeneratorCalendar(int first, int last, HashSet<int> holidays)
    {
        _first = first;
        _workingUpTo = new int[last - first + 1];
        var list = new List<int>(_workingUpTo.Length);
        var count = 0;
        for (var d = first; d <= last; d++)
        {
            var dow = DateOnly.FromDayNumber(d).DayOfWeek;
            if (dow != DayOfWeek.Saturday && dow != DayOfWeek.Sunday && !holidays.Contains(d))
            {
                count++;
                list.Add(d);
            }
            _workingUpTo[d - first] = count;
        }
        _workingDays = list.ToArray();
    }

    public int LastDay => _first + _workingUpTo.Length - 1;

    /// <summary>The calendar for [first, last] with bank holidays from the shared reference folder.</summary>
    public static GeneratorCalendar Load(int first, int last)
    {
        var path = Path.Combine(RepoPaths.SharedReference, "reference", "calendar", "bank-holidays.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"bank holiday calendar not found at {path} (set KPI_SHARED to the reference folder)", path);
        return new GeneratorCalendar(first, last, ReadEnglandAndWales(path));
    }

    internal static HashSet<int> ReadEnglandAndWales(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        if (!doc.RootElement.TryGetProperty("england-and-wales", out var division) || !division.TryGetProperty("events", out var events))
            throw new InvalidDataException($"{path}: no england-and-wales events");
        var days = new HashSet<int>();
        foreach (var e in events.EnumerateArray())
        {
            var text = e.GetProperty("date").GetString();
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date))
                throw new InvalidDataException($"{path}: bank holiday date '{text}' is not yyyy-MM-dd");
            days.Add(date.DayNumber);
        }
        return days;
    }

    private int Clamp(int day) => Math.Clamp(day, _first, LastDay);
    public bool IsWorkingDay(int day)
    {
        var i = Clamp(day) - _first;
        return _workingUpTo[i] != (i == 0 ? 0 : _workingUpTo[i - 1]);
    }

    /// <summary>The <paramref name="n"/>-th working day after <paramref name="day"/> (n = 0 returns the day itself).</summary>
    public int AddWorkingDays(int day, int n)
    {
        if (n <= 0) return day;
        var index = _workingUpTo[Clamp(day) - _first] + n - 1;
        if (index >= _workingDays.Length) return day + n * 7 / 5; // beyond the range: an approximation is enough
        return _workingDays[index];
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (same day = 0).</summary>
    public int Between(int from, int to) => _workingUpTo[Clamp(to) - _first] - _workingUpTo[Clamp(from) - _first];

    /// <summary>The day itself when it is a working day, else the next working day.</summary>
    public int OnOrNextWorkingDay(int day) => IsWorkingDay(day) ? day : AddWorkingDays(day, 1);
}
