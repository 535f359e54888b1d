using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>
/// ext_workforce → <see cref="WorkforceRecord"/>: one row per team and month (that pair is the key).
/// A wf_month that is not the 1st is moved to the 1st of its month, with a warning.
/// </summary>
internal sealed class WorkforceReader(TableSpec spec, ReadContext context) : ListRecordReader<WorkforceRecord>(spec, context)
{
    private const int Team = 0, Month = 1, Establishment = 2, Employed = 3, Agency = 4, Vacancy = 5, Sickness = 6, WorkingDays = 7;

    public static readonly TableSpec Definition = new(Tables.Workforce,
        [Req("wf_team_id"), Req("wf_month"), Opt("wf_establishment_fte"), Req("wf_employed_fte"), Req("wf_agency_fte"),
         Req("wf_vacancy_fte"), Opt("wf_sickness_days_lost"), Opt("wf_working_days")],
        KeyColumn: Team, PersonColumn: -1, IsDimension: false, (s, c) => new WorkforceReader(s, c));

    protected override bool TryRead(ref Row row, out WorkforceRecord record)
    {
        record = default;
        var teamId = row.ReadKey(Team);
        if (teamId.IsEmpty) return row.Reject(DropRules.MissingValue, "wf_team_id is empty");
        if (teamId.Length > Row.MaxIdLength) return row.Reject(DropRules.IdTooLong, $"wf_team_id is longer than {Row.MaxIdLength} characters");
        if (!row.RequiredDate(Month, out var month)) return false;
        if (month.Day != 1)
        {
            var first = new DateOnly(month.Year, month.Month, 1);
            row.Warn(DropRules.MonthNotFirstDay, $"wf_month {month:yyyy-MM-dd} is not the first day of a month; read as {first:yyyy-MM-dd}");
            month = first;
        }
        if (!row.UniqueKey(LinkKey.Of(teamId) ^ (month.DayNumber * unchecked((long)0x9E3779B97F4A7C15)), $"wf_team_id {row.Quote(Team, teamId)} with wf_month {month:yyyy-MM}"))
            return false;
        if (!row.RequiredNonNegative(Employed, out var employed) || !row.RequiredNonNegative(Agency, out var agency)
            || !row.RequiredNonNegative(Vacancy, out var vacancy)) return false;
        var establishment = row.NonNegative(Establishment);
        var sickness = row.NonNegative(Sickness);
        var workingDays = row.NonNegative(WorkingDays);
        if (!row.RequiredTeam(Team, out var team)) return false;
        record = new WorkforceRecord(team, month, establishment, employed, agency, vacancy, sickness, workingDays);
        return true;
    }

    protected override WorkforceRecord Finalise(in WorkforceRecord r) => r with { Team = FinalTeam(r.Team) };
}
