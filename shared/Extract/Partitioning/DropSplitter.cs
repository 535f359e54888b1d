using System.Globalization;
using System.Text;
using KpiPipeline.Extract.Csv;
using KpiPipeline.Model;

namespace KpiPipeline.Extract.Partitioning;

/// <summary>One partition's share of every split table, and what the split pass counted.</summary>
internal sealed record SplitDrop(IReadOnlyList<PlannedTable>[] Slices, long RowsIn, long RowsRejected);

/// <summary>
/// The first pass of a partitioned read: streams every child-keyed table once and copies each row, unparsed
/// except for its child and key fields, into the slice file of its partition (<see cref="PersonPartitions"/>), so
/// each partition can then be read and computed on its own in bounded memory.
/// <para>This pass is where a split table's row count and SHA-256 are checked against the manifest (the slices
/// are not checked again), with the same one-line fatal errors as an unsplit read.</para>
/// <para>Every row goes with its child, so no child spans partitions. What a reader cannot judge within one partition
/// is settled here: a row whose key a child in another partition had first is marked (its source row negated), and
/// its reader rejects it as a duplicate, as the one-pass rule does (<see cref="Row.ClaimKey"/>); a placement without a
/// person id follows its period of care (clap_cla_id → the episode's child). A period-of-care id shared by children
/// in different partitions is reported here, as the episodes reader would within one partition.</para>
/// <para>Slice format: the original header and rows, each prefixed by a <c>_source_row</c> column holding the row's
/// number in the original file, so data_quality rows still point at the file the LA sent; stored in LZ4-compressed
/// blocks (<see cref="SliceBlocks"/>), a third of the bytes to write and read back.</para>
/// </summary>
internal sealed class DropSplitter
{
    public const string SourceRowColumn = "_source_row";

    private readonly int _partitions;
    private readonly string _scratch;
    private readonly Func<string, IssueLog> _issues;
    private readonly DropReadOptions _options;
    private readonly PersonPartitions _router;
    /// <summary>clae_cla_id → (partition, child hash) of the first episode carrying it; a negative partition marks a conflict.</summary>
    private readonly Dictionary<long, (int Partition, long Person)> _periodsOfCare = new();
    private readonly ManualResetEventSlim _periodsKnown = new(false);
    private byte[] _issueScratch = []; // used under the _periodsOfCare lock

    private DropSplitter(int partitions, string scratch, Func<string, IssueLog> issues, DropReadOptions options)
    {
        _partitions = partitions;
        _scratch = scratch;
        _issues = issues;
        _options = options;
        _router = new PersonPartitions(partitions);
    }

    /// <summary>Tables split by child: every table with a person column (ssd_department, ssd_professionals and ext_workforce have none).</summary>
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
            int[] map;
            using (var header = CsvFile.Open(table.Path, table.File)) map = spec.MapHeader(header.Header, table.File);
            var isEpisodes = spec.Name == Tables.ClaEpisodes;
            var isPlacements = spec.Name == Tables.ClaPlacement;
            var claField = isEpisodes || isPlacements ? map[spec.IndexOf(isEpisodes ? "clae_cla_id" : "clap_cla_id")] : -1;
            const int person = 0, key = 1, cla = 2;
            if (isPlacements) _periodsKnown.Wait(ct);
            using var keys = new KeyPartitionMap(table.Entry.Rows);
            var batch = new RowBatch();
            var scratch = new byte[64];

