using KpiPipeline.Extract.Csv;
using KpiPipeline.Extract.Readers;
using KpiPipeline.Model;

namespace KpiPipeline.Extract;

/// <summary>State shared by the table readers of one drop (or of one partition of a drop).</summary>
/// <param name="issueLogs">Where each table's issues go; by default a new log per reader. A partitioned read passes
/// the partition's own log per table, absorbed into the drop's in partition order (<see cref="Partitioning.PartitionedDropReader.Take"/>).</param>
/// <param name="organisation">The organisation tables as read for an earlier partition: this partition starts from a
/// copy of their ids instead of reading them again (the tables are then left out of its list).</param>
/// <param name="recycler">Where the tables' large arrays come from and go back to between partitions (null: plain allocation).</param>
internal sealed class ReadContext(DropReadOptions options, IReadOnlySet<string> present, Func<string, IssueLog>? issueLogs = null,
    OrganisationTables? organisation = null, ArrayRecycler? recycler = null)
{
    public ArrayRecycler? Recycler => recycler;
    public int MaxIssuesPerRule => options.MaxIssuesPerRule;
    public IssueLog IssueLogFor(string table) => issueLogs?.Invoke(table) ?? new IssueLog(table, options.MaxIssuesPerRule);
    public IReadOnlySet<string> Present => present;
    public OrganisationTables? Organisation => organisation;
    public IdMap People { get; } = new();
    public IdMap Workers { get; } = organisation?.Workers.Clone() ?? new();
    public IdMap Teams { get; } = organisation?.Teams.Clone() ?? new();
    public TeamNameIndex TeamNames { get; } = organisation?.TeamNames.Clone() ?? new();
    /// <summary>Unknown worker/team ids are only worth a warning when the table that should list them is there.</summary>
    public bool CheckWorkers => present.Contains(Tables.Professionals);
    public bool CheckTeams => present.Contains(Tables.Department);
    /// <summary>The cla episodes reader, once created: placements without a person id are placed through it.</summary>
    public ClaEpisodesReader? ClaEpisodes { get; set; }
}

/// <summary>
/// What ssd_department and ssd_professionals give every partition of a drop: the team and worker ids they list (and
/// the team names and managers they name), with codes, and the team and worker details. Taken right after those
/// tables are read, before any fact table adds the ids it alone meets.
/// </summary>
internal sealed record OrganisationTables(IdMap Workers, IdMap Teams, TeamNameIndex TeamNames, List<TeamInfo?> TeamInfos, List<WorkerInfo?> WorkerInfos);

/// <summary>
/// Reads one table's rows into the model. Subclasses declare how a row maps (<see cref="TryAccept"/>);
/// this base holds what every table needs: the header map, id scopes, the duplicate-key set, the issue log.
/// One reader runs on one thread; nothing here is shared between readers except through <see cref="IdScope"/>.
/// </summary>
internal abstract class TableReader
{
    protected TableReader(TableSpec spec, ReadContext context)
    {
        Spec = spec;
        Context = context;
        Issues = context.IssueLogFor(spec.Name);
        var direct = spec.IsDimension;
        People = new IdScope(context.People, direct);
        Workers = new IdScope(context.Workers, direct);
        Teams = new IdScope(context.Teams, direct, context.TeamNames);
    }

    public TableSpec Spec { get; }
    public ReadContext Context { get; }
    public IssueLog Issues { get; }
    public IdScope People { get; }
    public IdScope Workers { get; }
    public IdScope Teams { get; }
    public CodeInterner Codes { get; } = new();
    public CsvField Fields { get; } = new();

    /// <summary>Spec column → field position in the file (-1 when an optional column is absent).</summary>
    public int[] Map { get; private set; } = [];
    /// <summary>Key hashes seen so far, created on first use (ssd_person checks keys through its IdMap instead).</summary>
    public LongSet Keys => _keys ??= new LongSet(_expectedRows, KeyedRows, Context.Recycler);
    private LongSet? _keys;
    /// <summary>Rows of the whole table, over which its keys are numbered (a partition slice holds a spread-out share of them).</summary>
    public long KeyedRows { get; set; } = -1;
    private long _expectedRows;
    public long RowsIn { get; set; }
    public long RowsRejected { get; set; }

    /// <summary>Called once the header is mapped; <paramref name="expectedRows"/> is the manifest's count, used to size buffers.</summary>
    public virtual void Begin(int[] map, long expectedRows)
    {
        Map = map;
        _expectedRows = expectedRows;
    }

    /// <summary>Maps one data row; false when the row is rejected (an Error issue has been logged).</summary>
    public abstract bool TryAccept(ref Row row);

    /// <summary>
    /// Runs after every table is read, one table at a time in contract order: fixes provisional ids and hands
    /// over rows that waited for them. The base commits the id scopes.
    /// </summary>
    public virtual void Commit()
    {
        People.Commit();
        Workers.Commit();
        Teams.Commit();
    }

    public bool Has(int column) => Map[column] >= 0;

    // Keys first seen on a rejected row, with that row's child, until the child's first valid row with the key takes it
    // (see Row.ClaimKey): one entry per such row (rejected rows are usually few), dropped when the file is read; null
    // until the first one.
    private Dictionary<long, long>? _rejectedNumbers;
    private Dictionary<long, long>? _rejectedHashes;

