namespace KpiPipeline.Kpis;

/// <summary>
/// The configurable parts of the KPI rules (kpi-catalogue.md: "Targets, tolerances and
/// visit/supervision intervals live in a configuration file, not in code"). Defaults are the
/// catalogue's; the settings file (Resources/kpi-settings.json) overrides them.
/// </summary>
public sealed record KpiRuleSettings
{
    /// <summary>CIN/CP visit interval in working days (cin_visited_20wd, cp_visited_20wd).</summary>
    public int VisitIntervalWorkingDays { get; init; } = 20;

    /// <summary>Case supervision / management oversight interval in working days.</summary>
    public int SupervisionIntervalWorkingDays { get; init; } = 30;

    /// <summary>Assessment timescale in working days.</summary>
    public int AssessmentTimescaleWorkingDays { get; init; } = 45;

    /// <summary>ICPC timescale in working days from the S47 start.</summary>
    public int IcpcTimescaleWorkingDays { get; init; } = 15;

    /// <summary>CIN plan authorisation timescale in working days.</summary>
    public int CinPlanAuthorisationWorkingDays { get; init; } = 20;

    /// <summary>Placement types treated as long-term for the 3-monthly cared-for visit rule (reg. 28).</summary>
    public IReadOnlyList<string> LongTermPlacementTypes { get; init; } = ["U1", "U4"];

    /// <summary>Measure assessment timeliness from the referral date instead of the assessment start (DfE uses the start).</summary>
    public bool AssessmentTimelinessFromReferral { get; init; }

    /// <summary>Care leaver activity codes that count as in education, employment or training.</summary>
    public IReadOnlyList<string> EetActivityCodes { get; init; } = ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"];

    public static KpiRuleSettings Default { get; } = new();
}
