namespace KpiPipeline.Model;

/// <summary>
/// One table's rows grouped by child: rows sorted by (person, OrderDay) with an offsets index, so
/// <see cref="For"/> returns a child's rows as a span in O(1). Built once per drop (counting sort),
/// then every KPI is computed from these groups in a single pass over children.
/// </summary>
public sealed class PersonTable<T> where T : struct, IPersonRow
{
    private readonly T[] _rows;
    private readonly int[] _offsets; // length people+1

    internal PersonTable(T[] rows, int[] offsets)
    {
        _rows = rows;
        _offsets = offsets;
    }

    public static PersonTable<T> Empty(int people) => new(Array.Empty<T>(), new int[people + 1]);

    public int RowCount => _rows.Length;

    public ReadOnlySpan<T> For(int person) =>
        person + 1 < _offsets.Length
            ? new ReadOnlySpan<T>(_rows, _offsets[person], _offsets[person + 1] - _offsets[person])
            : ReadOnlySpan<T>.Empty;

    public ReadOnlySpan<T> All => _rows;
}

/// <summary>Collects rows as they are parsed; <see cref="Build"/> groups them by person.</summary>
public sealed class PersonTableBuilder<T> where T : struct, IPersonRow
{
    private T[] _rows;
    private int _count;

    /// <summary>
    /// <paramref name="capacity"/>: expected row count (the extract reader passes the manifest's), so a big table
    /// is allocated once instead of doubling its way up through copies.
    /// </summary>
    public PersonTableBuilder(int capacity = 1024) => _rows = new T[Math.Max(capacity, 16)];

    public int Count => _count;

    public void Add(in T row)
    {
        if (_count == _rows.Length) Array.Resize(ref _rows, _rows.Length * 2);
        _rows[_count++] = row;
    }

    /// <summary>Groups by person with a stable counting sort, then orders each child's rows by OrderDay.</summary>
    public PersonTable<T> Build(int people)
    {
        var offsets = new int[people + 1];
        for (var i = 0; i < _count; i++) offsets[_rows[i].Person + 1]++;
        for (var p = 0; p < people; p++) offsets[p + 1] += offsets[p];
        var next = (int[])offsets.Clone();
        var sorted = new T[_count];
        for (var i = 0; i < _count; i++) sorted[next[_rows[i].Person]++] = _rows[i];
        for (var p = 0; p < people; p++)
        {
            var len = offsets[p + 1] - offsets[p];
            if (len < 2) continue;
            var rows = new Span<T>(sorted, offsets[p], len);
            // Extracts usually list a child's rows in date order already. Skipped only when strictly increasing:
            // the sort is not stable, so with equal days its order is kept exactly as it was.
            if (!StrictlyIncreasing(rows)) rows.Sort(static (a, b) => a.OrderDay.CompareTo(b.OrderDay));
        }
        _rows = Array.Empty<T>();
        _count = 0;
        return new PersonTable<T>(sorted, offsets);
    }

    private static bool StrictlyIncreasing(ReadOnlySpan<T> rows)
    {
        var previous = rows[0].OrderDay;
        for (var i = 1; i < rows.Length; i++)
        {
            var day = rows[i].OrderDay;
            if (day <= previous) return false;
            previous = day;
        }
        return true;
    }
}
