using System.Runtime.CompilerServices;
using KpiPipeline.Benchmarks;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis.Families;

// Management (kpi-catalogue.md "Management and workforce"): child-based measures. Caseload is in
// Kpis/Caseloads.cs, workforce rates in Kpis/WorkforceKpis.cs.

internal sealed class OpenCases : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("open_cases", "Open cases", Categories.Management,
        KpiUnit.Count, Polarity.None, "children at D on a CIN plan, a CP plan or cared for", null, []);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        for (var dates = c.OpenCase; !dates.IsEmpty; dates = dates.WithoutFirst) sink.Count(dates.First, c.AttributeNow(dates.First));
    }
}

/// <summary>Shared rule of case supervision and management oversight recording.</summary>
internal static class SupervisionRecency
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DateOnly? Latest(ReadOnlySpan<SupervisionRecord> records, SupervisionKind kind, DateOnly d)
    {
        for (var i = records.Length - 1; i >= 0; i--)
            if (records[i].Kind == kind && records[i].Date <= d) return records[i].Date;
        return null;
    }

    public static bool RecordedWithin(in ChildHistory c, SupervisionKind kind, DateOnly d) =>
        Latest(c.Person.Supervision, kind, d) is { } last && c.Calendar.Between(last, d) <= IntervalFor(c.Settings, kind);

    /// <summary>Each open case at each as-at date, met when a record of <paramref name="kind"/> is recent enough.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MeasureOpenCases(in ChildHistory c, KpiSink sink, SupervisionKind kind)
    {
        for (var dates = c.OpenCase; !dates.IsEmpty; dates = dates.WithoutFirst)
        {
            var d = dates.First;
            sink.Outcome(d, c.AttributeNow(d), RecordedWithin(c, kind, c.Dates[d]));
        }
    }

    public static int IntervalFor(KpiRuleSettings settings, SupervisionKind kind) =>
        kind == SupervisionKind.Supervision ? settings.SupervisionIntervalWorkingDays : settings.OversightIntervalWorkingDays;
}

internal sealed class CaseSupervisionRecorded : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("case_supervision_recorded", "Open cases with case supervision recorded", Categories.Management,
        KpiUnit.Percent, Polarity.High, "of open cases, those with a SUPERVISION record in the last 30 working days to D", null, [Tables.Supervision]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink) => SupervisionRecency.MeasureOpenCases(c, sink, SupervisionKind.Supervision);
}

internal sealed class ManagementOversightRecorded : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("management_oversight_recorded", "Open cases with management oversight recorded", Categories.Management,
        KpiUnit.Percent, Polarity.High, "of open cases, those with an OVERSIGHT record in the last 30 working days to D", null, [Tables.Supervision]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink) => SupervisionRecency.MeasureOpenCases(c, sink, SupervisionKind.Oversight);
}
