using KpiPipeline.Kpis;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Lake.Tables;
using KpiPipeline.Model;

namespace KpiPipeline.Pipeline;

/// <summary>
/// The child facts of a partitioned run, gathered partition by partition and kept until the output is built, without
/// a heap object per child: the facts (structs) in fixed-size chunks, their worker, team and manager codes recoded to
/// the whole drop's, and the person ids' text in one char buffer (a partition's person map is gone once it is merged).
/// <para>Why: held as child_snapshot row objects (a row and up to five strings each), the national run's children
/// were marked again by every forced collection between partitions (<see cref="PartitionedComputation"/>), whose
/// pauses grew from ~50 ms to ~130 ms as the list grew (65 partitions: ~2.6 s of pauses, single-threaded).</para>
/// </summary>
public sealed class ChildRowStore
{
    private const int ChunkBits = 14;
    private const int ChunkLength = 1 << ChunkBits;

    private readonly List<ChildFact[]> _chunks = [];
    private char[] _text = new char[1 << 12];
    private int _textLength;
    private int[] _starts = new int[ChunkLength + 1]; // child i's person id is _text[_starts[i].._starts[i + 1]]

    public int Count { get; private set; }

    /// <summary>
    /// Adds one partition's children: <paramref name="people"/> is the partition's person map, and its team t and
    /// worker w are the drop's <paramref name="teamMap"/>[t] and <paramref name="workerMap"/>[w].
    /// </summary>
    internal void Add(IEnumerable<ChildFact> children, IdMap people, int[] teamMap, int[] workerMap)
    {
        foreach (var child in children)
        {
            var i = Count;
            if (i >> ChunkBits == _chunks.Count) _chunks.Add(new ChildFact[ChunkLength]);
            _chunks[i >> ChunkBits][i & (ChunkLength - 1)] = child with
            {
                Person = i,
                Allocation = new Attribution(Recode(workerMap, child.Allocation.Worker), Recode(teamMap, child.Allocation.Team)),
                Manager = Recode(workerMap, child.Manager),
            };
            AppendPersonId(people.Text(child.Person));
            Count++;
        }
    }

    /// <summary>
    /// Every child's child_snapshot row, sorted by person id (ordinal, as a one-pass run sorts them); <paramref name="org"/>
    /// is the whole drop's organisation, whose codes <see cref="Add"/> recoded to.
    /// </summary>
    public List<ChildSnapshotRow> Rows(Organisation org, DateOnly snapshot)
    {
        var order = new int[Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        // Person ids are unique in a drop (a child is in one partition), so no two compare equal.
        Array.Sort(order, (a, b) => PersonId(a).SequenceCompareTo(PersonId(b)));
        var rows = new List<ChildSnapshotRow>(Count);
        foreach (var i in order)
            rows.Add(SnapshotOutputBuilder.ChildRow(_chunks[i >> ChunkBits][i & (ChunkLength - 1)], PersonId(i).ToString(), org, snapshot));
        return rows;
    }

    private ReadOnlySpan<char> PersonId(int child) => _text.AsSpan(_starts[child], _starts[child + 1] - _starts[child]);

    private static int Recode(int[] map, int code) => code == IdMap.None ? IdMap.None : map[code];

    private void AppendPersonId(ReadOnlySpan<char> id)
    {
        if (_textLength + id.Length > _text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + id.Length));
        if (Count + 2 > _starts.Length) Array.Resize(ref _starts, _starts.Length * 2);
        id.CopyTo(_text.AsSpan(_textLength));
        _textLength += id.Length;
        _starts[Count + 1] = _textLength;
    }
}
