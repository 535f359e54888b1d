using System.Runtime.CompilerServices;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis.Engine;

/// <summary>
/// The engine's work for one child: skip a child with nothing in any window, derive the cohort facts at
/// every as-at date, let each child-based KPI measure the child once for all dates, count the child's
/// caseloads and build its snapshot row.
/// </summary>
/// <remarks>
/// The pass runs once per process over every child of the drop. Under tiered compilation its first calls
/// would run as unoptimised tier-0 code (no inlining: every span and property access a call) until the
/// runtime recompiles them, which at scale 6 cost about as much CPU as the pass itself. So the methods on
/// this path are marked <see cref="MethodImplOptions.AggressiveOptimization"/>: compiled optimised once.
/// </remarks>
internal static class ChildPass
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Measure(
        CaseData data, int person, DateOnly dormantUpTo, SnapshotDates dates, KpiEnvironment env,
        KpiSink sink, Caseloads caseloads, List<ChildFact> children)
    {
        var view = new PersonView(data, person);
        var hasCase = view.HasCaseHistory;
        if (!hasCase && view.Contacts.IsEmpty) return;
        if (!view.ActiveAfter(dormantUpTo)) return;

        var history = sink.Open(view, hasCase, dates, env);
        var kpis = PersonKpis.Ordered;
        if (!hasCase)
        {
            // A child with contacts only can count in nothing but the contact KPIs.
            foreach (var k in PersonKpis.WithoutCaseHistory)
            {
                sink.Bind(k);
                kpis[k].Measure(history, sink);
            }
            return;
        }
        for (var k = 0; k < kpis.Length; k++)
        {
            sink.Bind(k);
            kpis[k].Measure(history, sink);
        }
        caseloads.Measure(view, history.Dates, env.Organisation);
        if (ChildFactBuilder.Build(history.At(SnapshotDates.Current)) is { } child) children.Add(child);
    }
}
