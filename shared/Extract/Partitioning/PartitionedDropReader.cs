using KpiPipeline.Model;

namespace KpiPipeline.Extract.Partitioning;

/// <summary>
/// Reads a drop one partition of children at a time, so memory holds one partition's model rather than the
/// whole drop's (issue 5: a national drop is ~8 GB of CSV; the model of all of it would not fit in 2 GB).
/// <para>A drop no larger than <see cref="DropReadOptions.SplitAboveBytes"/> is one partition: it is read exactly as
/// <see cref="DropReader.Read"/> reads it, with no extra pass. A larger one is first split by child into slice files
/// under a scratch folder (<see cref="DropSplitter"/>); <see cref="Read"/> then gives partition p's model, each a
/// complete drop of its children. The organisation tables (ssd_department, ssd_professionals) are read with
/// partition 0, and every later partition starts from a copy of what they gave (<see cref="OrganisationTables"/>),
/// so listed teams and workers have the same codes everywhere; ext_workforce, which is not about children, is
/// read with partition 0 too.</para>
/// <para>Each table keeps one issue log for the whole drop, so the per-rule cap and the source-row order of
/// data_quality rows cover the whole drop, and the organisation tables' issues are logged once. A partition is read
/// with its own logs (<see cref="ReadPartition"/>), so partitions after the first can be read at the same time, and
/// its logs are absorbed into the drop's in partition order (<see cref="Take"/>).</para>
/// </summary>
public sealed class PartitionedDropReader : IDisposable
{
    private readonly DropReadOptions _options;
    private readonly DropPlan _plan;
    private readonly IssueLog _dropIssues;
    private readonly Dictionary<string, IssueLog> _logs;
    private readonly IReadOnlySet<string> _present;
    private readonly IReadOnlyList<PlannedTable>[] _slices;
    private readonly string? _scratch;
    private readonly SliceDeleter? _deleter; // read slices are deleted off the read path (see SliceDeleter)
    private long _rowsIn;
    private long _rowsRejected;
    private readonly int[] _started; // 1 once a partition's read has begun
    private int _taken; // partitions whose issues and counts are in
    private volatile OrganisationTables? _organisation; // from partition 0 once taken, for the partitions after it

    private PartitionedDropReader(DropReadOptions options, DropPlan plan, IssueLog dropIssues, Dictionary<string, IssueLog> logs,
        IReadOnlyList<PlannedTable>[] slices, string? scratch, long rowsIn, long rowsRejected)
    {
        _options = options;
        _plan = plan;
        _dropIssues = dropIssues;
        _logs = logs;
        _present = plan.Tables.Select(t => t.Spec.Name).ToHashSet(StringComparer.Ordinal);
        _slices = slices;
        _scratch = scratch;
        _deleter = scratch is null ? null : new SliceDeleter();
        _rowsIn = rowsIn;
        _rowsRejected = rowsRejected;
        _started = new int[slices.Length];
    }

    /// <summary>Checks the manifest and headers and, when the drop is large, splits it (verifying every split file).</summary>
    public static PartitionedDropReader Open(string dropFolder, DropReadOptions? options = null)
    {
        options ??= DropReadOptions.Default;
        options.Validate();
        var dropIssues = new IssueLog(DropManifest.FileName, options.MaxIssuesPerRule);
        var plan = DropReader.Plan(dropFolder, dropIssues, options);
        var logs = plan.Tables.ToDictionary(t => t.Spec.Name, t => new IssueLog(t.Spec.Name, options.MaxIssuesPerRule), StringComparer.Ordinal);

        var partitions = PartitionCount(plan, options);
        if (partitions == 1) return new PartitionedDropReader(options, plan, dropIssues, logs, [plan.Tables], null, 0, 0);

        var scratch = Path.Combine(options.ScratchFolder ?? Path.GetTempPath(), $"kpi-split-{Guid.NewGuid():N}");
        try
        {
            var split = DropSplitter.Split(plan, partitions, scratch, name => logs[name], options);
            var whole = plan.Tables.Where(t => !DropSplitter.IsSplit(t.Spec)).ToList();
            var perPartition = new IReadOnlyList<PlannedTable>[partitions];
            for (var p = 0; p < partitions; p++)
                perPartition[p] = split.Slices[p].Concat(whole.Where(_ => p == 0)).OrderBy(t => t.Order).ToList();
            return new PartitionedDropReader(options, plan, dropIssues, logs, perPartition, scratch, split.RowsIn, split.RowsRejected);
        }
        catch
        {
            TryDelete(scratch);
            throw;
        }
    }

    /// <summary>One for a drop up to <see cref="DropReadOptions.SplitAboveBytes"/>; otherwise enough for each to hold about <see cref="DropReadOptions.PartitionBytes"/>.</summary>
    internal static int PartitionCount(DropPlan plan, DropReadOptions options)
    {
        var bytes = plan.Tables.Where(t => DropSplitter.IsSplit(t.Spec)).Sum(t => t.Bytes);
        var wanted = options.Partitions
                     ?? (bytes <= options.SplitAboveBytes ? 1 : (int)Math.Min(PersonPartitions.Max, (bytes + options.PartitionBytes - 1) / options.PartitionBytes));
        return Math.Clamp(wanted, 1, PersonPartitions.Max);
    }

