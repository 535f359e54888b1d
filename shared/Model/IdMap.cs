namespace KpiPipeline.Model;

/// <summary>
/// Dictionary-encodes string identifiers (person, worker, team ids) as dense ints 0..Count-1 so the
/// model holds compact structs instead of strings per row. Ids are kept exactly as written (leading
/// zeros are significant: "007" and "7" are different people). <see cref="None"/> marks an absent id.
/// </summary>
public sealed class IdMap
{
    public const int None = -1;

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIndex;
    private readonly List<string> _ids = new();

    public IdMap() => _spanIndex = _index.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _ids.Count;

    /// <summary>The original id text of an encoded id.</summary>
    public string this[int id] => _ids[id];

    /// <summary>Encodes an id, adding it when new. Empty text encodes as <see cref="None"/>.</summary>
    public int GetOrAdd(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty) return None;
        if (_spanIndex.TryGetValue(id, out var existing)) return existing;
        var text = id.ToString();
        var next = _ids.Count;
        _index.Add(text, next);
        _ids.Add(text);
        return next;
    }

    public int GetOrAdd(string? id) => id is null ? None : GetOrAdd(id.AsSpan());

    /// <summary>Looks an id up without adding it.</summary>
    public int Find(ReadOnlySpan<char> id) => !id.IsEmpty && _spanIndex.TryGetValue(id, out var v) ? v : None;

    /// <summary>Text of an encoded id, or null for <see cref="None"/>.</summary>
    public string? TextOrNull(int id) => id == None ? null : _ids[id];
}
