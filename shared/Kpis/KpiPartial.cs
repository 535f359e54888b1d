using KpiPipeline.Kpis.Engine;

namespace KpiPipeline.Kpis;

/// <summary>
/// What the per-child pass produced for some of the children: KPI tallies, caseload counts and child facts, with
/// team and worker codes of the <see cref="Organisation"/> it ran under. Partials of the same organisation merge
/// directly (<see cref="MergeFrom"/>); a partition's partial is added into the whole drop's with its codes
/// translated (<see cref="AddTo"/>), since each partition numbers the ids it alone met after the listed ones.
/// </summary>
public sealed class KpiPartial
{
    private KpiPartial(KpiTallies tallies, Caseloads caseloads)
    {
        Tallies = tallies;
        Caseloads = caseloads;
    }

    public KpiTallies Tallies { get; }
    public Caseloads Caseloads { get; }
    /// <summary>Facts at D of the children in no particular cohort order, in person-code order within one partial.</summary>
    public List<ChildFact> Children { get; } = new();

    /// <summary>An empty partial sized for <paramref name="org"/>'s services, teams and workers.</summary>
    public static KpiPartial For(Organisation org, int dates) => Sized(dates, org.Services.Count, org.TeamCount, org.WorkerCount);

    /// <summary>
    /// An empty partial for <paramref name="org"/>: <paramref name="spare"/> cleared when it has that shape (a partition's
    /// partials are ~100 MB at national scale, mostly worker tallies; reusing them spares the garbage collector), else a new one.
    /// </summary>
    public static KpiPartial For(Organisation org, int dates, KpiPartial? spare)
    {
        if (spare is null || !spare.Tallies.Fits(PersonKpis.All.Count, dates, org.Services.Count, org.TeamCount, org.WorkerCount)
                          || !spare.Caseloads.Fits(dates, org.WorkerCount))
            return For(org, dates);
        spare.Tallies.Clear();
        spare.Caseloads.Clear();
        spare.Children.Clear();
        return spare;
    }

    public static KpiPartial Sized(int dates, int services, int teams, int workers) =>
        new(new KpiTallies(PersonKpis.All.Count, dates, services, teams, workers), new Caseloads(dates, workers));

    /// <summary>Adds a partial of the same organisation (same codes, same sizes), children included.</summary>
    public void MergeFrom(KpiPartial other)
    {
        Tallies.MergeFrom(other.Tallies);
        Caseloads.MergeFrom(other.Caseloads);
        Children.AddRange(other.Children);
    }

    /// <summary>
    /// Adds this partial's tallies and caseloads into <paramref name="target"/>, whose team t and worker w are
    /// <paramref name="teamMap"/>[t] and <paramref name="workerMap"/>[w] here. Child facts are not carried: their
    /// codes belong to this partial's organisation, so callers turn them into rows first.
    /// </summary>
    public void AddTo(KpiPartial target, int[] teamMap, int[] workerMap)
    {
        Tallies.AddTo(target.Tallies, teamMap, workerMap);
        Caseloads.AddTo(target.Caseloads, teamMap, workerMap);
    }

    /// <summary>This partial's tallies and caseloads (not its children) in a larger organisation whose first codes are this one's.</summary>
    public KpiPartial Grown(int dates, int services, int teams, int workers)
    {
        if (teams == Tallies.Teams - 1 && workers == Tallies.Workers - 1) return this;
        var grown = Sized(dates, services, teams, workers);
        AddTo(grown, Identity(Tallies.Teams - 1), Identity(Tallies.Workers - 1));
        return grown;
    }

    private static int[] Identity(int n)
    {
        var map = new int[n];
        for (var i = 0; i < n; i++) map[i] = i;
        return map;
    }
}
