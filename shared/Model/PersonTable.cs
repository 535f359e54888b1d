namespace KpiPipeline.Model;

/// <summary>
/// One table's rows grouped by child: rows sorted by (person, OrderDay) with an offsets index, so
/// <see cref="For"/> returns a child's rows as a span in O(1). Built once per drop (counting sort),
/// then every KPI is computed from these groups in a single pass over children.
/// </summary>
public sealed class PersonTable<T> where T : struct, IPersonRow
{
    private T[] _rows;
    private int _count;
    private int[] _offsets; // _offsets[p].._offsets[p + 1] are person p's rows, for p < _people
    private int _people;
    private readonly ArrayRecycler? _recycler;

    internal PersonTable(T[] rows, int count, int[] offsets, int people, ArrayRecycler? recycler = null)
    {
        _rows = rows;
        _count = count;
        _offsets = offsets;
        _people = people;
        _recycler = recycler;
    }

    /// <summary>A table with no rows (every child's span is empty).</summary>
    public static PersonTable<T> Empty(int people) => new([], 0, [], 0);

    public int RowCount => _count;

    public ReadOnlySpan<T> For(int person) =>
        (uint)person < (uint)_people
            ? new ReadOnlySpan<T>(_rows, _offsets[person], _offsets[person + 1] - _offsets[person])
            : ReadOnlySpan<T>.Empty;

    public ReadOnlySpan<T> All => new(_rows, 0, _count);

    /// <summary>
    /// Hands the table's arrays back to the recycler it was built with, for the next partition; the table is empty
    /// afterwards. Only for a model nothing reads any more (a computed partition).
    /// </summary>
    internal void Release()
    {
        if (_recycler is null) return;
        _recycler.Return(_rows);
        _recycler.Return(_offsets);
        _rows = [];
        _offsets = [];
        _count = 0;
        _people = 0;
    }
}

/// <summary>Collects rows as they are parsed; <see cref="Build"/> groups them by person.</summary>
public sealed class PersonTableBuilder<T> where T : struct, IPersonRow
{
    private readonly ArrayRecycler? _recycler;
    private T[] _rows;
    private int _count;

    /// <summary>
    /// <paramref name="capacity"/>: expected row count (the extract reader passes the manifest's), so a big table
    /// is allocated once instead of doubling its way up through copies. With a <paramref name="recycler"/>, the
    /// builder's arrays and the table's come from it (see <see cref="PersonTable{T}.Release"/>).
    /// </summary>
    public PersonTableBuilder(int capacity = 1024, ArrayRecycler? recycler = null)
    {
        _recycler = recycler;
        _rows = Rent<T>(Math.Max(capacity, 16));
    }

    public int Count => _count;

    public void Add(in T row)
    {
        if (_count == _rows.Length)
        {
            var bigger = Rent<T>(_rows.Length * 2);
            _rows.AsSpan(0, _count).CopyTo(bigger);
            _recycler?.Return(_rows);
            _rows = bigger;
        }
        _rows[_count++] = row;
    }

    /// <summary>Groups by person with a stable counting sort, then orders each child's rows by OrderDay.</summary>
    public PersonTable<T> Build(int people)
    {
        var offsets = Rent<int>(people + 1);
        Array.Clear(offsets, 0, people + 1); // a recycled array holds old counts
        for (var i = 0; i < _count; i++) offsets[_rows[i].Person + 1]++;
        for (var p = 0; p < people; p++) offsets[p + 1] += offsets[p];
        var next = Rent<int>(people + 1);
        offsets.AsSpan(0, people + 1).CopyTo(next);
        var sorted = Rent<T>(_count);
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
        _recycler?.Return(next);
        _recycler?.Return(_rows);
        var table = new PersonTable<T>(sorted, _count, offsets, people, _recycler);
        _rows = [];
        _count = 0;
        return table;
    }

    private TArray[] Rent<TArray>(int length) => _recycler?.Rent<TArray>(length) ?? new TArray[length];

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