    /// <summary>
    /// Claims the key of a row being rejected, for the row's child: a later row of another child with the key is then a
    /// duplicate (the duplicate-key set says so), and only <paramref name="child"/>'s first valid row may still take it
    /// (<see cref="TryTakeRejectedKey"/>). Nothing changes when an earlier row already has the key.
    /// </summary>
    public void ClaimForRejectedRow(ReadOnlySpan<char> key, long child)
    {
        key = key.Trim();
        var (number, hash) = KeyIdentity(key);
        if (!(number >= 0 ? Keys.AddNumber(number, key) : Keys.Add(hash))) return;
        var map = number >= 0 ? _rejectedNumbers ??= new() : _rejectedHashes ??= new();
        map[number >= 0 ? number : hash] = child;
    }

    /// <summary>True, once, when the key was claimed by a rejected row of <paramref name="child"/>: this row, the child's
    /// first valid one with the key, takes it.</summary>
    public bool TryTakeRejectedKey(ReadOnlySpan<char> key, long child)
    {
        var (number, hash) = KeyIdentity(key.Trim());
        var map = number >= 0 ? _rejectedNumbers : _rejectedHashes;
        var id = number >= 0 ? number : hash;
        return map is not null && map.TryGetValue(id, out var owner) && owner == child && map.Remove(id);
    }

    /// <summary>How the duplicate-key set knows a key: by its plain number, or (number −1) by its hash, as <see cref="Row.Key"/> does.</summary>
    private static (long Number, long Hash) KeyIdentity(ReadOnlySpan<char> trimmedKey)
    {
        var number = LongSet.PlainNumber(trimmedKey);
        return (number, number >= 0 ? 0 : LinkKey.Of(trimmedKey));
    }

    /// <summary>Whether a rejected row has claimed a key (if not, a duplicate need not work out its child).</summary>
    public bool HasRejectedKeys => _rejectedNumbers is not null || _rejectedHashes is not null;

    /// <summary>The file is read: the duplicate-key set is not needed any more (rows are claimed as they are read).</summary>
    public void FinishedReading()
    {
        _rejectedNumbers = _rejectedHashes = null;
        _keys?.Release();
        _keys = null;
    }
}

/// <summary>
/// A reader producing records of one struct type. Rows whose ids are all known go straight to the output;
/// rows holding a provisional id (an id the shared maps did not have yet) wait in a side list until
/// <see cref="Commit"/>, when their codes are final. Such rows are rare in a consistent drop.
/// </summary>
internal abstract class RecordReader<T>(TableSpec spec, ReadContext context) : TableReader(spec, context) where T : struct
{
    private readonly List<T> _waiting = new();

    protected abstract bool TryRead(ref Row row, out T record);
    protected abstract void Store(in T record);
    /// <summary>The record with every provisional code replaced by its final code.</summary>
    protected abstract T Finalise(in T record);

    public sealed override bool TryAccept(ref Row row)
    {
        if (!TryRead(ref row, out var record) || !row.ClaimKey()) return false;
        Keep(ref row, record);
        return true;
    }

    /// <summary>Stores an accepted record, or parks it until <see cref="Commit"/> when it holds provisional ids.</summary>
    protected virtual void Keep(ref Row row, in T record)
    {
        if (row.HasProvisionalIds) _waiting.Add(record);
        else Store(record);
    }

    public override void Commit()
    {
        base.Commit();
        foreach (var r in _waiting) Store(Finalise(r));
        _waiting.Clear();
        _waiting.TrimExcess();
    }

    protected int FinalPerson(int person) => People.Final(person);
    protected int FinalWorker(int worker) => Workers.Final(worker);
    protected int FinalTeam(int team) => Teams.Final(team);
}

/// <summary>A reader whose records belong to a child and are grouped by child into a <see cref="PersonTable{T}"/>.</summary>
internal abstract class PersonRecordReader<T>(TableSpec spec, ReadContext context) : RecordReader<T>(spec, context), IPersonTableSource
    where T : struct, IPersonRow
{
    private PersonTableBuilder<T> _builder = new(16);

    public override void Begin(int[] map, long expectedRows)
    {
        base.Begin(map, expectedRows);
        _builder = new PersonTableBuilder<T>((int)Math.Min(expectedRows, Array.MaxLength), Context.Recycler);
    }

    protected override void Store(in T record) => _builder.Add(record);

    public int RowCount => _builder.Count;

    public PersonTable<T> Build(int people) => _builder.Build(people);

    object IPersonTableSource.BuildTable(int people) => Build(people);
}

/// <summary>Lets the drop reader group every person table without knowing its record type.</summary>
internal interface IPersonTableSource
{
    object BuildTable(int people);
}

/// <summary>A reader whose records are a plain list (ext_workforce, ext_audits).</summary>
internal abstract class ListRecordReader<T>(TableSpec spec, ReadContext context) : RecordReader<T>(spec, context) where T : struct
{
    private readonly List<T> _records = new();

    public override void Begin(int[] map, long expectedRows)
    {
        base.Begin(map, expectedRows);
        _records.Capacity = (int)Math.Min(expectedRows, 1 << 20);
    }

    protected override void Store(in T record) => _records.Add(record);

    public IReadOnlyList<T> Records => _records;
}
