using System.Runtime.CompilerServices;
using KpiPipeline.Calendar;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis.Engine;

/// <summary>
/// One child at every as-at date of the snapshot: the child's rows, the cohort facts derived at each date, and
/// the dates at which the child is in each cohort. A KPI measures a child once for all dates: an event is
/// looked at once and counted at every date whose window holds it; a cohort rule runs at the dates the child
/// is in the cohort. Contributions go to <see cref="KpiSink"/> with the date (or dates) they belong to.
/// </summary>
public readonly ref struct ChildHistory
{
    // Fields, not properties: a property getter would return the large view by value (a copy of every span).
    public readonly PersonView Person;
    /// <summary>The child's cohort facts at each as-at date (index as in <see cref="Dates"/>).</summary>
    public readonly ReadOnlySpan<CohortFacts> Facts;
    public readonly AsAtWindows Dates;
    public readonly KpiEnvironment Env;

    public readonly DateSet CaredFor;
    public readonly DateSet OnCpPlan;
    public readonly DateSet OnCinPlan;
    /// <summary>Dates at which the child is cared for, on a CP plan or on a CIN plan (<see cref="CohortFacts.HasOpenCase"/>).</summary>
    public readonly DateSet OpenCase;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ChildHistory(scoped in PersonView person, ReadOnlySpan<CohortFacts> facts, AsAtWindows dates, KpiEnvironment env)
    {
        Person = person;
        Facts = facts;
        Dates = dates;
        Env = env;
        int cla = 0, cp = 0, cin = 0;
        for (var d = 0; d < facts.Length; d++)
        {
            if (facts[d].CaredFor) cla |= 1 << d;
            if (facts[d].OnCpPlan) cp |= 1 << d;
            if (facts[d].OnCinPlan) cin |= 1 << d;
        }
        CaredFor = new DateSet(cla);
        OnCpPlan = new DateSet(cp);
        OnCinPlan = new DateSet(cin);
        OpenCase = new DateSet(cla | cp | cin);
    }

    public WorkingDayCalendar Calendar => Env.Calendar;
    public KpiRuleSettings Settings => Env.Settings;

    /// <summary>The as-at dates whose rolling 12 months contain <paramref name="day"/>.</summary>
    public DateSet InWindow(DateOnly day) => Dates.InLast12Months(day);

    /// <summary>
    /// Attribution of a contribution about an event on <paramref name="day"/>: the case-worker allocation open that
    /// day, else the record's own worker/team (as <see cref="PersonContext.AttributeAt"/>; it does not depend on the
    /// as-at date, since the allocation at D is the case-worker allocation open on D).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Attribution AttributeAt(DateOnly day, int recordWorker, int recordTeam)
    {
        var alloc = CohortFacts.CaseWorkerAt(Person, day);
        return Env.Organisation.Complete(alloc.Worker != IdMap.None ? alloc : new Attribution(recordWorker, recordTeam));
    }

    /// <summary>Attribution of a child counted in a cohort open at as-at date <paramref name="date"/> (as <see cref="PersonContext.AttributeNow"/>).</summary>
    public Attribution AttributeNow(int date, int recordWorker = IdMap.None, int recordTeam = IdMap.None)
    {
        var alloc = Facts[date].Allocation;
        return Env.Organisation.Complete(alloc.Worker != IdMap.None ? alloc : new Attribution(recordWorker, recordTeam));
    }

    /// <summary>The child at one as-at date (for the child snapshot).</summary>
    public PersonContext At(int date) => new(Person, Dates[date], Facts[date], Env);
}
