using KpiPipeline.Benchmarks;

namespace KpiPipeline.Tests.Benchmarks;

public class RagAndDirectionTests
{
    [Theory]
    [InlineData(62.3, 57.8, Movement.Up, Trend.Improving)]
    [InlineData(57.8, 62.3, Movement.Down, Trend.Worsening)]
    [InlineData(62.34, 62.3, Movement.Same, Trend.None)]   // change below 0.05
    [InlineData(62.25, 62.3, Movement.Same, Trend.None)]
    [InlineData(62.36, 62.3, Movement.Up, Trend.Improving)] // 0.06
    public void Direction_for_high_is_good(double value, double previous, Movement movement, Trend trend) =>
        Assert.Equal(new DirectionOfTravel(movement, trend), Direction.Of(value, previous, Polarity.High));

    [Fact]
    public void Direction_follows_polarity_and_needs_both_values()
    {
        Assert.Equal(new DirectionOfTravel(Movement.Down, Trend.Improving), Direction.Of(769.2, 784.7, Polarity.Low));
        Assert.Equal(new DirectionOfTravel(Movement.Up, Trend.None), Direction.Of(4716, 4000, Polarity.None));
        Assert.Null(Direction.Of(1, null, Polarity.High));
        Assert.Null(Direction.Of(null, 1, Polarity.High));
        Assert.Equal("up", Direction.Of(2, 1, Polarity.High)!.Value.MovementText);
        Assert.Equal("improving", Direction.Of(2, 1, Polarity.High)!.Value.TrendText);
    }

    [Theory]
    // Better than the comparator → 1 (the seed's ICPC row: 88.2 against an SN average of 82.5).
    [InlineData(88.2, 90.0, "high", 82.5, 1)]
    // Worse but improving → 2 (the seed's 45-working-day assessments: 62.3, up from 57.8, against 89.2).
    [InlineData(62.3, 57.8, "high", 89.2, 2)]
    // Worse and worsening → 3 (a low-is-good rate rising while far above its comparator).
    [InlineData(375.0, 373.2, "low", 207.5, 3)]
    // Worse and unchanged (same) → 3.
    [InlineData(373.2, 373.22, "low", 207.5, 3)]
    // Equal to the comparator counts as at it → 1.
    [InlineData(63.5, 70.0, "low", 63.5, 1)]
    // Worse with no previous value → 3: improvement not shown.
    [InlineData(50.0, null, "high", 60.0, 3)]
    public void Status_against_a_comparator(double value, double? previous, string polarity, double comparator, int expected) =>
        Assert.Equal(expected, RagRules.Status(value, previous, Polarities.Parse(polarity), comparator));

    [Fact]
    public void Tolerance_widens_at_the_comparator()
    {
        Assert.Equal(3, RagRules.Status(88.9, 89.0, Polarity.High, 89.2));
        Assert.Equal(1, RagRules.Status(88.9, 89.0, Polarity.High, 89.2, tolerance: 0.5));
        Assert.Equal(1, RagRules.Status(20.4, 19.0, Polarity.Low, 20.0, tolerance: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RagRules.Status(1, 1, Polarity.Low, 1, tolerance: -1));
    }

    [Theory]
    // No comparator → direction only: improving 1, same 2, worsening 3, no previous → null.
    [InlineData(92.5, 89.8, 1)]
    [InlineData(89.8, 89.8, 2)]
    [InlineData(89.8, 92.5, 3)]
    [InlineData(89.8, null, null)]
    public void Status_without_a_comparator_follows_direction(double value, double? previous, int? expected) =>
        Assert.Equal(expected, RagRules.Status(value, previous, Polarity.High, comparator: null));

    [Fact]
    public void No_value_or_no_polarity_has_no_status()
    {
        Assert.Null(RagRules.Status(null, 1, Polarity.High, 2));
        Assert.Null(RagRules.Status(4716, 4874, Polarity.None, 4000));
    }
}
