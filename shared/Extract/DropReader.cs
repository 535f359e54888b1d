using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using KpiPipeline.Extract.Csv;
using KpiPipeline.Extract.Readers;
using KpiPipeline.Model;
using nietras.SeparatedValues;

namespace KpiPipeline.Extract;

/// <summary>
/// Reads a drop folder (extract-contract.md) into the typed model, validating as it goes.
/// <para>Each CSV is streamed once: the same pass hashes the bytes, checks they are UTF-8, parses the
/// fields from spans and appends compact structs, so memory holds the model, not the text.</para>
/// <para>Order of work:
/// (0) the manifest, folder names and every table's header are checked, in contract order, so a broken
/// drop fails before any heavy parsing;
/// (1) ssd_person on one thread, ssd_department then ssd_professionals on another: these fix the person,
/// team and worker codes;
/// (2) all other tables in parallel, largest file first, each on one thread, only looking ids up
/// (see <see cref="IdScope"/>);
/// (3) one table at a time in contract order, ids first met in step 2 are given codes and waiting rows
/// stored — so codes, rows and issues come out the same on every run, whatever the thread timing;
/// (4) each table is grouped by child (in parallel).</para>
/// <para>When a table fails (checksum, row count, bad bytes), tables after it in contract order stop early;
/// tables before it finish, so the error reported is always that of the first failing table.</para>
/// </summary>
public static class DropReader
{
    /// <summary>Reads the whole drop in one pass (never split: for a drop that fits in memory; the pipeline uses
    /// <see cref="Partitioning.PartitionedDropReader"/>, which splits large drops).</summary>
    public static DropReadResult Read(string dropFolder, DropReadOptions? options = null)
    {
        using var drop = Partitioning.PartitionedDropReader.Open(dropFolder, (options ?? DropReadOptions.Default) with { Partitions = 1 });
        return drop.ReadAll();
    }

    /// <summary>Step (0): the manifest, folder names and every table's header, so a broken drop fails before any heavy parsing.</summary>
    internal static DropPlan Plan(string dropFolder, IssueLog dropIssues, DropReadOptions options)
    {
        var plan = DropPlan.Load(dropFolder, dropIssues);
        foreach (var table in plan.Tables) CheckHeader(table);
        options.CancellationToken.ThrowIfCancellationRequested();
        return plan;
    }

    /// <summary>What <see cref="ReadTables"/> built: the model, each table's reader (for its issues and counts) and the
    /// organisation tables' result, for later partitions to start from.</summary>
    internal sealed record TablesRead(CaseData Data, IReadOnlyList<Job> Jobs, long RowsIn, long RowsRejected, OrganisationTables Organisation);

    /// <summary>Steps (1)–(4) over <paramref name="tables"/> (the whole drop, or one partition's slices).</summary>
    internal static TablesRead ReadTables(DropPlan plan, IReadOnlyList<PlannedTable> tables, ReadContext context, DropReadOptions options)
    {
        var ct = options.CancellationToken;
        var jobs = tables.Select(t => new Job(t, t.Spec.CreateReader(t.Spec, context))).ToArray();
        var gate = new FailureGate();

        var dimensions = new List<Job[]>
        {
            jobs.Where(j => j.Table.Spec.Name == Tables.Person).ToArray(),
            jobs.Where(j => j.Table.Spec.IsDimension && j.Table.Spec.Name != Tables.Person).ToArray(), // department, then professionals
        };
        RunAll(dimensions.Where(chain => chain.Length > 0).ToList(), options.MaxDegreeOfParallelism, gate, ct);
        var organisation = context.Organisation ?? new OrganisationTables(context.Workers.Clone(), context.Teams.Clone(), context.TeamNames.Clone(),
            jobs.Select(j => j.Reader).OfType<DepartmentReader>().FirstOrDefault()?.Infos ?? [],
            jobs.Select(j => j.Reader).OfType<ProfessionalsReader>().FirstOrDefault()?.Infos ?? []);

        var facts = jobs.Where(j => !j.Table.Spec.IsDimension).OrderByDescending(j => j.Table.Bytes).Select(j => new[] { j }).ToList();
        RunAll(facts, options.MaxDegreeOfParallelism, gate, ct);

        foreach (var job in jobs) job.Reader.Commit();

        var data = Assemble(plan, context, jobs, organisation, options);
        return new TablesRead(data, jobs, jobs.Sum(j => j.Reader.RowsIn), jobs.Sum(j => j.Reader.RowsRejected), organisation);
    }

    internal sealed record Job(PlannedTable Table, TableReader Reader);

    private static void CheckHeader(PlannedTable table)
    {
        Guard(table, () =>
        {
            using var file = CsvFile.Open(table.Path, table.File);
            table.Spec.MapHeader(file.Header, table.File);
        });
    }

