using System.Diagnostics;
using System.Runtime;
using KpiPipeline.Extract.Partitioning;
using KpiPipeline.Kpis;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Lake.Tables;
using KpiPipeline.Model;

namespace KpiPipeline.Pipeline;

/// <summary>The KPIs of a whole drop computed partition by partition, and its child_snapshot rows.</summary>
/// <param name="ReadTime">Time spent reading partitions, summed over partitions, and <paramref name="ComputeTime"/> computing
/// them: partitions are read ahead, two at a time, while the one before is computed, so reads overlap each other and
/// the computing, and the sum exceeds the wall time.</param>
/// <param name="ChildRows">The child_snapshot rows, sorted by person id (<see cref="ChildRowStore.Rows"/>).</param>
public sealed record PartitionedResult(KpiComputation Computation, List<ChildSnapshotRow> ChildRows, TimeSpan ReadTime, TimeSpan ComputeTime);

/// <summary>
/// Reads and computes a drop one partition of children at a time (<see cref="PartitionedDropReader"/>), so memory
/// holds one partition's model plus the small running totals:
/// <list type="bullet">
/// <item>each partition's per-child pass gives a <see cref="KpiPartial"/>; its child facts go to a <see cref="ChildRowStore"/>
/// with their person ids' text and their codes recoded to the drop's, while the partition's id maps still exist;</item>
/// <item>teams and workers are numbered for the whole drop by partition 0's maps (the listed ones first, so the same in
/// every partition), extended by ids only later partitions met; each partial is added in through that numbering;</item>
/// <item>the table-based KPIs (workforce from partition 0, audits gathered from every partition) and the derived ones
/// are formed once at the end, over the whole drop's organisation.</item>
/// </list>
/// Children never span partitions, so every child count and percentage adds up exactly as in a one-pass run.
/// </summary>
public static class PartitionedComputation
{
    /// <summary>Partitions read ahead of the one being computed.</summary>
    internal const int ReadAhead = 2;

    public static PartitionedResult Run(PartitionedDropReader drop, ReferenceData reference, SnapshotDates dates,
        Func<DateOnly, double?> population, int? degreeOfParallelism, Action? afterFirstPartition = null, CancellationToken ct = default)
    {
        var readTime = TimeSpan.Zero;
        var computeTime = TimeSpan.Zero;
        var children = new ChildRowStore();
        var audits = new List<AuditRecord>();
        CaseData? first = null; // partition 0's organisation and table-level data, without its children
        KpiPartial? total = null;
        var services = 0;
        var spare = new List<KpiPartial>(); // each partition's partials, reused by the next (see KpiEngine.ComputePartial)

        // Partitions are read ahead while the one before is computed: reading goes in stages (the person table alone,
        // then fact tables two at a time, then a serial commit), so two reads at once, plus the computing, keep both
        // cores busy where one read left a core idle. Each read partition is taken (its issues added to the drop's)
        // in order. Up to ReadAhead + 1 partitions' models are alive at once, which the partition size allows for.
        Task<(PartitionRead Read, TimeSpan Took)> ReadAsync(int p) => Task.Run(() =>
        {
            ct.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var read = drop.ReadPartition(p);
            return (read, clock.Elapsed);
        }, ct);

        var (read0, took0) = ReadAsync(0).GetAwaiter().GetResult(); // partition 0 alone: it must succeed before the raw copy starts
        readTime += took0;
        var current = drop.Take(read0);
        read0 = null!;
        afterFirstPartition?.Invoke();
        var ahead = new Queue<Task<(PartitionRead Read, TimeSpan Took)>>();
        var nextToRead = 1;
        // On a failure, the reads in flight finish first: the caller then disposes the reader, deleting their slices.
        // Their own failures are not reported: the one in hand comes first in partition order.
        void LetReadsInFlightFinish()
        {
            foreach (var pending in ahead)
                try { pending.Wait(CancellationToken.None); } catch (Exception) { /* superseded by the failure in hand */ }
        }
        for (var p = 0; p < drop.Count; p++)
        {
            while (ahead.Count < ReadAhead && nextToRead < drop.Count) ahead.Enqueue(ReadAsync(nextToRead++));
            var data = current;
            current = null!;
            try
            {
                var clock = Stopwatch.StartNew();
                var org = new Organisation(data);
                var part = new KpiEngine(new KpiEnvironment(reference.Calendar, reference.Settings, org)).ComputePartial(dates, degreeOfParallelism, spare);

                // Partition 0's maps become the drop's: its codes are kept, later partitions' new ids are appended.
                first ??= WholeDrop(data, audits);
                services = org.Services.Count;
                var teamMap = CodesIn(first.Teams, data.Teams);
                var workerMap = CodesIn(first.Workers, data.Workers);
                children.Add(part.Children, data.People, teamMap, workerMap);
                foreach (var audit in data.Audits)
                    audits.Add(audit with { Person = IdMap.None, Team = audit.Team == IdMap.None ? IdMap.None : teamMap[audit.Team] });
                total = (total ?? KpiPartial.Sized(dates.Count, services, first.Teams.Count, first.Workers.Count))
                    .Grown(dates.Count, services, first.Teams.Count, first.Workers.Count);
                part.AddTo(total, teamMap, workerMap);
                computeTime += clock.Elapsed;
            }
            catch
            {
                LetReadsInFlightFinish();
                throw;
            }

            if (drop.Count > 1) data.Release(); // its arrays go to the next partition read
            data = null!;
            if (ahead.Count == 0) break;
            if (drop.Count > 1) ReleasePartition();
            Task<(PartitionRead Read, TimeSpan Took)> next = ahead.Dequeue();
            try
            {
                var (nextRead, took) = next.GetAwaiter().GetResult();
                readTime += took;
                current = drop.Take(nextRead);
            }
            catch
            {
                LetReadsInFlightFinish();
                throw;
            }
        }

        // The last partition's model and the reusable partials are garbage now: free them for the output step.
        current = null!;
        spare.Clear();
        drop.Recycler.Clear();
        if (drop.Count > 1) ReturnMemory();

        var clockEnd = Stopwatch.StartNew();
        var whole = WholeDrop(first!, audits); // again, now that later partitions may have added teams and workers
        var env = new KpiEnvironment(reference.Calendar, reference.Settings, new Organisation(whole));
        // The series and the child rows do not depend on each other: made side by side (national scale: ~2 s and ~0.9 s).
        KpiComputation computation = null!;
        List<ChildSnapshotRow> childRows = null!;
        Parallel.Invoke(
            () => computation = new KpiEngine(env).Finish(total!, dates, population),
            () => childRows = children.Rows(env.Organisation, dates.Snapshot));
        computeTime += clockEnd.Elapsed;
        return new PartitionedResult(computation, childRows, readTime, computeTime);
    }

