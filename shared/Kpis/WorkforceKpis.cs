using KpiPipeline.Benchmarks;
using KpiPipeline.Calendar;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis;

/// <summary>
/// Workforce rates from ext_workforce (staffing per team per month), summed over teams for services and the LA.
/// vacancy_rate and agency_rate use the month containing the as-at date; sickness_absence_rate uses the
/// 12 months to it (the months whose first day is in (D − 1 year, D]). A month without wf_working_days
/// uses the calendar's working days of that month.
/// </summary>
public static class WorkforceKpis
{
    public static readonly KpiDefinition Vacancy = new("vacancy_rate", "Vacancy rate", Categories.Management, KpiUnit.Percent, Polarity.Low,
        "vacancy FTE ÷ (vacancy FTE + employed FTE) for the month containing D", "Work_Force_Vac_Rate", [Tables.Workforce]);

    public static readonly KpiDefinition Agency = new("agency_rate", "Agency rate", Categories.Management, KpiUnit.Percent, Polarity.Low,
        "agency FTE ÷ (agency FTE + employed FTE) for the month containing D", "Work_Force_Agecy_Rate", [Tables.Workforce]);

    public static readonly KpiDefinition Sickness = new("sickness_absence_rate", "Sickness absence", Categories.Management, KpiUnit.Percent, Polarity.Low,
        "days lost ÷ (employed FTE × working days) over the 12 months to D", "Work_Force_SWAbsence", [Tables.Workforce]);

    public static readonly IReadOnlyList<KpiDefinition> Definitions = [Vacancy, Agency, Sickness];

    public static IEnumerable<KpiSeries> Series(CaseData data, SnapshotDates dates, Organisation org, WorkingDayCalendar calendar)
    {
        var series = new Dictionary<(KpiDefinition, Breakdown, int), KpiSeries>();
        var tallies = new Dictionary<(KpiDefinition, Breakdown, int, int), Tally>();

        void Add(KpiDefinition def, int team, int date, double num, double den)
        {
            foreach (var (level, key) in new[] { (Breakdown.La, IdMap.None), (Breakdown.Service, org.ServiceOf(team)), (Breakdown.Team, team) })
            {
                tallies.TryGetValue((def, level, key, date), out var t);
                t.Add(num, den);
                tallies[(def, level, key, date)] = t;
            }
        }

        for (var d = 0; d < dates.Count; d++)
        {
            var asAt = dates.All[d];
            var month = new DateOnly(asAt.Year, asAt.Month, 1);
            foreach (var row in data.Workforce)
            {
                if (row.Month == month)
                {
                    Add(Vacancy, row.Team, d, row.VacancyFte, row.VacancyFte + row.EmployedFte);
                    Add(Agency, row.Team, d, row.AgencyFte, row.AgencyFte + row.EmployedFte);
                }
                if (Periods.InLast12Months(row.Month, asAt) && row.SicknessDaysLost is { } lost)
                {
                    var workingDays = row.WorkingDays ?? calendar.Between(row.Month.AddDays(-1), row.Month.AddMonths(1).AddDays(-1));
                    Add(Sickness, row.Team, d, lost, row.EmployedFte * workingDays);
                }
            }
        }

        foreach (var def in Definitions)
            series[(def, Breakdown.La, IdMap.None)] = new KpiSeries(def, Breakdown.La, IdMap.None, dates.Count);
        foreach (var ((def, level, key, date), tally) in tallies)
        {
            if (!series.TryGetValue((def, level, key), out var s)) series[(def, level, key)] = s = new KpiSeries(def, level, key, dates.Count);
            s.Set(date, tally, KpiFormula.Percentage);
        }
        return series.Values;
    }
}
