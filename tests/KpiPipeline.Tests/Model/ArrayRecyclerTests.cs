using KpiPipeline.Model;

namespace KpiPipeline.Tests.Model;

public sealed class ArrayRecyclerTests
{
    private const int Large = 50_000; // 200 KB of ints: over the large-object threshold

    [Fact]
    public void A_returned_array_is_rented_again_for_any_length_it_can_hold()
    {
        var recycler = new ArrayRecycler();
        var first = recycler.Rent<int>(Large);
        Assert.True(first.Length >= Large);
        recycler.Return(first);

        Assert.Same(first, recycler.Rent<int>(Large - 1000));
        Assert.Equal(0, recycler.Kept);
        Assert.NotSame(first, recycler.Rent<int>(Large)); // taken: a new one
    }

    [Fact]
    public void A_longer_request_gets_a_new_array_with_room_to_spare()
    {
        var recycler = new ArrayRecycler();
        recycler.Return(recycler.Rent<int>(Large));
        var longer = recycler.Rent<int>(2 * Large);
        Assert.True(longer.Length >= 2 * Large + Large / 4);
        Assert.Equal(1, recycler.Kept); // the short one waits for a request it fits
    }

    [Fact]
    public void Small_arrays_are_neither_padded_nor_kept()
    {
        var recycler = new ArrayRecycler();
        var small = recycler.Rent<int>(100);
        Assert.Equal(100, small.Length);
        recycler.Return(small);
        Assert.Equal(0, recycler.Kept);
    }

    [Fact]
    public void Only_the_largest_few_are_kept_per_type_and_clear_lets_go_of_them()
    {
        var recycler = new ArrayRecycler();
        var arrays = Enumerable.Range(1, ArrayRecycler.KeptPerType + 2).Select(i => new int[Large * i]).ToList();
        foreach (var a in arrays) recycler.Return(a);
        recycler.Return(new long[Large]);

        Assert.Equal(ArrayRecycler.KeptPerType + 1, recycler.Kept);
        Assert.Same(arrays[2], recycler.Rent<int>(Large)); // the two smallest ints were let go: the smallest left fits
        recycler.Clear();
        Assert.Equal(0, recycler.Kept);
    }

    [Fact]
    public void Arrays_holding_references_are_cleared_when_returned()
    {
        var recycler = new ArrayRecycler();
        var strings = recycler.Rent<string?>(Large);
        strings[7] = "pers_person_id";
        recycler.Return(strings);
        Assert.Null(recycler.Rent<string?>(Large)[7]);
    }

    [Fact]
    public void A_table_built_on_recycled_arrays_shows_only_its_own_rows()
    {
        var recycler = new ArrayRecycler();
        var day = new DateOnly(2023, 1, 1);
        // A big first partition: 30,000 children with one visit each.
        var big = new PersonTableBuilder<VisitRecord>(30_000, recycler);
        for (var i = 0; i < 30_000; i++) big.Add(new VisitRecord(i, day.AddDays(i % 300), true));
        var first = big.Build(30_000);
        Assert.Single(first.For(29_999).ToArray());
        first.Release();
        Assert.Equal(0, first.RowCount);
        Assert.True(first.For(29_999).IsEmpty);
        Assert.True(recycler.Kept >= 2);

        // A smaller second partition (10,000 rows, 25,000 children) gets those arrays back, stale contents and all:
        // children 0-4,999 have two visits each, out of date order; the others none.
        var small = new PersonTableBuilder<VisitRecord>(10_000, recycler);
        for (var i = 0; i < 5_000; i++) small.Add(new VisitRecord(i, day.AddDays(10), false));
        for (var i = 0; i < 5_000; i++) small.Add(new VisitRecord(i, day.AddDays(5), null));
        var second = small.Build(25_000);

        Assert.Equal(10_000, second.RowCount);
        Assert.Equal(10_000, second.All.Length);
        Assert.Equal([new VisitRecord(4_999, day.AddDays(5), null), new VisitRecord(4_999, day.AddDays(10), false)], second.For(4_999).ToArray());
        Assert.True(second.For(5_000).IsEmpty);   // the first partition's index said one row here
        Assert.True(second.For(24_999).IsEmpty);
        Assert.True(second.For(25_000).IsEmpty);  // beyond its children, though the recycled index is longer
        Assert.True(second.For(-1).IsEmpty);
    }
}
