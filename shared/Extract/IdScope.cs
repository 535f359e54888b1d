using KpiPipeline.Model;

namespace KpiPipeline.Extract;

/// <summary>
/// Resolves id text to a dense code for one table reader. IdMap is not thread-safe, so tables read in parallel
/// only <i>look up</i> the shared map (concurrent reads of a Dictionary are safe while nobody writes) and give
/// ids they do not find a provisional code (≤ -2) from a map of their own. After the parallel phase,
/// <see cref="Commit"/> runs table by table in contract order and adds those ids to the shared map, so the
/// codes are the same on every run whatever the thread timing. Direct scopes (used while the dimension
/// tables are read, before anything runs in parallel) add to the shared map at once.
/// Team ids that are not a dept_team_id may be a dept_team_name (some extracts write names): those resolve
/// through <paramref name="names"/>.
/// </summary>
internal sealed class IdScope(IdMap shared, bool direct, TeamNameIndex? names = null)
{
    private readonly IdMap? _local = direct ? null : new IdMap();
    private int[]? _committed;

    /// <summary>True when the code must be translated by <see cref="Commit"/> before it is used.</summary>
    public static bool IsProvisional(int code) => code <= -2;

    /// <summary>Code for a non-empty id; <paramref name="known"/> is false when the id was not in the shared map.</summary>
    public int Resolve(ReadOnlySpan<char> id, out bool known)
    {
        var code = shared.Find(id);
        if (code == IdMap.None && names is not null) code = names.Find(id);
        known = code != IdMap.None;
        if (known) return code;
        return _local is null ? shared.GetOrAdd(id) : -2 - _local.GetOrAdd(id);
    }

    /// <summary>Starts loading the shared map's slot for the id (see <see cref="IdMap.Prefetch"/>).</summary>
    public void Prefetch(ReadOnlySpan<char> id) => shared.Prefetch(id);

    /// <summary>Adds this scope's unknown ids to the shared map (first-seen order); call once, in contract table order.</summary>
    public void Commit()
    {
        if (_committed is not null || _local is null) return;
        var map = new int[_local.Count];
        for (var i = 0; i < map.Length; i++) map[i] = shared.GetOrAdd(_local[i]);
        _committed = map;
    }

    /// <summary>Final code for a code this scope returned (after <see cref="Commit"/>).</summary>
    public int Final(int code)
    {
        if (!IsProvisional(code)) return code;
        if (_committed is null) throw new InvalidOperationException("IdScope.Final called before Commit");
        return _committed[-2 - code];
    }
}

/// <summary>dept_team_name → team code, case-insensitive; read-only once ssd_department is loaded.</summary>
internal sealed class TeamNameIndex
{
    private readonly Dictionary<string, int> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TeamNameIndex() => _lookup = _byName.GetAlternateLookup<ReadOnlySpan<char>>();

    private TeamNameIndex(TeamNameIndex from)
    {
        _byName = new Dictionary<string, int>(from._byName, StringComparer.OrdinalIgnoreCase);
        _lookup = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>An independent copy (see <see cref="IdMap.Clone"/>).</summary>
    public TeamNameIndex Clone() => new(this);

    /// <summary>First team with the name wins (names are not keys; a later duplicate does not steal it).</summary>
    public void Add(string name, int team) => _byName.TryAdd(name, team);

    public int Find(ReadOnlySpan<char> name) => _lookup.TryGetValue(name, out var t) ? t : IdMap.None;
}
