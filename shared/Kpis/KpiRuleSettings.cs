using KpiPipeline.Benchmarks;

namespace KpiPipeline.Kpis;

/// <summary>
/// The configurable parameters of the KPI rules, as the engine reads them. They come from
/// <see cref="KpiSettings"/> (Resources/kpi-settings.json, overridable by a file): the defaults live there
/// only. Fixed parts of a KPI's definition (45 working days for an assessment, 15 for an ICPC, the EET
/// activity codes) are constants of the rule classes.
/// </summary>
public sealed record KpiRuleSettings
{
    public required int VisitIntervalWorkingDays { get; init; }
    public required int SupervisionIntervalWorkingDays { get; init; }
    public required int OversightIntervalWorkingDays { get; init; }
    public required int ClaFirstVisitDays { get; init; }
    public required int ClaVisitIntervalDays { get; init; }
    public required int ClaLongTermVisitIntervalMonths { get; init; }
    public required IReadOnlyList<string> LongTermPlacementTypes { get; init; }
    public required bool AssessmentTimelinessFromReferral { get; init; }

    public static KpiRuleSettings From(KpiSettings s) => new()
    {
        VisitIntervalWorkingDays = s.VisitIntervalWorkingDays,
        SupervisionIntervalWorkingDays = s.SupervisionIntervalWorkingDays,
        OversightIntervalWorkingDays = s.OversightIntervalWorkingDays,
        ClaFirstVisitDays = s.ClaFirstVisitDays,
        ClaVisitIntervalDays = s.ClaVisitIntervalDays,
        ClaLongTermVisitIntervalMonths = s.ClaLongTermVisitIntervalMonths,
        LongTermPlacementTypes = s.LongTermPlacementTypes,
        AssessmentTimelinessFromReferral = s.AssessmentTimelinessStart == AssessmentTimelinessStart.ReferralDate,
    };

    /// <summary>The shipped defaults (Resources/kpi-settings.json).</summary>
    public static KpiRuleSettings Default { get; } = From(KpiSettings.Default);
}
