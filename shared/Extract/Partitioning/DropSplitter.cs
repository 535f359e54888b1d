using System.Globalization;
using System.Text;
using KpiPipeline.Extract.Csv;
using KpiPipeline.Model;
using nietras.SeparatedValues;

namespace KpiPipeline.Extract.Partitioning;

/// <summary>One partition's share of every split table, and what the split pass counted.</summary>
internal sealed record SplitDrop(IReadOnlyList<PlannedTable>[] Slices, long RowsIn, long RowsRejected);

/// <summary>
/// The first pass of a partitioned read: streams every child-keyed table once and copies each row, unparsed
/// except for its child and key fields, into the slice file of its partition (<see cref="PersonPartitions"/>), so
/// each partition can then be read and computed on its own in bounded memory.
/// <para>This pass is where a split table's row count and SHA-256 are checked against the manifest (the slices
/// are not checked again), with the same one-line fatal errors as an unsplit read.</para>
/// <para>Rows that would be judged against rows of another child go where that judgement can still be made:
/// a row whose key an earlier row already has follows that row (so the duplicate-key check sees both); a placement
/// without a person id follows its period of care (clap_cla_id → the episode's child). A period-of-care id shared
/// by children in different partitions is reported here, as the episodes reader would within one partition.</para>
/// <para>Slice format: the original header and rows, each prefixed by a <c>_source_row</c> column holding the row's
/// number in the original file, so data_quality rows still point at the file the LA sent.</para>
/// </summary>
internal sealed class DropSplitter
{
    public const string SourceRowColumn = "_source_row";
    private const int WriteBuffer = 1 << 15;

    private readonly int _partitions;
    private readonly string _scratch;
    private readonly Func<string, IssueLog> _issues;
    private readonly DropReadOptions _options;
    private readonly PersonPartitions _router;
    /// <summary>clae_cla_id → (partition, child hash) of the first episode carrying it; a negative partition marks a conflict.</summary>
    private readonly Dictionary<long, (int Partition, long Person)> _periodsOfCare = new();
    private readonly ManualResetEventSlim _periodsKnown = new(false);

    private DropSplitter(int partitions, string scratch, Func<string, IssueLog> issues, DropReadOptions options)
    {
        _partitions = partitions;
        _scratch = scratch;
        _issues = issues;
        _options = options;
        _router = new PersonPartitions(partitions);
    }

    /// <summary>Tables split by child: every table with a person column except the organisation and workforce tables.</summary>
    public static bool IsSplit(TableSpec spec) => spec.PersonColumn >= 0;

    public static SplitDrop Split(DropPlan plan, int partitions, string scratch, Func<string, IssueLog> issues, DropReadOptions options)
    {
        if (partitions is < 2 or > PersonPartitions.Max) throw new ArgumentOutOfRangeException(nameof(partitions));
        return new DropSplitter(partitions, scratch, issues, options).Run(plan);
    }

    private SplitDrop Run(DropPlan plan)
    {
        var split = plan.Tables.Where(t => IsSplit(t.Spec)).ToList();
        var slices = new PlannedTable[_partitions][];
        for (var p = 0; p < _partitions; p++) slices[p] = new PlannedTable[split.Count];
        var counts = new (long RowsIn, long Rejected)[split.Count];

        // Placements without a person id need the episodes' periods of care: they share a chain, episodes first.
        var chains = split.Select((t, i) => (Table: t, Index: i))
            .GroupBy(x => x.Table.Spec.Name is Tables.ClaEpisodes or Tables.ClaPlacement ? Tables.ClaEpisodes : x.Table.Spec.Name)
            .Select(g => g.OrderBy(x => x.Table.Order).ToArray())
            .OrderByDescending(c => c.Sum(x => x.Table.Bytes))
            .ToList();
        if (!split.Any(t => t.Spec.Name == Tables.ClaEpisodes)) _periodsKnown.Set();

        var gate = new FailureGate();
        var next = -1;
        void Work()
        {
            int c;
            while ((c = Interlocked.Increment(ref next)) < chains.Count)
                foreach (var (table, index) in chains[c])
                {
                    var ok = gate.Run(table.Order, () => counts[index] = SplitTable(table, index, slices, gate));
                    if (table.Spec.Name == Tables.ClaEpisodes) _periodsKnown.Set();
                    if (!ok) break;
                }
        }
        var workers = Math.Min(_options.MaxDegreeOfParallelism, chains.Count);
        if (workers <= 1) Work();
        else Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => Work());
        _options.CancellationToken.ThrowIfCancellationRequested();
        gate.ThrowFirst();

