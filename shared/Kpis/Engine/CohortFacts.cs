using System.Runtime.CompilerServices;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis.Engine;

/// <summary>
/// Where one child stands at one as-at date D, derived once and shared by every KPI and the child
/// snapshot: which cohorts the child is in (cared for, CP, CIN, open assessment), when each began,
/// the placement open at D and the case-worker allocation open at D.
/// </summary>
public readonly struct CohortFacts
{
    public bool CaredFor { get; init; }
    /// <summary>Start of the current period of care (contiguous episodes chained back).</summary>
    public DateOnly? CareStart { get; init; }
    /// <summary>Index into the child's placements of the placement open at D (latest start), or -1.</summary>
    public int PlacementAtD { get; init; }

    public bool OnCpPlan { get; init; }
    public DateOnly? CpPlanStart { get; init; }

    public bool OnCinPlan { get; init; }
    /// <summary>Earliest start among the CIN plans open at D.</summary>
    public DateOnly? CinPlanStart { get; init; }
    /// <summary>Index of that earliest open CIN plan, or -1 (its team/worker are the fallback attribution).</summary>
    public int CinPlanIndex { get; init; }

    /// <summary>Index of the earliest assessment open at D (started, not authorised by D), or -1.</summary>
    public int OpenAssessmentIndex { get; init; }

    /// <summary>The case-worker (CW) allocation open at D, or Unallocated.</summary>
    public Attribution Allocation { get; init; }

    public bool HasOpenCase => CaredFor || OnCpPlan || OnCinPlan;

    /// <summary>A child with no case history: in no cohort, unallocated.</summary>
    public static CohortFacts None { get; } = new() { PlacementAtD = -1, CinPlanIndex = -1, OpenAssessmentIndex = -1, Allocation = Attribution.Unallocated };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CohortFacts At(in PersonView p, DateOnly d)
    {
        var placement = -1;
        var caredFor = IsCaredFor(p, d, out var careStart);
        if (caredFor)
        {
            for (var i = 0; i < p.Placements.Length; i++)
            {
                ref readonly var pl = ref p.Placements[i];
                if (Periods.OpenAt(pl.StartDate, pl.EndDate, d)) placement = i; // rows are in start order: the last open one wins
            }
        }

        DateOnly? cpStart = null;
        foreach (ref readonly var cp in p.CpPlans)
            if (Periods.OpenAt(cp.StartDate, cp.EndDate, d) && (cpStart is null || cp.StartDate < cpStart)) cpStart = cp.StartDate;

        DateOnly? cinStart = null;
        var cinIndex = -1;
        for (var i = 0; i < p.CinPlans.Length; i++)
        {
            ref readonly var cin = ref p.CinPlans[i];
            if (Periods.OpenAt(cin.StartDate, cin.EndDate, d) && (cinStart is null || cin.StartDate < cinStart))
            {
                cinStart = cin.StartDate;
                cinIndex = i;
            }
        }

        var openAssessment = -1;
        for (var i = 0; i < p.Assessments.Length; i++)
        {
            ref readonly var a = ref p.Assessments[i];
            if (Periods.OpenAt(a.StartDate, a.AuthorisedDate, d)) { openAssessment = i; break; } // start order: first = earliest
        }

        return new CohortFacts
        {
            CaredFor = caredFor,
            CareStart = careStart,
            PlacementAtD = placement,
            OnCpPlan = cpStart is not null,
            CpPlanStart = cpStart,
            OnCinPlan = cinStart is not null,
            CinPlanStart = cinStart,
            CinPlanIndex = cinIndex,
            OpenAssessmentIndex = openAssessment,
            Allocation = CaseWorkerAt(p, d),
        };
    }

    /// <summary>
    /// cla_open: a CLA episode open at D, unless every legal status open at D is a short break (V3/V4).
    /// A child with no legal status recorded at D still counts (the episode is the primary evidence).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsCaredFor(in PersonView p, DateOnly d, out DateOnly? careStart)
    {
        careStart = null;
        var openIndex = -1;
        for (var i = 0; i < p.ClaEpisodes.Length; i++)
            if (Periods.OpenAt(p.ClaEpisodes[i].StartDate, p.ClaEpisodes[i].CeasedDate, d)) openIndex = i;
        if (openIndex < 0) return false;

        var anyStatus = false;
        var onlyShortBreaks = true;
        foreach (ref readonly var ls in p.LegalStatuses)
        {
            if (!Periods.OpenAt(ls.StartDate, ls.EndDate, d)) continue;
            anyStatus = true;
            if (ls.Code is not ("V3" or "V4")) onlyShortBreaks = false;
        }
        if (anyStatus && onlyShortBreaks) return false;

        // Chain back through episodes that follow on without a gap to find when this period of care began.
        var start = p.ClaEpisodes[openIndex].StartDate;
        for (var i = openIndex - 1; i >= 0; i--)
        {
            if (p.ClaEpisodes[i].CeasedDate is { } ceased && ceased >= start && p.ClaEpisodes[i].StartDate < start)
                start = p.ClaEpisodes[i].StartDate;
        }
        careStart = start;
        return true;
    }

    /// <summary>The CW involvement open at D with the latest start (the current allocated social worker).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Attribution CaseWorkerAt(in PersonView p, DateOnly d)
    {
        var found = Attribution.Unallocated;
        foreach (ref readonly var inv in p.Involvements)
        {
            if (inv.IsCaseWorker && Periods.OpenAt(inv.StartDate, inv.EndDate, d)) found = new Attribution(inv.Worker, inv.Team);
        }
        return found;
    }
}