    /// <summary>Code in <paramref name="whole"/> of every id of <paramref name="part"/>, adding ids <paramref name="whole"/> lacks.</summary>
    private static int[] CodesIn(IdMap whole, IdMap part)
    {
        var map = new int[part.Count];
        for (var i = 0; i < map.Length; i++) map[i] = ReferenceEquals(whole, part) ? i : whole.GetOrAdd(part[i]);
        return map;
    }

    /// <summary>The drop's organisation and table-level data, without children (they are counted in the tallies).</summary>
    private static CaseData WholeDrop(CaseData first, List<AuditRecord> audits) => new()
    {
        LaCode = first.LaCode,
        ExtractDate = first.ExtractDate,
        People = new IdMap(),
        Workers = first.Workers,
        Teams = first.Teams,
        TablesPresent = first.TablesPresent,
        Persons = PersonTable<PersonRecord>.Empty(0),
        Contacts = PersonTable<ContactRecord>.Empty(0),
        Referrals = PersonTable<ReferralRecord>.Empty(0),
        Assessments = PersonTable<AssessmentRecord>.Empty(0),
        S47Enquiries = PersonTable<S47Record>.Empty(0),
        Icpcs = PersonTable<IcpcRecord>.Empty(0),
        CinPlans = PersonTable<CinPlanRecord>.Empty(0),
        CpPlans = PersonTable<CpPlanRecord>.Empty(0),
        ClaEpisodes = PersonTable<ClaEpisodeRecord>.Empty(0),
        Placements = PersonTable<PlacementRecord>.Empty(0),
        LegalStatuses = PersonTable<LegalStatusRecord>.Empty(0),
        CinVisits = PersonTable<VisitRecord>.Empty(0),
        CpVisits = PersonTable<VisitRecord>.Empty(0),
        ClaVisits = PersonTable<VisitRecord>.Empty(0),
        CareLeavers = PersonTable<CareLeaverRecord>.Empty(0),
        Involvements = PersonTable<InvolvementRecord>.Empty(0),
        Supervision = PersonTable<SupervisionRecord>.Empty(0),
        CinReviews = PersonTable<CinReviewRecord>.Empty(0),
        TeamInfo = Padded(first.TeamInfo, first.Teams.Count),
        WorkerInfo = Padded(first.WorkerInfo, first.Workers.Count),
        Workforce = first.Workforce,
        Audits = audits,
    };

    private static IReadOnlyList<T?> Padded<T>(IReadOnlyList<T?> list, int count) where T : class =>
        list.Count >= count ? list : list.Concat(Enumerable.Repeat<T?>(null, count - list.Count)).ToList();

    /// <summary>
    /// A partition's model is garbage once its partial is merged; collecting it now lets the next partition reuse the
    /// memory instead of the process growing to hold two. The collection only sweeps: compacting would copy the growing
    /// child rows and the next partition's arrays (being read meanwhile) each time, and measured at national scale,
    /// compacting the large-object heap too made the peak no lower (1,834 MiB with, 1,790 without) and cost 7.6 s of pauses.
    /// </summary>
    private static void ReleasePartition() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);

    /// <summary>
    /// Collects and compacts the whole heap, large objects included, and gives the memory it frees back to the system
    /// (<see cref="GCCollectionMode.Aggressive"/>). The runner calls it once, before publishing a split drop: the run's
    /// peak comes while the tables are serialised, which then start from a compact heap instead of on top of the series
    /// and partition memory not yet collected.
    /// </summary>
    internal static void CompactHeap()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        ReturnMemory();
    }

    /// <summary>
    /// A full, compacting collection that also decommits the free memory the collector would otherwise keep for later
    /// allocations. Called where a phase's memory has just become garbage (the partitions', then the output rows'
    /// makings): a forced collection alone left the partitions' large arrays' space committed, and the output step
    /// then grew on top of it. At national scale the peak fell from 1,536–1,614 MiB to 1,362 with 128 MiB partitions,
    /// and from 1,778–1,806 to 1,424 with 256 MiB (docs/performance.md, ninth round).
    /// </summary>
    private static void ReturnMemory() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
