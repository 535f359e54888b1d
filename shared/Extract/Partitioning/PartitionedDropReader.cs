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
/// <para>Each table keeps one issue log across all partitions, so the per-rule cap and the source-row order of
/// data_quality rows cover the whole drop, and the organisation tables' issues are logged once.</para>
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
    private long _rowsIn;
    private long _rowsRejected;
    private int _next;
    private OrganisationTables? _organisation; // from partition 0, for the partitions after it

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
        _rowsIn = rowsIn;
        _rowsRejected = rowsRejected;
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
    public DropManifest Manifest => _plan.Manifest;
    /// <summary>Lower-case hex SHA-256 of manifest.json (see <see cref="DropReadResult.InputSha256"/>).</summary>
    public string InputSha256 => _plan.InputSha256;
    /// <summary>Data rows in the drop (all partitions read so far, and the split pass).</summary>
    public long RowsIn => _rowsIn;
    public long RowsRejected => _rowsRejected;

    /// <summary>
    /// File name → SHA-256 of every table file checked against the manifest so far: the split tables once the drop is
    /// open, all of them once partition 0 is read. (A file whose bytes differed would have rejected the drop.)
    /// </summary>
    public IReadOnlyDictionary<string, string> VerifiedSha256 =>
        _plan.Tables.Where(t => _next > 0 || (_scratch is not null && DropSplitter.IsSplit(t.Spec)))
            .ToDictionary(t => t.File, t => t.Entry.Sha256, StringComparer.Ordinal);

    /// <summary>
    /// The model of partition <paramref name="partition"/>'s children; partitions are read in order, once each.
    /// Its slice files are deleted once read.
    /// </summary>
    public CaseData Read(int partition)
    {
        if (partition != _next) throw new InvalidOperationException($"partitions are read in order: expected {_next}, got {partition}");
        _next++;
        var context = new ReadContext(_options, _present, name => _logs[name], _organisation);
        var read = DropReader.ReadTables(_plan, _slices[partition], context, _options);
        _organisation ??= read.Organisation;
        foreach (var job in read.Jobs)
        {
            if (job.Table.IsSlice)
            {
                _rowsRejected += job.Reader.RowsRejected; // its rows were counted by the split pass
                continue;
            }
            _rowsIn += job.Reader.RowsIn;
            _rowsRejected += job.Reader.RowsRejected;
        }
        if (_scratch is not null)
            foreach (var slice in _slices[partition].Where(t => t.IsSlice)) TryDeleteFile(slice.Path);
        return read.Data;
    }

    /// <summary>Every data_quality row of the drop: the drop's own, then each table's in contract order. Call after the last partition.</summary>
    public IReadOnlyList<DataQualityIssue> Issues()
    {
        if (_next != Count) throw new InvalidOperationException("issues are complete only after every partition is read");
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
        if (_scratch is not null) TryDelete(_scratch);
    }

    private static void TryDelete(string folder)
    {
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* scratch space: a leftover folder is harmless and the OS temp cleaner removes it */ }
        catch (UnauthorizedAccessException) { }
    }

    private static void TryDeleteFile(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