    internal static void RunAll(IReadOnlyList<Job[]> chains, int parallelism, FailureGate gate, CancellationToken ct)
    {
        var next = -1;
        void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < chains.Count)
                foreach (var job in chains[i])
                    if (!gate.Run(job.Table.Order, () => ReadTable(job.Table, job.Reader, gate, ct))) break;
        }

        var workers = Math.Min(parallelism, chains.Count);
        if (workers <= 1) Work();
        else Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => Work());
        ct.ThrowIfCancellationRequested();
        gate.ThrowFirst();
    }

    private static void ReadTable(PlannedTable table, TableReader reader, FailureGate gate, CancellationToken ct) => Guard(table, () =>
    {
        using var file = table.IsSlice ? CsvFile.OpenSlice(table.Path, table.File) : CsvFile.Open(table.Path, table.File);
        reader.KeyedRows = table.WholeTableRows;
        reader.Begin(table.Spec.MapHeader(file.Header, table.File), table.Entry.Rows);
        var fields = file.Header.Length;
        var keyField = reader.Map[table.Spec.KeyColumn];
        var personField = table.Spec.PersonColumn >= 0 ? reader.Map[table.Spec.PersonColumn] : -1;
        long rows = 0, rejected = 0;
        var sep = file.Reader;
        while (sep.MoveNext())
        {
            var record = sep.Current;
            if ((record.RowIndex & 0x3FFF) == 0)
            {
                gate.ThrowIfSuperseded(table.Order);
                ct.ThrowIfCancellationRequested();
            }
            // A blank line is not a data row: skipped and not counted (an extractor's row count excludes it).
            if (record.ColCount == 1 && record.Span.Trim().IsEmpty) continue;
            rows++;
            // Source row = CSV record number with the header as 1 (Sep's RowIndex counts records from 0);
            // a partition slice carries the row number of the original file in its first field.
            var sourceRow = table.IsSlice ? SliceSourceRow(table, record) : record.RowIndex + 1L;
            // A negative number marks a row whose key a child in another partition had first (see Row.ClaimKey).
            var keyTakenElsewhere = sourceRow < 0;
            if (keyTakenElsewhere) sourceRow = -sourceRow;
            if (record.ColCount != fields)
            {
                var id = keyField >= 0 && keyField < record.ColCount ? reader.Fields.Unquote(keyField, record[keyField].Span) : default;
                var added = table.IsSlice ? 1 : 0; // the slice's _source_row column is not the LA's: count as in the original file
                reader.Issues.Add(sourceRow, id.IsEmpty ? null : id[..Math.Min(id.Length, Row.MaxIdLength)].ToString(), DropRules.RowShape,
                    Severity.Error, $"row has {record.ColCount - added} fields, the header has {fields - added}");
                if (!keyTakenElsewhere) RememberShapeRejectedKey(reader, record, id, personField);
                rejected++;
                continue;
            }
            var row = new Row(record, reader, sourceRow, keyTakenElsewhere);
            if (!reader.TryAccept(ref row)) rejected++;
        }
        var sha = file.Stream.FinishAndGetSha256();
        reader.FinishedReading();
        reader.RowsIn = rows;
        reader.RowsRejected += rejected;
        if (!table.IsSlice) CheckAgainstManifest(table, rows, sha); // a slice's original was checked by the splitter
    });

    /// <summary>A row of the wrong shape still owns its key for its child, as any rejected row does (see <see cref="Row.ClaimKey"/>).</summary>
    private static void RememberShapeRejectedKey(TableReader reader, SepReader.Row record, ReadOnlySpan<char> key, int personField)
    {
        key = key.Trim();
        if (key.IsEmpty || key.Length > Row.MaxIdLength || reader.Spec.PersonColumn < 0) return;
        var child = personField >= 0 && personField < record.ColCount ? LinkKey.Of(reader.Fields.Unquote(personField, record[personField].Span)) : LinkKey.None;
        reader.ClaimForRejectedRow(key, child);
    }

    /// <summary>A file whose data rows or SHA-256 differ from the manifest's is not the file the LA sent: the drop is rejected.</summary>
    internal static void CheckAgainstManifest(PlannedTable table, long rows, string sha)
    {
        if (rows != table.Entry.Rows)
            throw new DropRejectedException(table.File, DropRules.RowCountMismatch,
                $"{table.File}: manifest says {table.Entry.Rows} rows, file has {rows}");
        if (!string.Equals(sha, table.Entry.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new DropRejectedException(table.File, DropRules.ChecksumMismatch,
                $"{table.File}: SHA-256 does not match manifest (expected {table.Entry.Sha256.ToLowerInvariant()}, got {sha})");
    }

    /// <summary>The row's number in the original file, negated when the splitter marked its key as another partition's.
    /// The splitter writes it in plain digits (no leading zero), which PlainNumber reads fastest.</summary>
    private static long SliceSourceRow(PlannedTable table, SepReader.Row record)
    {
        var field = record[0].Span;
        var marked = field.StartsWith('-');
        return LongSet.PlainNumber(marked ? field[1..] : field) is var row and > 0
            ? marked ? -row : row
            : throw new InvalidDataException($"{table.File}: partition slice row {record.RowIndex + 1} has no source row number");
    }

    /// <summary>I/O failures become a one-line fatal error naming the file.</summary>
    private static void Guard(PlannedTable table, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DropRejectedException(table.File, DropRules.FileUnreadable,
                $"{table.File}: cannot be read ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")})", inner: e);
        }
    }

    private static CaseData Assemble(DropPlan plan, ReadContext context, Job[] jobs, OrganisationTables organisation, DropReadOptions options)
    {
        var people = context.People.Count;
        var built = new ConcurrentDictionary<string, object>(StringComparer.Ordinal);
        var personTables = jobs.Where(j => j.Reader is IPersonTableSource).ToArray();
        Parallel.ForEach(personTables, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            j => built[j.Table.Spec.Name] = ((IPersonTableSource)j.Reader).BuildTable(people));

        PersonTable<T> Get<T>(string table) where T : struct, IPersonRow =>
            built.TryGetValue(table, out var t) ? (PersonTable<T>)t : PersonTable<T>.Empty(people);
        TReader? Reader<TReader>() where TReader : TableReader => jobs.Select(j => j.Reader).OfType<TReader>().FirstOrDefault();

        return new CaseData
        {
            LaCode = plan.Manifest.LaCode,
            ExtractDate = plan.Manifest.ExtractDay,
            People = context.People,
            Workers = context.Workers,
            Teams = context.Teams,
            TablesPresent = context.Present,
            Persons = Get<PersonRecord>(Tables.Person),
            Contacts = Get<ContactRecord>(Tables.Contacts),
            Referrals = Get<ReferralRecord>(Tables.CinEpisodes),
            Assessments = Get<AssessmentRecord>(Tables.Assessments),
            S47Enquiries = Get<S47Record>(Tables.S47),
            Icpcs = Get<IcpcRecord>(Tables.Icpc),
            CinPlans = Get<CinPlanRecord>(Tables.CinPlans),
            CpPlans = Get<CpPlanRecord>(Tables.CpPlans),
            ClaEpisodes = Get<ClaEpisodeRecord>(Tables.ClaEpisodes),
            Placements = Get<PlacementRecord>(Tables.ClaPlacement),
            LegalStatuses = Get<LegalStatusRecord>(Tables.LegalStatus),
            CinVisits = Get<VisitRecord>(Tables.CinVisits),
            CpVisits = Get<VisitRecord>(Tables.CpVisits),
            ClaVisits = Get<VisitRecord>(Tables.ClaVisits),
            CareLeavers = Get<CareLeaverRecord>(Tables.CareLeavers),
            Involvements = Get<InvolvementRecord>(Tables.Involvements),
            Supervision = Get<SupervisionRecord>(Tables.Supervision),
            CinReviews = Get<CinReviewRecord>(Tables.CinReviews),
            TeamInfo = Slots.Padded(organisation.TeamInfos, context.Teams.Count),
            WorkerInfo = Slots.Padded(organisation.WorkerInfos, context.Workers.Count),
            Workforce = Reader<WorkforceReader>()?.Records ?? [],
            Audits = Reader<AuditsReader>()?.Records ?? [],
        };
    }
}

/// <summary>
/// Records the first failure in contract order. A table may stop early only when a table before it has
/// already failed, so the failure reported does not depend on which thread got there first.
/// </summary>
internal sealed class FailureGate
{
    private readonly Lock _lock = new();
    private int _firstFailed = int.MaxValue;
    private ExceptionDispatchInfo? _error;

    /// <summary>Runs one table's work; false when it failed or was stopped because an earlier table failed.</summary>
    public bool Run(int order, Action work)
    {
        if (IsSuperseded(order)) return false;
        try
        {
            work();
            return true;
        }
        catch (SupersededException)
        {
            return false;
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                if (order < _firstFailed)
                {
                    _error = ExceptionDispatchInfo.Capture(e);
                    Volatile.Write(ref _firstFailed, order);
                }
            }
            return false;
        }
    }

    public bool IsSuperseded(int order) => Volatile.Read(ref _firstFailed) < order;

    public void ThrowIfSuperseded(int order)
    {
        if (IsSuperseded(order)) throw new SupersededException();
    }

    public void ThrowFirst() => _error?.Throw();

    private sealed class SupersededException : Exception;
}
