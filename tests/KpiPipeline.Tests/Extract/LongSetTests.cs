using KpiPipeline.Extract;
using KpiPipeline.Model;

namespace KpiPipeline.Tests.Extract;

/// <summary>The duplicate-key set: plain numbers go to a bitmap window, everything else to hashes; a key repeats either way.</summary>
public class LongSetTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("7", 7L)]
    [InlineData("1234567890", 1234567890L)]
    [InlineData("999999999999999999", 999999999999999999L)]
    [InlineData("", -1L)]
    [InlineData("07", -1L)]   // leading zero: a different key from "7"
    [InlineData("00", -1L)]
    [InlineData("-7", -1L)]
    [InlineData("+7", -1L)]
    [InlineData("7 ", -1L)]
    [InlineData("1e3", -1L)]
    [InlineData("1000000000000000000", -1L)] // 19 digits
    [InlineData("٣", -1L)] // an Arabic-Indic digit is not a plain number
    public void Plain_numbers(string text, long expected) => Assert.Equal(expected, LongSet.PlainNumber(text));

    [Fact]
    public void Plain_numbers_repeat_inside_and_outside_the_window()
    {
        var set = new LongSet(100);
        foreach (var n in new long[] { 1, 2, 3, 65_000, 500_000_000, 999_999_999_999_999_999 })
        {
            var text = n.ToString();
            Assert.True(set.AddNumber(n, text), text);
            Assert.False(set.AddNumber(n, text), text);
        }
        Assert.True(set.AddNumber(4, "4"));
    }

    [Fact]
    public void Window_starts_around_the_first_number()
    {
        var set = new LongSet(1_000);
        Assert.True(set.AddNumber(10_000_000, "10000000"));
        for (var n = 10_000_001L; n < 10_002_000; n++) Assert.True(set.AddNumber(n, n.ToString()));
        for (var n = 9_999_000L; n < 10_000_000; n++) Assert.True(set.AddNumber(n, n.ToString())); // below the first
        for (var n = 9_999_000L; n < 10_002_000; n++) Assert.False(set.AddNumber(n, n.ToString()));
    }

    [Fact]
    public void A_slice_of_a_table_finds_repeats_across_the_whole_tables_numbering()
    {
        // A partition slice holds every 50th key of a 1,000,000-row table: 20,000 keys spread over all the numbers.
        var set = new LongSet(20_000, numberedRows: 1_000_000);
        for (var n = 7L; n <= 1_000_000; n += 50) Assert.True(set.AddNumber(n, n.ToString()));
        for (var n = 7L; n <= 1_000_000; n += 50) Assert.False(set.AddNumber(n, n.ToString()));
        Assert.True(set.AddNumber(8, "8"));
    }

    [Theory]
    [InlineData("12", 12L)]
    [InlineData("012", -1L)]
    [InlineData("1a", -1L)]
    [InlineData("", -1L)]
    public void Plain_numbers_read_the_same_from_UTF8(string text, long expected) =>
        Assert.Equal(expected, LongSet.PlainNumber(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Hashed_keys_still_work_and_grow()
    {
        var set = new LongSet(4);
        for (var i = 0; i < 10_000; i++) Assert.True(set.Add(LinkKey.Of("k" + i)));
        for (var i = 0; i < 10_000; i++) Assert.False(set.Add(LinkKey.Of("k" + i)));
        Assert.Equal(10_000, set.Count);
    }
}