    public int Count => _slices.Length;

    /// <summary>
    /// The large arrays of partitions' tables, handed back once a partition is computed (<see cref="CaseData.Release"/>)
    /// for the next to reuse; cleared by the caller after the last partition.
    /// </summary>
    internal ArrayRecycler Recycler { get; } = new();

    public DropManifest Manifest => _plan.Manifest;
    /// <summary>Lower-case hex SHA-256 of manifest.json (see <see cref="DropReadResult.InputSha256"/>).</summary>
    public string InputSha256 => _plan.InputSha256;
    /// <summary>Data rows in the drop (all partitions read so far, and the split pass).</summary>
    public long RowsIn => _rowsIn;
    public long RowsRejected => _rowsRejected;

    /// <summary>
    /// File name → SHA-256 of every table file checked against the manifest so far: the split tables once the drop is
    /// open, all of them once partition 0 is taken. (A file whose bytes differed would have rejected the drop.)
    /// </summary>
    public IReadOnlyDictionary<string, string> VerifiedSha256 =>
        _plan.Tables.Where(t => _taken > 0 || (_scratch is not null && DropSplitter.IsSplit(t.Spec)))
            .ToDictionary(t => t.File, t => t.Entry.Sha256, StringComparer.Ordinal);

    /// <summary>
    /// Reads partition <paramref name="partition"/>'s children into their model, with the issues found (kept apart until
    /// <see cref="Take"/>). Partition 0 is read and taken first, alone: it reads the organisation tables every later
    /// partition starts from. Later partitions may then be read at the same time as each other, each once; their
    /// slice files are deleted once read (off the read path: <see cref="SliceDeleter"/>).
    /// </summary>
    internal PartitionRead ReadPartition(int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, Count);
        if (partition > 0 && _organisation is null)
            throw new InvalidOperationException("partition 0 is read and taken before any other");
        if (Interlocked.Exchange(ref _started[partition], 1) != 0)
            throw new InvalidOperationException($"partition {partition} has already been read");

        // This partition's own issue logs, absorbed into the drop's in partition order by Take.
        var logs = _plan.Tables.ToDictionary(t => t.Spec.Name, t => new IssueLog(t.Spec.Name, _options.MaxIssuesPerRule), StringComparer.Ordinal);
        var context = new ReadContext(_options, _present, name => logs[name], _organisation, Recycler);
        var read = DropReader.ReadTables(_plan, _slices[partition], context, _options);
        long rowsIn = 0, rowsRejected = 0;
        foreach (var job in read.Jobs)
        {
            rowsRejected += job.Reader.RowsRejected;
            if (!job.Table.IsSlice) rowsIn += job.Reader.RowsIn; // a slice's rows were counted by the split pass
        }
        if (_deleter is not null)
            foreach (var slice in _slices[partition].Where(t => t.IsSlice)) _deleter.Delete(slice.Path);
        return new PartitionRead(partition, read.Data, logs, rowsIn, rowsRejected, read.Organisation);
    }

    /// <summary>
    /// Adds a read partition's issues and row counts to the drop's and gives its model. Partitions are taken in order,
    /// so data_quality rows and the per-rule cap come out as if the drop had been read partition after partition.
    /// </summary>
    internal CaseData Take(PartitionRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.Partition != _taken) throw new InvalidOperationException($"partitions are taken in order: expected {_taken}, got {read.Partition}");
        foreach (var (name, log) in read.Issues) _logs[name].Absorb(log);
        _rowsIn += read.RowsIn;
        _rowsRejected += read.RowsRejected;
        _organisation ??= read.Organisation;
        _taken++;
        return read.Data;
    }

    /// <summary>Reads and takes partition <paramref name="partition"/> (partitions one after another).</summary>
    public CaseData Read(int partition) => Take(ReadPartition(partition));

    /// <summary>Every data_quality row of the drop: the drop's own, then each table's in contract order. Call after the last partition.</summary>
    public IReadOnlyList<DataQualityIssue> Issues()
    {
        if (_taken != Count) throw new InvalidOperationException("issues are complete only after every partition is taken");
        return _dropIssues.Finish().Concat(_plan.Tables.SelectMany(t => _logs[t.Spec.Name].Finish())).ToList();
    }

    /// <summary>Reads a one-partition drop into one result (<see cref="DropReader.Read"/>).</summary>
    public DropReadResult ReadAll()
    {
        if (Count != 1) throw new InvalidOperationException($"the drop is split into {Count} partitions; read them one at a time");
        var data = Read(0);
        return new DropReadResult(data, Manifest, Issues(), InputSha256, RowsIn, RowsRejected);
    }

    public void Dispose()
    {
        _deleter?.Dispose();
        if (_scratch is not null) TryDelete(_scratch);
    }

    private static void TryDelete(string folder)
    {
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* scratch space: a leftover folder is harmless and the OS temp cleaner removes it */ }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>One partition's model and what reading it found, not yet added to the drop's totals (<see cref="PartitionedDropReader.Take"/>).</summary>
internal sealed record PartitionRead(int Partition, CaseData Data, IReadOnlyDictionary<string, IssueLog> Issues, long RowsIn, long RowsRejected,
    OrganisationTables Organisation);
