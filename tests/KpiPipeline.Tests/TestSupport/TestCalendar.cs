using KpiPipeline.Benchmarks;
using KpiPipeline.Calendar;
using KpiPipeline.Pipeline;

namespace KpiPipeline.Tests.TestSupport;

/// <summary>The England &amp; Wales working-day calendar the product ships (built from the reference pack).</summary>
public static class TestCalendar
{
    private static readonly Lazy<WorkingDayCalendar> Instance = new(() => ReferenceDataLoader.CalendarOf(ReferencePack.LoadEmbedded()));

    public static WorkingDayCalendar EnglandAndWales => Instance.Value;
}
