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

    public override void Measure(in PersonContext c, KpiSink sink)
    {
        if (c.Facts.HasOpenCase) sink.Count(c.AttributeNow());
    }
}

/// <summary>Shared rule of case supervision and management oversight recording.</summary>
internal static class SupervisionRecency
{
    public static DateOnly? Latest(ReadOnlySpan<SupervisionRecord> records, SupervisionKind kind, DateOnly d)
    {
        for (var i = records.Length - 1; i >= 0; i--)
            if (records[i].Kind == kind && records[i].Date <= d) return records[i].Date;
        return null;
    }

    public static bool RecordedWithin(in PersonContext c, SupervisionKind kind) =>
        Latest(c.Person.Supervision, kind, c.AsAt) is { } last && c.Calendar.Between(last, c.AsAt) <= IntervalFor(c.Settings, kind);

    public static int IntervalFor(KpiRuleSettings settings, SupervisionKind kind) =>
        kind == SupervisionKind.Supervision ? settings.SupervisionIntervalWorkingDays : settings.OversightIntervalWorkingDays;
}

internal sealed class CaseSupervisionRecorded : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("case_supervision_recorded", "Open cases with case supervision recorded", Categories.Management,
        KpiUnit.Percent, Polarity.High, "of open cases, those with a SUPERVISION record in the last 30 working days to D", null, [Tables.Supervision]);

    public override void Measure(in PersonContext c, KpiSink sink)
    {
        if (c.Facts.HasOpenCase) sink.Outcome(c.AttributeNow(), SupervisionRecency.RecordedWithin(c, SupervisionKind.Supervision));
    }
}

internal sealed class ManagementOversightRecorded : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("management_oversight_recorded", "Open cases with management oversight recorded", Categories.Management,
        KpiUnit.Percent, Polarity.High, "of open cases, those with an OVERSIGHT record in the last 30 working days to D", null, [Tables.Supervision]);

    public override void Measure(in PersonContext c, KpiSink sink)
    {
        if (c.Facts.HasOpenCase) sink.Outcome(c.AttributeNow(), SupervisionRecency.RecordedWithin(c, SupervisionKind.Oversight));
    }
}
