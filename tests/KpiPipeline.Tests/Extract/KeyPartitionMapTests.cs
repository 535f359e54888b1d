using System.Text;
using KpiPipeline.Extract;
using KpiPipeline.Extract.Partitioning;

namespace KpiPipeline.Tests.Extract;

/// <summary>The split pass's key → partition map: the first row with a key decides where every later row with it goes.</summary>
public sealed class KeyPartitionMapTests
{
    private static long Hash(string key) => PersonPartitions.IdHash(Encoding.UTF8.GetBytes(key));
    private static long Number(string key) => LongSet.PlainNumber(Encoding.UTF8.GetBytes(key));

    private static int Route(KeyPartitionMap map, string key, int partition) => map.GetOrAdd(Number(key), Hash(key), partition);

    [Fact]
    public void A_repeated_key_follows_its_first_row_whether_numbered_or_not()
    {
        using var map = new KeyPartitionMap(1_000);
        string[] keys = ["1", "2", "999", "C-17", "0012", "12", "9000000000"]; // "0012" and "12" are different keys
        for (var i = 0; i < keys.Length; i++) Assert.Equal(i % 5, Route(map, keys[i], i % 5));
        for (var i = 0; i < keys.Length; i++) Assert.Equal(i % 5, Route(map, keys[i], 7));
    }

    [Fact]
    public void Numbers_near_the_first_are_looked_up_by_value_and_far_ones_by_hash()
    {
        using var map = new KeyPartitionMap(100_000);
        Assert.True(map.IsCheap(5_000_000));        // the first number opens a window of 200,000 values around it
        Assert.True(map.IsCheap(5_099_999));
        Assert.True(map.IsCheap(4_900_000));
        Assert.False(map.IsCheap(5_100_000));
        Assert.False(map.IsCheap(-1));              // not a plain number

        Assert.Equal(3, Route(map, "5000001", 3));
        Assert.Equal(4, Route(map, "7000000", 4)); // outside the window: by hash
        Assert.Equal(3, Route(map, "5000001", 9));
        Assert.Equal(4, Route(map, "7000000", 9));
    }

    [Fact]
    public void Partition_zero_and_the_highest_partition_are_both_remembered()
    {
        using var map = new KeyPartitionMap(10);
        Assert.Equal(0, Route(map, "1", 0));
        Assert.Equal(PersonPartitions.Max - 1, Route(map, "2", PersonPartitions.Max - 1));
        Assert.Equal(0, Route(map, "1", 5));
        Assert.Equal(PersonPartitions.Max - 1, Route(map, "2", 5));
    }
}
