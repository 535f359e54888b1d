using KpiPipeline.Kpis.Engine;
using KpiPipeline.Kpis.Families;

namespace KpiPipeline.Kpis;

/// <summary>The registry of child-based KPIs, in scorecard order. Add a new one here and in its family file.</summary>
public static class PersonKpis
{
    public static IReadOnlyList<PersonKpi> All { get; } =
    [
        new ContactsLast12Months(),
        new ReferralsLast12Months(),
        new AssessmentsLast12Months(),
        new OpenAssessments(),
        new ChildrenOnCinPlan(),
        new ChildrenSubjectToS47(),
        new S47EnquiriesLast12Months(),
        new ChildrenOnCpPlan(),
        new CaredForChildren(),
        new CaredForPlacedWithParents(),
        new CinPlanStartsPerWeek(),
        new ContactsDecidedWithin24Hours(),
        new AssessmentsWithin45WorkingDays(),
        new IcpcsWithin15WorkingDays(),
        new CinVisitedWithin20WorkingDays(),
        new CpVisitedWithin20WorkingDays(),
        new CaredForVisitedInTimescale(),
        new CinPlansAuthorisedWithin20WorkingDays(),
        new CinReviewsOnTime(),
        new ReReferralsWithin12Months(),
        new AssessmentsEndingInNfa(),
        new CpPlansForSubsequentTime(),
        new OpenCases(),
        new CaseSupervisionRecorded(),
        new ManagementOversightRecorded(),
        new CaredForWith3PlusPlacements(),
        new CaredForWith3PlusSocialWorkers(),
        new CareLeaversInEet(),
    ];
}

/// <summary>Every KPI the pipeline publishes (dim_kpi), in scorecard order.</summary>
public static class KpiCatalogue
{
    public static IReadOnlyList<KpiDefinition> All { get; } = Build();

    private static IReadOnlyList<KpiDefinition> Build()
    {
        var list = new List<KpiDefinition>();
        list.AddRange(PersonKpis.All.Select(k => k.Definition));
        list.AddRange(DerivedKpis.Rates.Select(r => r.Definition));
        list.Add(DerivedKpis.ContactConversion);
        list.Add(Caseloads.Average);
        list.Add(Caseloads.SixMonthAverage);
        list.AddRange(WorkforceKpis.Definitions);
        list.AddRange(AuditKpis.ByGrade.Select(g => g.Definition));
        var duplicate = list.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"KPI id '{duplicate.Key}' is defined twice.");
        return list;
    }

    public static KpiDefinition Get(string id) => All.FirstOrDefault(d => d.Id == id)
        ?? throw new KeyNotFoundException($"No KPI '{id}' in the catalogue.");
}
