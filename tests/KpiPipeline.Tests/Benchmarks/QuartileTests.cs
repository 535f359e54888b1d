using KpiPipeline.Benchmarks;

namespace KpiPipeline.Tests.Benchmarks;

public class QuartileTests
{
    [Fact]
    public void Type7_quantiles_match_r()
    {
        // R: quantile(c(1, 2, 3, 4)) → 1, 1.75, 2.5, 3.25, 4
        var cuts = Quartiles.Cuts([4, 1, 3, 2])!;
        Assert.Equal(new QuartileCuts(1, 1.75, 2.5, 3.25, 4), cuts);
        // R: quantile(c(10, 20, 20, 30, 70)) → 10, 20, 20, 30, 70
        Assert.Equal(new QuartileCuts(10, 20, 20, 30, 70), Quartiles.Cuts([10, 20, 20, 30, 70]));
        Assert.Null(Quartiles.Cuts([]));
    }

    // Hand-made values with ties: 1 2 2 3 4 5 6 7 8 → R type 7 cuts 1 | 2 | 4 | 6 | 8.
    private static readonly double[] Values = [1, 2, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [InlineData(1, "A")]   // the minimum: the lowest quarter includes its lower bound
    [InlineData(2, "A")]   // on Q1 (and tied): belongs to the quarter below the cut
    [InlineData(3, "B")]
    [InlineData(4, "B")]   // on the median
    [InlineData(4.5, "C")]
    [InlineData(6, "C")]   // on Q3
    [InlineData(6.5, "D")]
    [InlineData(8, "D")]   // the maximum
    public void Low_is_good_bands_the_lowest_quarter_A(double value, string band)
    {
        var cuts = Quartiles.Cuts(Values)!;
        Assert.Equal(new QuartileCuts(1, 2, 4, 6, 8), cuts);
        Assert.Equal(band, Quartiles.Band(value, cuts, Polarity.Low));
    }

    [Theory]
    [InlineData(1, "D")]
    [InlineData(2, "D")]
    [InlineData(3, "C")]
    [InlineData(4, "C")]
    [InlineData(5, "B")]
    [InlineData(6, "B")]   // on Q3: LAIT puts it in B, not A
    [InlineData(7, "A")]
    [InlineData(8, "A")]
    public void High_is_good_bands_the_highest_quarter_A(double value, string band) =>
        Assert.Equal(band, Quartiles.Band(value, Quartiles.Cuts(Values)!, Polarity.High));

    [Fact]
    public void No_polarity_means_no_band_and_no_rank()
    {
        Assert.Null(Quartiles.Band(3, Quartiles.Cuts(Values)!, Polarity.None));
        Assert.Null(Quartiles.Rank(3, Values, Polarity.None));
    }

    [Fact]
    public void Values_outside_the_published_range_take_the_end_quarter()
    {
        var cuts = Quartiles.Cuts(Values)!;
        Assert.Equal("A", Quartiles.Band(-5, cuts, Polarity.Low));
        Assert.Equal("D", Quartiles.Band(99, cuts, Polarity.Low));
    }

    [Fact]
    public void Ties_share_the_best_rank()
    {
        double[] v = [10, 20, 20, 30];
        Assert.Equal(1, Quartiles.Rank(30, v, Polarity.High));
        Assert.Equal(2, Quartiles.Rank(20, v, Polarity.High));
        Assert.Equal(4, Quartiles.Rank(10, v, Polarity.High));
        Assert.Equal(1, Quartiles.Rank(10, v, Polarity.Low));
        Assert.Equal(2, Quartiles.Rank(20, v, Polarity.Low));
        Assert.Equal(4, Quartiles.Rank(30, v, Polarity.Low));
    }
}
