using System.Globalization;

namespace KpiPipeline.Cli.Bench;

/// <summary>
/// CPU time the hypervisor gave to other guests ("steal", Linux <c>/proc/stat</c>), for the whole machine: every
/// core together, in seconds.
/// <para>Why: the benchmark runs on a shared virtual machine, where the same code's national time moved by 10% from
/// one day to the next. Measured on such a day, 31–35 core-seconds were stolen during one national run of A
/// (docs/performance.md, seventh round). Printed beside each side's times so a slow day can be told from slow code.</para>
/// </summary>
public static class CpuSteal
{
    private const string ProcStat = "/proc/stat";
    private const double TicksPerSecond = 100; // USER_HZ, which /proc/stat counts in: 100 on every Linux architecture .NET runs on

    /// <summary>Stolen core-seconds since boot, or null where the machine does not say (not Linux, or an old kernel).</summary>
    public static double? Total()
    {
        if (!File.Exists(ProcStat)) return null;
        using var reader = new StreamReader(ProcStat);
        return Parse(reader.ReadLine());
    }

    /// <summary>The steal field (the 8th number) of the aggregate "cpu" line of /proc/stat, in seconds.</summary>
    public static double? Parse(string? cpuLine)
    {
        var fields = cpuLine?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is null || fields.Length < 9 || fields[0] != "cpu") return null;
        return long.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks / TicksPerSecond : null;
    }
}
