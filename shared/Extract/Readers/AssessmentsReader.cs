using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>
/// ssd_cin_assessments → <see cref="AssessmentRecord"/>. Completion = authorisation date. OutcomeNfa comes from
/// cina_assessment_outcome_nfa, or when that is blank from the NFA flag inside cina_assessment_outcome_json.
/// </summary>
internal sealed class AssessmentsReader(TableSpec spec, ReadContext context) : PersonRecordReader<AssessmentRecord>(spec, context)
{
    private const int Id = 0, Person = 1, Referral = 2, Start = 3, Auth = 4, OutcomeJson = 5, OutcomeNfa = 6, Team = 7, Worker = 8;

    public static readonly TableSpec Definition = new(Tables.Assessments,
        [Req("cina_assessment_id"), Req("cina_person_id"), Opt("cina_referral_id"), Req("cina_assessment_start_date"),
         Opt("cina_assessment_auth_date"), Opt("cina_assessment_outcome_json"), Opt("cina_assessment_outcome_nfa"),
         Opt("cina_assessment_team"), Opt("cina_assessment_worker_id")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new AssessmentsReader(s, c));

    protected override bool TryRead(ref Row row, out AssessmentRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDate(Start, out var start)) return false;
        var auth = row.Date(Auth);
        if (!row.EndNotBeforeStart(Start, start, Auth, auth)) return false;
        var nfa = row.Bool(OutcomeNfa);
        if (nfa is null)
        {
            var json = row[OutcomeJson];
            if (!json.IsEmpty && !OutcomeFlags.TryGetNfa(json, out nfa))
                row.Warn(DropRules.BadJson, "cina_assessment_outcome_json is not valid JSON; NFA outcome treated as unknown");
        }
        if (!row.ClaimKey() || !row.Person(Person, out var person)) return false;
        record = new AssessmentRecord(person, row.Link(Referral), start, auth, nfa, row.Team(Team), row.Worker(Worker));
        return true;
    }

    protected override AssessmentRecord Finalise(in AssessmentRecord r) =>
        r with { Person = FinalPerson(r.Person), Team = FinalTeam(r.Team), Worker = FinalWorker(r.Worker) };
}
