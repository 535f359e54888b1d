using KpiPipeline.Model;

namespace KpiPipeline.Tests.TestSupport;

/// <summary>
/// Builds a CaseData in memory from a few hand-written rows (string ids, ISO dates), for KPI tests that
/// need exact control of every record without going through CSV files.
/// </summary>
public sealed class CaseDataBuilder
{
    private readonly IdMap _people = new();
    private readonly IdMap _workers = new();
    private readonly IdMap _teams = new();
    private readonly HashSet<string> _tables = new(Tables.All);
    private readonly List<PersonRecord> _persons = new();
    private readonly List<ContactRecord> _contacts = new();
    private readonly List<ReferralRecord> _referrals = new();
    private readonly List<AssessmentRecord> _assessments = new();
    private readonly List<S47Record> _s47 = new();
    private readonly List<IcpcRecord> _icpcs = new();
    private readonly List<CinPlanRecord> _cinPlans = new();
    private readonly List<CpPlanRecord> _cpPlans = new();
    private readonly List<ClaEpisodeRecord> _cla = new();
    private readonly List<PlacementRecord> _placements = new();
    private readonly List<LegalStatusRecord> _legal = new();
    private readonly List<VisitRecord> _cinVisits = new(), _cpVisits = new(), _claVisits = new();
    private readonly List<CareLeaverRecord> _leavers = new();
    private readonly List<InvolvementRecord> _involvements = new();
    private readonly List<SupervisionRecord> _supervision = new();
    private readonly List<CinReviewRecord> _reviews = new();
    private readonly List<WorkforceRecord> _workforce = new();
    private readonly List<AuditRecord> _audits = new();
    private readonly Dictionary<int, TeamInfo> _teamInfo = new();
    private readonly Dictionary<int, WorkerInfo> _workerInfo = new();

    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
    private static DateOnly? Opt(string? iso) => iso is null ? null : D(iso);

    public int P(string id) => _people.GetOrAdd(id);
    public int W(string? id) => _workers.GetOrAdd(id);
    public int T(string? id) => _teams.GetOrAdd(id);

    public CaseDataBuilder Without(string table) { _tables.Remove(table); return this; }

    public CaseDataBuilder Person(string id, string? dob = null) { _persons.Add(new(P(id), Opt(dob), null, null)); return this; }
    public CaseDataBuilder Team(string id, string service) { _teamInfo[T(id)] = new TeamInfo(T(id), id, service); return this; }
    public CaseDataBuilder Worker(string id, string team, string? manager = null) { _workerInfo[W(id)] = new WorkerInfo(W(id), id, null, T(team), W(manager), false, null); return this; }

    public CaseDataBuilder Contact(string person, string at, string? decided = null)
    {
        _contacts.Add(new(P(person), DateTime.Parse(at), decided is null ? null : DateTime.Parse(decided)));
        return this;
    }

    public CaseDataBuilder Referral(string person, string date, string? id = null, string? worker = null, string? team = null)
    {
        _referrals.Add(new(P(person), LinkKey.Of(id ?? ""), D(date), null, false, W(worker), T(team)));
        return this;
    }

    public CaseDataBuilder Assessment(string person, string start, string? authorised = null, bool? nfa = null, string? referralId = null, string? worker = null, string? team = null)
    {
        _assessments.Add(new(P(person), LinkKey.Of(referralId ?? ""), D(start), Opt(authorised), nfa, W(worker), T(team)));
        return this;
    }

    public CaseDataBuilder S47(string person, string start, string? id = null, string? end = null)
    {
        _s47.Add(new(P(person), LinkKey.Of(id ?? ""), LinkKey.None, D(start), Opt(end), IdMap.None, IdMap.None));
        return this;
    }

    public CaseDataBuilder Icpc(string person, string date, string? s47Id = null, bool transferIn = false)
    {
        _icpcs.Add(new(P(person), LinkKey.Of(s47Id ?? ""), D(date), transferIn, IdMap.None, IdMap.None));
        return this;
    }

    public CaseDataBuilder CinPlan(string person, string start, string? end = null, string? authorised = null, string? worker = null, string? team = null)
    {
        _cinPlans.Add(new(P(person), D(start), Opt(end), Opt(authorised), W(worker), T(team)));
        return this;
    }