            using (var file = ScanInput.OpenDropFile(table.Path, table.File))
            {
                var scanner = new CsvRecordScanner(file, [map[spec.PersonColumn], map[spec.KeyColumn], claField]);
                if (!scanner.MoveNext()) throw new DropRejectedException(table.File, DropRules.HeaderMissing, $"{table.File}: file is empty (no header row)", row: 1);
                var headerLine = scanner.Record;
                if (headerLine.StartsWith("\uFEFF"u8)) headerLine = headerLine[3..];
                var encoded = new byte[SliceBlocks.MaxStored(SliceBlocks.MaxBlock)]; // shared: a table's writers run on one thread
                for (var p = 0; p < _partitions; p++)
                    writers[p] = new SliceWriter(System.IO.Path.Combine(_scratch, $"p{p:000}", table.File), headerLine, encoded);

                long record = 0; // the header is record 0, as in Sep's RowIndex
                while (scanner.MoveNext())
                {
                    record++;
                    if ((record & 0x3FFF) == 0)
                    {
                        gate.ThrowIfSuperseded(table.Order);
                        ct.ThrowIfCancellationRequested();
                    }
                    if (scanner.IsBlank) continue; // not a data row (as in the reader)
                    rows++;
                    var sourceRow = record + 1;

                    var personHash = PersonPartitions.IdHash(CsvRecordScanner.Value(scanner.Field(person), ref scratch));
                    var target = personHash != 0 ? _router.Of(personHash) : 0;
                    var claHash = claField >= 0 ? PersonPartitions.IdHash(CsvRecordScanner.Value(scanner.Field(cla), ref scratch)) : 0;
                    if (personHash == 0 && isPlacements && claHash != 0 && _periodsOfCare.TryGetValue(claHash, out var care))
                    {
                        if (care.Partition < 0)
                        {
                            var unplaced = CsvRecordScanner.Value(scanner.Field(key), ref scratch);
                            issues.Add(sourceRow, RecordId(unplaced), DropRules.PersonUnresolved,
                                Severity.Error, "clap_person_id is empty and its clap_cla_id cannot place it: that clae_cla_id belongs to more than one person");
                            // Rejected here, it still owns its key, as a rejected row does in the reader; rows waiting in
                            // the batch are earlier in the file, so they are sent first.
                            if (!unplaced.IsEmpty && rows <= table.Entry.Rows)
                            {
                                Route(batch, keys, writers, isEpisodes, issues);
                                keys.GetOrAdd(LongSet.PlainNumber(unplaced), PersonPartitions.IdHash(unplaced), KeyPartitionMap.Nowhere);
                            }
                            rejected++;
                            continue;
                        }
                        target = care.Partition;
                    }
                    // Past the manifest's count the file is rejected below anyway; the key map is sized by that count.
                    var keyRaw = scanner.Field(key);
                    var keyValue = rows <= table.Entry.Rows ? CsvRecordScanner.Value(keyRaw, ref scratch) : default;
                    var keyNumber = keyValue.IsEmpty ? -1 : LongSet.PlainNumber(keyValue);
                    var route = new RowRoute(sourceRow, target, keyNumber, 0, personHash, claHash);
                    // A key found by value costs no cache miss: such a row is sent at once, unless rows ahead of it
                    // wait in the batch (rows reach each slice in file order).
                    if (batch.Count == 0 && (keyValue.IsEmpty || keys.IsCheap(keyNumber)))
                    {
                        Send(route, scanner.Record, keyRaw, keys, writers, isEpisodes, issues);
                        continue;
                    }
                    batch.Add(route with { KeyHash = PersonPartitions.IdHash(keyValue) }, scanner.Record, keyRaw);
                    if (batch.IsFull) Route(batch, keys, writers, isEpisodes, issues);
                }
                Route(batch, keys, writers, isEpisodes, issues);
                DropReader.CheckAgainstManifest(table, rows, file.FinishAndGetSha256());
            }
            for (var p = 0; p < _partitions; p++)
            {
                var slice = writers[p].Finish();
                slices[p][index] = table with
                {
                    Path = slice.Path, Bytes = slice.Bytes, IsSlice = true, TableRows = table.Entry.Rows,
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

    /// <summary>
    /// Sends a batch of rows to their partitions, in row order. The key map's slots for the whole batch are
    /// prefetched first (see <see cref="KeyPartitionMap.Prefetch"/>), so their cache misses overlap.
    /// </summary>
    private void Route(RowBatch batch, KeyPartitionMap keys, SliceWriter[] writers, bool isEpisodes, IssueLog issues)
    {
        for (var i = 0; i < batch.Count; i++) keys.Prefetch(batch.Routes[i].KeyNumber, batch.Routes[i].KeyHash);
        for (var i = 0; i < batch.Count; i++) Send(batch.Routes[i], batch.Record(i), batch.Key(i), keys, writers, isEpisodes, issues);
        batch.Clear();
    }

    /// <summary>Writes one row to its child's partition, marked when a child in another partition had its key first.</summary>
    private void Send(in RowRoute row, ReadOnlySpan<byte> record, ReadOnlySpan<byte> rawKey, KeyPartitionMap keys, SliceWriter[] writers,
        bool isEpisodes, IssueLog issues)
    {
        var first = row.KeyNumber >= 0 || row.KeyHash != 0 ? keys.GetOrAdd(row.KeyNumber, row.KeyHash, row.Target) : row.Target;
        if (isEpisodes && first == row.Target && row.ClaHash != 0 && row.PersonHash != 0) // a marked row will be rejected
            RememberPeriodOfCare(row.ClaHash, row.Target, row.PersonHash, row.SourceRow, rawKey, issues);
        writers[row.Target].Write(first == row.Target ? row.SourceRow : -row.SourceRow, record);
    }

    /// <summary>What routing needs of a row besides its bytes: <see cref="Target"/> is its child's partition,
    /// <see cref="KeyNumber"/> its key's plain number (−1: none) and <see cref="KeyHash"/> its key's hash (0: not needed).</summary>
    private readonly record struct RowRoute(long SourceRow, int Target, long KeyNumber, long KeyHash, long PersonHash, long ClaHash);

    /// <summary>Rows scanned but not yet routed, copied out of the scanner's buffer (which moves on each refill).</summary>
    private sealed class RowBatch
    {
        public const int Size = 64;
        public readonly RowRoute[] Routes = new RowRoute[Size];
        private readonly int[] _start = new int[Size], _length = new int[Size], _keyStart = new int[Size], _keyLength = new int[Size];
        private byte[] _bytes = new byte[Size * 256];
        private int _used;

        public int Count { get; private set; }
        public bool IsFull => Count == Size;

        public void Add(in RowRoute route, ReadOnlySpan<byte> record, ReadOnlySpan<byte> key)
        {
            var i = Count++;
            Routes[i] = route;
            _start[i] = Append(record);
            _length[i] = record.Length;
            _keyStart[i] = Append(key);
            _keyLength[i] = key.Length;
        }

        public ReadOnlySpan<byte> Record(int i) => _bytes.AsSpan(_start[i], _length[i]);
        public ReadOnlySpan<byte> Key(int i) => _bytes.AsSpan(_keyStart[i], _keyLength[i]);

        public void Clear()
        {
            Count = 0;
            _used = 0;
        }

        private int Append(ReadOnlySpan<byte> bytes)
        {
            if (_used + bytes.Length > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + bytes.Length));
            var at = _used;
            bytes.CopyTo(_bytes.AsSpan(at));
            _used += bytes.Length;
            return at;
        }
    }

    /// <summary>
    /// Same-partition conflicts are left to the episodes reader, which sees both rows; a conflict across partitions
    /// is reported here, once per period of care, with the reader's rule and wording.
    /// </summary>
    private void RememberPeriodOfCare(long claHash, int partition, long personHash, long sourceRow, ReadOnlySpan<byte> rawKey, IssueLog issues)
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
                issues.Add(sourceRow, RecordId(CsvRecordScanner.Value(rawKey, ref _issueScratch)), DropRules.ClaIdConflict, Severity.Warning,
                    "clae_cla_id is shared by episodes of different people; placements cannot be matched through it");
        }
    }

    private static string? RecordId(ReadOnlySpan<byte> utf8) => Row.RecordIdText(Encoding.UTF8.GetString(utf8));

    /// <summary>
    /// One partition's slice of one table: the original bytes of its rows, each prefixed by its source row (negated for a
    /// row whose key another partition's child had first), written in compressed blocks (<see cref="SliceBlocks"/>).
    /// <para>Each block is compressed into a buffer the table's writers share and written at once: a writer keeps only
    /// its raw block (64 KiB a partition), not two compressed ones as well.</para>
    /// </summary>
    private sealed class SliceWriter : IDisposable
    {
        private readonly FileStream _out;
        private readonly byte[] _buffer = new byte[SliceBlocks.MaxBlock]; // one block's raw bytes
        private readonly byte[] _encoded; // shared by the table's writers
        private int _used;
        private long _rows;
        private long _rawBytes;

        public SliceWriter(string path, ReadOnlySpan<byte> headerLine, byte[] encoded)
        {
            Path = path;
            _encoded = encoded;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            _out = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            Append(Encoding.ASCII.GetBytes(SourceRowColumn + ","));
            Append(headerLine);
            Append("\n"u8);
        }

        public string Path { get; }

        public void Write(long sourceRow, ReadOnlySpan<byte> record)
        {
            if (_buffer.Length - _used < 22) Flush();
            sourceRow.TryFormat(_buffer.AsSpan(_used), out var n, default, CultureInfo.InvariantCulture);
            _used += n;
            _buffer[_used++] = (byte)',';
            Append(record);
            Append("\n"u8);
            _rows++;
        }

        /// <summary>The slice's path, data rows and size before compression (what its reader will see).</summary>
        public (string Path, long Rows, long Bytes) Finish()
        {
            Flush();
            _out.Dispose();
            return (Path, _rows, _rawBytes);
        }

        public void Dispose() => _out.Dispose();

        private void Append(ReadOnlySpan<byte> bytes)
        {
            while (!bytes.IsEmpty)
            {
                if (_used == _buffer.Length) Flush();
                var n = Math.Min(bytes.Length, _buffer.Length - _used);
                bytes[..n].CopyTo(_buffer.AsSpan(_used));
                _used += n;
                bytes = bytes[n..];
            }
        }

        /// <summary>Compresses the raw buffer into a block and writes it.</summary>
        private void Flush()
        {
            if (_used == 0) return;
            _out.Write(_encoded, 0, SliceBlocks.Encode(_buffer.AsSpan(0, _used), _encoded));
            _rawBytes += _used;
            _used = 0;
        }
    }
}
