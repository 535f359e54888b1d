using KpiPipeline.Calendar;

namespace KpiPipeline.Kpis.Engine;

/// <summary>One child at one as-at date, with everything a KPI rule needs to measure it.</summary>
public readonly ref struct PersonContext
{
    public PersonContext(scoped in PersonView person, DateOnly asAt, scoped in CohortFacts facts, KpiEnvironment env)
    {
        Person = person;
        AsAt = asAt;
        Facts = facts;
        Env = env;
    }

    // Fields, not properties: a property getter returns the (large) view by value, and every
    // c.Person.X would copy ~20 spans with GC write barriers. A field is read in place.
    public readonly PersonView Person;
    public readonly DateOnly AsAt;
    public readonly CohortFacts Facts;
    public readonly KpiEnvironment Env;

    public WorkingDayCalendar Calendar => Env.Calendar;
    public KpiRuleSettings Settings => Env.Settings;

    public bool InWindow(DateOnly date) => Periods.InLast12Months(date, AsAt);

    /// <summary>
    /// Attribution for a contribution about an event on <paramref name="day"/>: the case-worker allocation open
    /// that day, else the record's own worker/team columns (kpi-catalogue.md "Breakdowns").
    /// </summary>
    public Attribution AttributeAt(DateOnly day, int recordWorker, int recordTeam)
    {
        var alloc = day == AsAt ? Facts.Allocation : CohortFacts.CaseWorkerAt(Person, day);
        return Env.Organisation.Complete(alloc.Worker != Model.IdMap.None ? alloc : new Attribution(recordWorker, recordTeam));
    }

    /// <summary>Attribution of a child counted in a cohort open at the as-at date.</summary>
    public Attribution AttributeNow(int recordWorker = Model.IdMap.None, int recordTeam = Model.IdMap.None) =>
        AttributeAt(AsAt, recordWorker, recordTeam);
}

/// <summary>What stays the same for every child of one run: calendar, settings, organisation.</summary>
public sealed record KpiEnvironment(WorkingDayCalendar Calendar, KpiRuleSettings Settings, Organisation Organisation);
