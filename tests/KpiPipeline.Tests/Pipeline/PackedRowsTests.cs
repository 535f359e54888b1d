using System.Reflection;
using KpiPipeline.Lake.Tables;
using KpiPipeline.Pipeline;

namespace KpiPipeline.Tests.Pipeline;

public sealed class PackedRowsTests
{
    private static readonly PropertyInfo[] Columns =
        typeof(ChildSnapshotRow).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();

    /// <summary>A row with every column set to a value derived from <paramref name="seed"/> (or every nullable one null).</summary>
    private static ChildSnapshotRow Row(int seed, bool nulls = false)
    {
        var row = new ChildSnapshotRow();
        foreach (var p in Columns)
        {
            object? value = p.PropertyType switch
            {
                var t when t == typeof(string) => p.Name == nameof(ChildSnapshotRow.PersonId) ? $"P{seed:000000}-é" : nulls && p.Name != nameof(ChildSnapshotRow.LaCode) && p.Name != nameof(ChildSnapshotRow.Cohort) ? null : $"{p.Name}{seed % 3}",
                var t when t == typeof(DateOnly) => new DateOnly(2023, 5, 31).AddDays(-seed),
                var t when t == typeof(DateOnly?) => nulls ? null : new DateOnly(2020, 1, 1).AddDays(seed + p.Name.Length),
                var t when t == typeof(int?) => nulls ? null : seed * 7 - p.Name.Length,
                var t when t == typeof(bool?) => nulls ? null : (seed + p.Name.Length) % 2 == 0,
                _ => throw new InvalidOperationException($"the test does not know {p.PropertyType.Name}: add it here and to PackedRows"),
            };
            p.SetValue(row, value);
        }
        return row;
    }

    private static object?[] Values(ChildSnapshotRow row) => Columns.Select(p => p.GetValue(row)).ToArray();

    [Fact]
    public void Every_column_of_every_row_comes_back_in_order()
    {
        // Enough rows to fill more than one 1 MiB chunk; every third row has all its nullable columns null.
        var rows = Enumerable.Range(0, 12_000).Select(i => Row(i, nulls: i % 3 == 0)).ToList();
        var packed = new PackedRows<ChildSnapshotRow>(nameof(ChildSnapshotRow.PersonId));
        foreach (var row in rows) packed.Add(row);

        var back = packed.Unpack();

        Assert.Equal(rows.Count, packed.Count);
        Assert.Equal(rows.Count, back.Count);
        for (var i = 0; i < rows.Count; i++) Assert.Equal(Values(rows[i]), Values(back[i]));
        Assert.NotSame(rows[5], back[5]);
    }

    [Fact]
    public void Nothing_packed_unpacks_to_nothing() => Assert.Empty(new PackedRows<ChildSnapshotRow>().Unpack());

    [Fact]
    public void A_unique_column_must_exist() =>
        Assert.Throws<ArgumentException>(() => new PackedRows<ChildSnapshotRow>("NoSuchColumn"));

    private sealed class WithAnUnsupportedColumn
    {
        public decimal Amount { get; set; }
    }

    [Fact]
    public void A_column_type_it_cannot_pack_is_refused_not_dropped() =>
        Assert.Throws<NotSupportedException>(() => new PackedRows<WithAnUnsupportedColumn>());
}