        return new SplitDrop(slices.Select(s => (IReadOnlyList<PlannedTable>)s).ToArray(),
            counts.Sum(c => c.RowsIn), counts.Sum(c => c.Rejected));
    }

    private (long RowsIn, long Rejected) SplitTable(PlannedTable table, int index, PlannedTable[][] slices, FailureGate gate)
    {
        var ct = _options.CancellationToken;
        var spec = table.Spec;
        var issues = _issues(spec.Name);
        var writers = new SliceWriter[_partitions];
        long rows = 0, rejected = 0;
        try
        {
            using (var file = CsvFile.Open(table.Path, table.File))
            {
                var map = spec.MapHeader(file.Header, table.File);
                for (var p = 0; p < _partitions; p++)
                    writers[p] = new SliceWriter(System.IO.Path.Combine(_scratch, $"p{p:000}", table.File), file.Header);
                var personField = map[spec.PersonColumn];
                var keyField = map[spec.KeyColumn];
                var isEpisodes = spec.Name == Tables.ClaEpisodes;
                var isPlacements = spec.Name == Tables.ClaPlacement;
                var claField = isEpisodes || isPlacements ? map[spec.IndexOf(isEpisodes ? "clae_cla_id" : "clap_cla_id")] : -1;
                if (isPlacements) _periodsKnown.Wait(ct);
                var keys = new KeyPartitionMap(table.Entry.Rows);
                var fields = new CsvField();
                var sep = file.Reader;
                while (sep.MoveNext())
                {
                    var record = sep.Current;
                    if ((record.RowIndex & 0x3FFF) == 0)
                    {
                        gate.ThrowIfSuperseded(table.Order);
                        ct.ThrowIfCancellationRequested();
                    }
                    if (record.ColCount == 1 && record.Span.Trim().IsEmpty) continue; // not a data row (as in the reader)
                    rows++;
                    var sourceRow = record.RowIndex + 1L;

                    var person = Field(record, fields, personField);
                    var personHash = LinkKey.Of(person);
                    var claHash = claField >= 0 ? LinkKey.Of(Field(record, fields, claField)) : LinkKey.None;
                    var target = personHash != LinkKey.None ? _router.Of(personHash) : 0;
                    if (personHash == LinkKey.None && isPlacements && claHash != LinkKey.None
                        && _periodsOfCare.TryGetValue(claHash, out var care))
                    {
                        if (care.Partition < 0)
                        {
                            issues.Add(sourceRow, RecordId(Field(record, fields, keyField)), DropRules.PersonUnresolved, Severity.Error,
                                "clap_person_id is empty and its clap_cla_id cannot place it: that clae_cla_id belongs to more than one person");
                            rejected++;
                            continue;
                        }
                        target = care.Partition;
                    }
                    // Past the manifest's count the file is rejected below anyway; the key map is sized by that count.
                    var keyHash = LinkKey.Of(Field(record, fields, keyField));
                    if (keyHash != LinkKey.None && rows <= table.Entry.Rows) target = keys.GetOrAdd(keyHash, target);
                    if (isEpisodes && claHash != LinkKey.None && personHash != LinkKey.None)
                        RememberPeriodOfCare(claHash, target, personHash, sourceRow, Field(record, fields, keyField), issues);

                    writers[target].Write(sourceRow, record.Span);
                }
                DropReader.CheckAgainstManifest(table, rows, file.Stream.FinishAndGetSha256());
            }
            for (var p = 0; p < _partitions; p++)
            {
                var slice = writers[p].Finish();
                slices[p][index] = table with
                {
                    Path = slice.Path, Bytes = slice.Bytes, IsSlice = true,
                    Entry = table.Entry with { Rows = slice.Rows },
                };
            }
            return (rows, rejected);
        }
        finally
        {
            foreach (var w in writers) w?.Dispose();
        }
    }

    private static ReadOnlySpan<char> Field(SepReader.Row record, CsvField fields, int i) =>
        i >= 0 && i < record.ColCount ? fields.Unquote(i, record[i].Span) : default;

    /// <summary>
    /// Same-partition conflicts are left to the episodes reader, which sees both rows; a conflict across partitions
    /// is reported here, once per period of care, with the reader's rule and wording.
    /// </summary>
    private void RememberPeriodOfCare(long claHash, int partition, long personHash, long sourceRow, ReadOnlySpan<char> key, IssueLog issues)
    {
        lock (_periodsOfCare)
        {
            if (!_periodsOfCare.TryGetValue(claHash, out var known))
            {
                _periodsOfCare.Add(claHash, (partition, personHash));
                return;
            }
            if (known.Partition < 0 || known.Person == personHash) return;
            _periodsOfCare[claHash] = (-1, known.Person);
            if (known.Partition != partition)
                issues.Add(sourceRow, RecordId(key), DropRules.ClaIdConflict, Severity.Warning,
                    "clae_cla_id is shared by episodes of different people; placements cannot be matched through it");
        }
    }

    private static string? RecordId(ReadOnlySpan<char> key) =>
        key.IsEmpty ? null : key.Length <= Row.MaxIdLength ? key.ToString() : string.Concat(key[..Row.MaxIdLength], "…");

    /// <summary>One partition's slice of one table, written as UTF-8 text.</summary>
    private sealed class SliceWriter : IDisposable
    {
        private readonly StreamWriter _out;
        private readonly char[] _number = new char[20];
        private long _rows;
        private bool _finished;

        public SliceWriter(string path, IReadOnlyList<string> header)
        {
            Path = path;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            _out = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0),
                new UTF8Encoding(false), WriteBuffer);
            _out.Write(SourceRowColumn);
            foreach (var name in header)
            {
                _out.Write(',');
                _out.Write(Quoted(name));
            }
            _out.Write('\n');
        }

        public string Path { get; }

        public void Write(long sourceRow, ReadOnlySpan<char> row)
        {
            sourceRow.TryFormat(_number, out var n, default, CultureInfo.InvariantCulture);
            _out.Write(_number.AsSpan(0, n));
            _out.Write(',');
            _out.Write(row);
            _out.Write('\n');
            _rows++;
        }

        public (string Path, long Rows, long Bytes) Finish()
        {
            _out.Flush();
            var bytes = _out.BaseStream.Length;
            _out.Dispose();
            _finished = true;
            return (Path, _rows, bytes);
        }

        public void Dispose()
        {
            if (!_finished) _out.Dispose();
        }

        private static string Quoted(string name) =>
            name.AsSpan().IndexOfAny(",\"\r\n") < 0 ? name : "\"" + name.Replace("\"", "\"\"") + "\"";
    }
}
