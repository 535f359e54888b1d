namespace KpiPipeline.Kpis.Engine;

/// <summary>How a KPI's value follows from its summed numerator and denominator.</summary>
public enum KpiFormula
{
    /// <summary>value = numerator (a plain count; numerator/denominator are not published).</summary>
    Total,
    /// <summary>value = numerator ÷ denominator × 100; null when the denominator is 0.</summary>
    Percentage,
    /// <summary>value = numerator ÷ denominator (an average); null when the denominator is 0.</summary>
    Mean,
}

/// <summary>
/// A child-based KPI: measured child by child, once for all as-at dates (an event is looked at once and
/// counted at every date whose window holds it), contributions attributed to the child's worker/team.
/// One class per KPI, grouped in one file per family (Kpis/Families).
/// </summary>
public abstract class PersonKpi
{
    public abstract KpiDefinition Definition { get; }

    public virtual KpiFormula Formula => Definition.Unit == KpiUnit.Percent ? KpiFormula.Percentage : KpiFormula.Total;

    /// <summary>False for KPIs about contacts, which most children in a drop have and nothing else.</summary>
    public virtual bool NeedsCaseHistory => true;

    /// <summary>Adds the child's contributions at every as-at date to <paramref name="sink"/>.</summary>
    public abstract void Measure(in ChildHistory c, KpiSink sink);
}