    public CaseDataBuilder CpPlan(string person, string start, string? end = null, int? previous = null)
    {
        _cpPlans.Add(new(P(person), D(start), Opt(end), previous));
        return this;
    }

    public CaseDataBuilder Cla(string person, string start, string? ceased = null) { _cla.Add(new(P(person), D(start), Opt(ceased))); return this; }
    public CaseDataBuilder Placement(string person, string start, string? end = null, string? type = null) { _placements.Add(new(P(person), D(start), Opt(end), type)); return this; }
    public CaseDataBuilder Legal(string person, string code, string start, string? end = null) { _legal.Add(new(P(person), code, D(start), Opt(end))); return this; }
    public CaseDataBuilder CinVisit(string person, string date, bool? seen = true) { _cinVisits.Add(new(P(person), D(date), seen)); return this; }
    public CaseDataBuilder CpVisit(string person, string date, bool? seen = true) { _cpVisits.Add(new(P(person), D(date), seen)); return this; }
    public CaseDataBuilder ClaVisit(string person, string date, bool? seen = true) { _claVisits.Add(new(P(person), D(date), seen)); return this; }
    public CaseDataBuilder CareLeaver(string person, string? activity, string? inTouch = "YES") { _leavers.Add(new(P(person), activity, inTouch, null, IdMap.None, IdMap.None)); return this; }

    public CaseDataBuilder Involvement(string person, string worker, string start, string? end = null, string? team = null, string role = "CW")
    {
        _involvements.Add(new(P(person), W(worker), T(team), role == "CW", D(start), Opt(end)));
        return this;
    }

    public CaseDataBuilder Supervision(string person, string date, SupervisionKind kind = SupervisionKind.Supervision) { _supervision.Add(new(P(person), D(date), kind)); return this; }
    public CaseDataBuilder CinReview(string person, string due, string? held) { _reviews.Add(new(P(person), D(due), Opt(held))); return this; }

    public CaseDataBuilder Workforce(string team, string month, double employed, double agency, double vacancy, double? sicknessDays = null, double? workingDays = null)
    {
        _workforce.Add(new(T(team), D(month), null, employed, agency, vacancy, sicknessDays, workingDays));
        return this;
    }

    public CaseDataBuilder Audit(string date, AuditGrade grade, string? team = null) { _audits.Add(new(IdMap.None, D(date), grade, T(team))); return this; }

    public CaseData Build(string la = "343", string extractDate = "2023-05-31")
    {
        var people = _people.Count;
        PersonTable<TRow> Group<TRow>(List<TRow> rows) where TRow : struct, IPersonRow
        {
            var b = new PersonTableBuilder<TRow>();
            foreach (var r in rows) b.Add(r);
            return b.Build(people);
        }

        return new CaseData
        {
            LaCode = la,
            ExtractDate = D(extractDate),
            People = _people,
            Workers = _workers,
            Teams = _teams,
            TablesPresent = _tables,
            Persons = Group(_persons),
            Contacts = Group(_contacts),
            Referrals = Group(_referrals),
            Assessments = Group(_assessments),
            S47Enquiries = Group(_s47),
            Icpcs = Group(_icpcs),
            CinPlans = Group(_cinPlans),
            CpPlans = Group(_cpPlans),
            ClaEpisodes = Group(_cla),
            Placements = Group(_placements),
            LegalStatuses = Group(_legal),
            CinVisits = Group(_cinVisits),
            CpVisits = Group(_cpVisits),
            ClaVisits = Group(_claVisits),
            CareLeavers = Group(_leavers),
            Involvements = Group(_involvements),
            Supervision = Group(_supervision),
            CinReviews = Group(_reviews),
            TeamInfo = Enumerable.Range(0, _teams.Count).Select(t => _teamInfo.GetValueOrDefault(t)).ToList(),
            WorkerInfo = Enumerable.Range(0, _workers.Count).Select(w => _workerInfo.GetValueOrDefault(w)).ToList(),
            Workforce = _workforce,
            Audits = _audits,
        };
    }
}
