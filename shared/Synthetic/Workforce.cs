namespace KpiPipeline.Synthetic;

/// <summary>A service (dept_team_parent_name) and how it is staffed.</summary>
/// <param name="TargetCaseload">Children per case-holding worker at the extract date (the seed's "Current" caseload).</param>
/// <param name="ChildrenAtScaleOne">Children the simulation allocates to the service at the extract date at scale 1
/// (measured from the generator), used with the target to size the workforce.</param>
/// <param name="MeanWorkerSpellDays">Mean days a child keeps the same worker in this service before a change.</param>
/// <param name="AgencyShare">Share of case-holding workers who are agency staff.</param>
internal sealed record ServiceSpec(string Id, string Name, int Teams, double TargetCaseload, double ChildrenAtScaleOne,
    double MeanWorkerSpellDays, double AgencyShare);

internal enum ServiceKind { Assessment, Localities1, Localities2, Cwcn, CaredFor, YoungPeople, CareExperienced }

internal sealed class Team
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required ServiceSpec Service { get; init; }
    public List<Worker> Current { get; } = [];
    public List<Worker> Former { get; } = [];
    public Worker Manager { get; set; } = null!;
}

internal sealed class Worker
{
    public required long Id { get; init; }
    public required string StaffId { get; init; }
    public required string Name { get; init; }
    public required string Email { get; init; }
    public string? RegistrationNo { get; init; }
    public required bool Agency { get; init; }
    public required string JobTitle { get; init; }
    public required Team Team { get; init; }
    public required double Fte { get; init; }
    public Worker? Manager { get; set; }
}

/// <summary>
/// The fictional LA's services, teams and staff. Case-holding workers are sized from the expected
/// number of allocated children and the seed's caseload per service, so the average caseload
/// lands near the seed's figures at any scale. Each team also has former workers (agency churn)
/// who appear only in closed, historical allocations, and a team manager who does supervision.
/// </summary>
internal sealed class Workforce
{
    public static readonly ServiceSpec[] Services =
    [
        new("S01", "Assessment", 3, 22, Calibration.AllocatedAssessment, 120, 0.55),
        new("S02", "Localities 1", 4, 16, Calibration.AllocatedLocalities1, 260, 0.30),
        new("S03", "Localities 2", 3, 19, Calibration.AllocatedLocalities2, 260, 0.30),
        new("S04", "CWCN", 2, 19, Calibration.AllocatedCwcn, 420, 0.15),
        new("S05", "Cared For", 3, 14, Calibration.AllocatedCaredFor, 1150, 0.20),
        new("S06", "Young Peoples Team", 2, 11, Calibration.AllocatedYoungPeople, 1150, 0.25),
        new("S07", "Care Experienced", 2, 15, Calibration.AllocatedCareExperienced, 420, 0.10),
    ];

    private static readonly string[] TeamSuffixes = ["North", "South", "Central", "East"];

    private readonly Team[][] _teamsByService;
    private readonly int[][] _teamPick; // per service: team index per current worker slot (picks a team in proportion to its size)

    public IReadOnlyList<Team> Teams { get; }
    public IReadOnlyList<Worker> Workers { get; }

    public Workforce(string laCode, double scale, Prng rng)
    {
        var teams = new List<Team>();
        var workers = new List<Worker>();
        var names = new WorkerNames(laCode);
        long nextId = 40001;
        _teamsByService = new Team[Services.Length][];
        _teamPick = new int[Services.Length][];

        Worker NewWorker(Team team, string title, bool agency, bool registered, double fte)
        {
            var id = nextId++;
            var (name, email) = names.Next(rng);
            var w = new Worker
            {
                Id = id, StaffId = "E" + (id * 7 % 1000003).ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
                Name = name, Email = email, Agency = agency, JobTitle = title, Team = team, Fte = fte,
                RegistrationNo = registered ? "SW" + (100000 + id * 37 % 900000).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            };
            workers.Add(w);
            return w;
        }

        for (var s = 0; s < Services.Length; s++)
        {
            var spec = Services[s];
            var serviceTeams = new Team[spec.Teams];
            var caseHolders = Math.Max(spec.Teams, (int)Math.Round(spec.ChildrenAtScaleOne * scale / spec.TargetCaseload));
            Worker? serviceManager = null;
            var pick = new List<int>();
            for (var t = 0; t < spec.Teams; t++)
            {
                var team = new Team
                {
                    Id = $"T{s + 1}{t + 1}",
                    Name = spec.Teams == 1 ? spec.Name + " Team" : $"{spec.Name} {TeamSuffixes[t]}",
                    Service = spec,
                };
                serviceTeams[t] = team;
                teams.Add(team);
                team.Manager = NewWorker(team, "Team Manager", false, true, 1.0);
                if (t == 0)
                {
                    serviceManager = NewWorker(team, "Service Manager", false, true, 1.0);
                }
                team.Manager.Manager = serviceManager;
                var inTeam = caseHolders / spec.Teams + (t < caseHolders % spec.Teams ? 1 : 0);
                for (var i = 0; i < inTeam; i++)
                {
                    team.Current.Add(CaseHolder(team, spec, i));
                    pick.Add(t);
                }
                // Former staff: agency-heavy services churn more.
                var former = Math.Max(1, (int)Math.Round(inTeam * (0.5 + spec.AgencyShare)));
                for (var i = 0; i < former; i++) team.Former.Add(CaseHolder(team, spec, i + inTeam));
            }
            _teamsByService[s] = serviceTeams;
            _teamPick[s] = pick.ToArray();
        }

        Worker CaseHolder(Team team, ServiceSpec spec, int i)
        {
            var title = spec.Name == "Care Experienced" && i % 3 == 0 ? "Personal Adviser"
                : i % 5 == 0 ? "Senior Practitioner, Social Work" : "Social Worker";
            var registered = title != "Personal Adviser";
            var fte = rng.Chance(0.15) ? (rng.Chance(0.5) ? 0.8 : 0.6) : 1.0;
            var w = NewWorker(team, title, rng.Chance(spec.AgencyShare), registered, fte);
            w.Manager = team.Manager;
            return w;
        }

        Teams = teams;
        Workers = workers;
    }

