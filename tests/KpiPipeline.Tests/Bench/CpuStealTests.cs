using KpiPipeline.Cli.Bench;

namespace KpiPipeline.Tests.Bench;

public sealed class CpuStealTests
{
    [Fact]
    public void Steal_is_the_eighth_number_of_the_cpu_line_in_hundredths_of_a_second()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice
        Assert.Equal(3393.28, CpuSteal.Parse("cpu  6537050 13368 1079019 3788036 474525 0 20586 339328 0 0"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cpu  1 2 3 4 5 6 7")]                       // a kernel too old to count steal
    [InlineData("cpu0 6537050 13368 1079019 3788036 474525 0 20586 339328 0 0")] // one core's line, not the machine's
    [InlineData("cpu  1 2 3 4 5 6 7 -8 0 0")]
    public void A_line_without_a_machine_steal_count_gives_none(string? line)
    {
        Assert.Null(CpuSteal.Parse(line));
    }

    [Fact]
    public void On_Linux_the_machine_says_how_much_was_stolen()
    {
        var total = CpuSteal.Total();
        if (OperatingSystem.IsLinux()) Assert.True(total >= 0, $"steal {total}");
        else Assert.Null(total);
    }
}
