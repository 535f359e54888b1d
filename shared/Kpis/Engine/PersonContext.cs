using KpiPipeline.Calendar;

namespace KpiPipeline.Kpis.Engine;

/// <summary>One child at one as-at date, with everything a KPI rule needs to measure it.</summary>
public readonly ref struct PersonContext
{
    public PersonContext(in PersonView person, DateOnly asAt, in CohortFacts facts, KpiEnvironment env)
    {
        Person = person;
        AsAt = asAt;
        Facts = facts;
        Env = env;
    }

    public PersonView Person { get; }
    public DateOnly AsAt { get; }
    public CohortFacts Facts { get; }
    public KpiEnvironment Env { get; }

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