    public static ServiceSpec Spec(ServiceKind kind) => Services[(int)kind];

    /// <summary>A team of the service, chosen in proportion to its case-holding staff.</summary>
    public Team PickTeam(ServiceKind kind, Prng rng)
    {
        var pick = _teamPick[(int)kind];
        return _teamsByService[(int)kind][pick[rng.Int(0, pick.Length - 1)]];
    }

    /// <summary>
    /// A worker of the team for an allocation spell: spells still open at the extract date go to
    /// current staff; closed spells may also have been held by staff who have since left.
    /// </summary>
    public static Worker PickWorker(Team team, bool openAtExtract, Worker? notThisOne, Prng rng)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            Worker w;
            if (openAtExtract || team.Former.Count == 0 || rng.Chance(0.55)) w = team.Current[rng.Int(0, team.Current.Count - 1)];
            else w = team.Former[rng.Int(0, team.Former.Count - 1)];
            if (!ReferenceEquals(w, notThisOne)) return w;
        }
        return team.Current[0] == notThisOne && team.Current.Count > 1 ? team.Current[1] : team.Current[0];
    }
}

/// <summary>
/// Fictional worker names: common first names with invented surnames that belong to no real
/// family name list, so a report screenshot never shows a real person's name.
/// </summary>
internal sealed class WorkerNames(string laCode)
{
    private static readonly string[] First =
    [
        "Alex", "Sam", "Jordan", "Morgan", "Casey", "Robin", "Jamie", "Taylor", "Avery", "Quinn", "Rowan", "Sasha", "Drew",
        "Ellis", "Harper", "Kai", "Logan", "Reese", "Skyler", "Tegan", "Billie", "Charlie", "Dani", "Frankie", "Hayden",
        "Jesse", "Kit", "Lee", "Marley", "Nico", "Parker", "Remy", "Sidney", "Toni", "Vic", "Wren",
    ];

    private static readonly string[] Last =
    [
        "Ashgrove", "Brindlecombe", "Cresswade", "Dunmorrow", "Elmstead", "Fairbrook", "Gallowmere", "Harrowdene", "Ivelbury",
        "Junipell", "Kestrelby", "Larkwhistle", "Mossbank", "Northcote-Vale", "Oakhurstley", "Pennyworth", "Quarrington",
        "Ravensmoor", "Saltmarsh", "Thornbury-Hale", "Underhill", "Vellacott", "Wrenfield", "Yarrowby", "Zellington",
        "Amberleigh", "Brackenfold", "Copperdale", "Dovecote", "Emberlyn", "Foxcombe", "Glimmerby", "Hollowell", "Inchbrook",
    ];

    private readonly HashSet<string> _emails = [];

    public (string Name, string Email) Next(Prng rng)
    {
        var first = First[rng.Int(0, First.Length - 1)];
        var last = Last[rng.Int(0, Last.Length - 1)];
        var local = (first + "." + last).ToLowerInvariant().Replace("-", "");
        var email = local + "@la" + laCode + ".example.org";
        for (var n = 2; !_emails.Add(email); n++) email = local + n + "@la" + laCode + ".example.org";
        return (first + " " + last, email);
    }
}
