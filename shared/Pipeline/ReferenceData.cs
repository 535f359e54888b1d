using KpiPipeline.Benchmarks;
using KpiPipeline.Calendar;
using KpiPipeline.Kpis;

namespace KpiPipeline.Pipeline;

/// <summary>
/// The reference data a run needs besides the drop: the working-day calendar, the 0–17 population
/// for rates, the configurable KPI rule settings, and (when benchmarking) the reference pack with the
/// statistical-neighbour and RAG settings.
/// </summary>
public sealed record ReferenceData(
    WorkingDayCalendar Calendar,
    Func<string, DateOnly, double?> Population,
    KpiRuleSettings Settings,
    ReferencePack? Pack = null,
    KpiSettings? KpiSettings = null);
