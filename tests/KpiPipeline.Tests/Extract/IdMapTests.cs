using KpiPipeline.Model;

namespace KpiPipeline.Tests.Extract;

/// <summary>
/// IdMap packs short ids into its slot tags and hashes long ones; these check every kind keeps ids exact
/// (leading zeros, case, length, non-ASCII) and that codes are dense, stable and first-seen ordered.
/// </summary>
public class IdMapTests
{
    public static TheoryData<string[]> DistinctIdSets => new()
    {
        // packed ASCII (≤ 8 chars): leading zeros, case, a NUL that must not vanish into the packing
        new[] { "7", "07", "007", "0007", "a", "A", "a\0", "\0", "\0\0", "ABCDEFGH", "ABCDEFGI", "P1000000" },
        // packed digits (9–17 chars): same value, different length
        new[] { "123456789", "0123456789", "00123456789", "12345678901234567", "012345678901234567", "99999999999999999" },
        // hashed: 18+ digits, long text, non-ASCII, mixed
        new[] { "123456789012345678", "0123456789012345678", "ÄÖ", "Ä", "person-0001-abcdef", "PERSON-0001-ABCDEF", new string('x', 48), new string('x', 47) },
    };

    [Theory]
    [MemberData(nameof(DistinctIdSets))]
    public void Distinct_ids_get_distinct_dense_codes_in_first_seen_order(string[] ids)
    {
        var map = new IdMap();
        for (var i = 0; i < ids.Length; i++) Assert.Equal(i, map.GetOrAdd(ids[i].AsSpan()));
        Assert.Equal(ids.Length, map.Count);
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal(i, map.GetOrAdd(ids[i]));
            Assert.Equal(i, map.Find(ids[i]));
            Assert.Equal(ids[i], map[i]);
            Assert.Equal(ids[i], map.TextOrNull(i));
            Assert.Equal(ids[i], map.Text(i).ToString());
        }
        Assert.Equal(ids.Length, map.Count);
    }

    [Fact]
    public void Empty_and_absent_ids()
    {
        var map = new IdMap();
        Assert.Equal(IdMap.None, map.GetOrAdd(""));
        Assert.Equal(IdMap.None, map.GetOrAdd((string?)null));
        Assert.Equal(IdMap.None, map.Find("x"));
        Assert.Equal(IdMap.None, map.Find(""));
        Assert.Null(map.TextOrNull(IdMap.None));
        Assert.Equal(0, map.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => map[0]);
        map.GetOrAdd("x");
        Assert.Throws<ArgumentOutOfRangeException>(() => map[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => map[-1]);
    }

    [Fact]
    public void Many_ids_of_every_kind_survive_growth_and_stay_findable()
    {
        var map = new IdMap();
        var ids = Enumerable.Range(0, 30_000).Select(i => (i % 3) switch
        {
            0 => i.ToString("D6"),                  // packed ASCII
            1 => "1" + i.ToString("D12"),           // packed digits
            _ => "person/" + i + "/Ω",              // hashed
        }).ToArray();
        for (var i = 0; i < ids.Length; i++) Assert.Equal(i, map.GetOrAdd(ids[i]));
        // Strings asked for while the map still grows stay right.
        Assert.Equal(ids[5], map[5]);
        map.GetOrAdd("late");
        Assert.Equal("late", map[ids.Length]);
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal(i, map.Find(ids[i]));
            Assert.Equal(ids[i], map[i]);
        }
        Assert.Equal(IdMap.None, map.Find("000001x"));
        Assert.Equal(IdMap.None, map.Find("person/1/Ω "));
    }

    [Fact]
    public void Ensure_capacity_keeps_what_is_there()
    {
        var map = new IdMap();
        map.GetOrAdd("a");
        map.GetOrAdd("0123456789");
        map.EnsureCapacity(100_000);
        Assert.Equal(0, map.Find("a"));
        Assert.Equal(1, map.Find("0123456789"));
        Assert.Equal(2, map.GetOrAdd("b"));
        Assert.Equal("b", map[2]);
    }

    [Fact]
    public void Concurrent_readers_see_the_same_codes_and_text()
    {
        var map = new IdMap();
        var ids = Enumerable.Range(0, 20_000).Select(i => "id" + i).ToArray();
        foreach (var id in ids) map.GetOrAdd(id);
        Parallel.For(0, 4, t =>
        {
            for (var i = t; i < ids.Length; i += 2)
            {
                Assert.Equal(i, map.Find(ids[i]));
                Assert.Equal(ids[i], map[i]);
            }
        });
    }
}
