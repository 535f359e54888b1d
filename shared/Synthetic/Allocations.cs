using System.Runtime.CompilerServices;
using P = KpiPipeline.Synthetic.Calibration;

namespace KpiPipeline.Synthetic;

/// <summary>One worker holding a child's case for a spell (one ssd_involvements row).</summary>
internal sealed class Allocation : IRecyclable
{
    public long Id;
    public Worker Worker = null!;
    public Team Team = null!;
    public int Start;
    public int? End;
    public CsvLiteral? EndReason;
    public Episode? Episode;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Reset()
    {
        Id = 0;
        Worker = null!;
        Team = null!;
        Start = 0;
        End = null;
        EndReason = null;
        Episode = null;
    }
}

/// <summary>
/// Turns a child's case stages into worker allocations: the stage decides the service (assessment →
/// Assessment; CIN/CP → the child's locality, or CWCN for disabled children; care → Cared For, moving
/// to the Young Peoples Team a little after the 14th birthday; leaving care → Care Experienced).
/// Consecutive stages in the same service keep their worker; within a service the worker changes
/// now and then (staff leaving, reallocation), which is what makes "3+ social workers" happen.
/// </summary>
internal sealed class Allocations(Workforce workforce)
{
    private readonly Pool<Allocation> _pool = new();
    private readonly List<(ServiceKind Service, int Start, int? End, Episode? Episode)> _pieces = [];

    /// <summary>Fills <paramref name="into"/> with the child's allocations (objects valid until the next call).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Build(ChildRecord c, int asOf, Prng rng, List<Allocation> into)
    {
        into.Clear();
        _pool.ReturnAll();
        c.Stages.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var pieces = _pieces;
        pieces.Clear();
        foreach (var stage in c.Stages)
        {
            switch (stage.Stage)
            {
                case CaseStage.Assessment: Add(pieces, ServiceKind.Assessment, stage.Start, stage.End, stage.Episode); break;
                case CaseStage.Plan:
                    Add(pieces, c.Disabled ? ServiceKind.Cwcn : c.LocalityTwo ? ServiceKind.Localities2 : ServiceKind.Localities1, stage.Start, stage.End, stage.Episode);
                    break;
                case CaseStage.Care:
                    AddCare(pieces, c, stage, asOf, rng);
                    break;
                case CaseStage.Leaver: Add(pieces, ServiceKind.CareExperienced, stage.Start, stage.End, stage.Episode); break;
            }
        }

        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            var spec = Workforce.Spec(piece.Service);
            var team = workforce.PickTeam(piece.Service, rng);
            var transferNext = i + 1 < pieces.Count && pieces[i + 1].Start == piece.End;
            var t = piece.Start;
            Worker? previous = null;
            while (true)
            {
                var holder = Workforce.PickHolder(team, t, previous, rng);
                var worker = holder.Worker;
                // The spell ends at a reallocation, or when the worker leaves the post, whichever is first.
                var spellEnd = t + 30 + (int)rng.Exponential(spec.MeanWorkerSpellDays - 30);
                var workerLeaves = holder.End is { } left && left < spellEnd;
                if (workerLeaves) spellEnd = holder.End!.Value;
                var last = piece.End is { } pe ? spellEnd >= pe : spellEnd > asOf;
                int? end = last ? piece.End : spellEnd;
                var allocation = _pool.Rent();
                allocation.Worker = worker;
                allocation.Team = team;
                allocation.Start = t;
                allocation.End = end;
                allocation.Episode = piece.Episode;
                allocation.EndReason = end is null ? null
                    : !last ? (workerLeaves ? CodeLists.ChangeWorkerLeft : CodeLists.ReallocationReason.Sample(rng))
                    : transferNext ? CodeLists.ChangeTransfer : CodeLists.ChangeClosed;
                into.Add(allocation);
                if (last) break;
                previous = worker;
                t = spellEnd;
                if (rng.Chance(P.TeamMoveOnWorkerChange)) team = workforce.PickTeam(piece.Service, rng);
            }
        }
    }

    /// <summary>
    /// Care goes to Cared For, or to the Young Peoples Team from a little after the 14th birthday. A child
    /// coming into care from a locality or CWCN plan keeps that worker for the first months (until the
    /// care plan settles), as many LAs do: some cared-for children are allocated outside the care services.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddCare(List<(ServiceKind Service, int Start, int? End, Episode? Episode)> pieces, ChildRecord c, StageSpan stage, int asOf, Prng rng)
    {
        var start = stage.Start;
        if (pieces.Count > 0 && pieces[^1].End == start && pieces[^1].Service is ServiceKind.Localities1 or ServiceKind.Localities2 or ServiceKind.Cwcn)
        {
            var handover = start + rng.Int(P.CareHandoverMinDays, P.CareHandoverMaxDays);
            var keep = stage.End is { } se && se <= handover ? stage.End : handover > asOf ? null : handover;
            Add(pieces, pieces[^1].Service, start, keep, stage.Episode);
            if (keep is null || keep == stage.End) return;
            start = handover;
        }
        var transfer = c.Day14 + 30 + (c.Index % 60);
        if (start >= transfer) Add(pieces, ServiceKind.YoungPeople, start, stage.End, stage.Episode);
        else if (stage.End is { } e && e <= transfer) Add(pieces, ServiceKind.CaredFor, start, stage.End, stage.Episode);
        else if (transfer > asOf) Add(pieces, ServiceKind.CaredFor, start, stage.End, stage.Episode);
        else
        {
            Add(pieces, ServiceKind.CaredFor, start, transfer, stage.Episode);
            Add(pieces, ServiceKind.YoungPeople, transfer, stage.End, stage.Episode);
        }
    }

    /// <summary>Appends a stage, extending the previous piece when it continues it in the same service.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Add(List<(ServiceKind Service, int Start, int? End, Episode? Episode)> pieces, ServiceKind service, int start, int? end, Episode? ep)
    {
        if (pieces.Count > 0)
        {
            var last = pieces[^1];
            if (last.Service == service && (last.End is null || last.End >= start))
            {
                int? merged = last.End is null || end is null ? null : Math.Max(last.End.Value, end.Value);
                pieces[^1] = (service, last.Start, merged, last.Episode);
                return;
            }
            if (last.End is null || last.End > start)
            {
                // Stages overlap (e.g. an open assessment stage still running when a plan starts): the new stage takes over.
                pieces[^1] = (last.Service, last.Start, start, last.Episode);
                if (start <= last.Start) pieces.RemoveAt(pieces.Count - 1);
            }
        }
        pieces.Add((service, start, end, ep));
    }

    /// <summary>The allocation holding the case on <paramref name="day"/>, else the nearest one before it, else the first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Allocation? At(List<Allocation> allocations, int day)
    {
        Allocation? before = null;
        foreach (var a in allocations)
        {
            if (a.Start <= day && (a.End is null || a.End > day)) return a;
            if (a.Start <= day) before = a;
        }
        return before ?? (allocations.Count > 0 ? allocations[0] : null);
    }
}
