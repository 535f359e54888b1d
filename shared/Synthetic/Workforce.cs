namespace KpiPipeline.Synthetic;

/// <summary>A service (dept_team_parent_name) and how it is staffed.</summary>
/// <param name="TargetCaseload">Children per case-holding worker at the extract date (the seed's "Current" caseload).</param>
/// <param name="ChildrenAtScaleOne">Children the simulation allocates to the service at the extract date at scale 1
/// (measured from the generator), used with the target to size the workforce.</param>
/// <param name="MeanWorkerSpellDays">Mean days before a child is reallocated to another worker of the service (a worker leaving their post ends the allocation sooner).</param>
/// <param name="AgencyShare">Share of case-holding workers who are agency staff.</param>
internal sealed record ServiceSpec(string Id, string Name, int Teams, double TargetCaseload, double ChildrenAtScaleOne,
    double MeanWorkerSpellDays, double AgencyShare);

internal enum ServiceKind { Assessment, Localities1, Localities2, Cwcn, CaredFor, YoungPeople, CareExperienced }

internal sealed class Team
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required ServiceSpec Service { get; init; }
    public Worker Manager { get; set; } = null!;

    /// <summary>Case-holding posts; each post's holders over time, oldest first, the last still in post.</summary>
    public List<Tenure[]> Posts { get; } = [];

    /// <summary>The workers in post at the extract date.</summary>
    public IEnumerable<Worker> Current => Posts.Select(p => p[^1].Worker);
}

/// <summary>A worker holding a post from <see cref="Start"/> (int.MinValue: since before the history) until <see cref="End"/> (null: still in post).</summary>
internal sealed record Tenure(Worker Worker, int Start, int? End);

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
/// The fictional LA's services, teams and staff. Each team has case-holding posts, sized from the
/// expected number of allocated children and the seed's caseload per service, so the average
/// caseload lands near the seed's figures at any scale and at every month-end of the history.
/// Each post is held by a succession of workers (agency staff for shorter spells), so staff
/// turnover is what ends many allocations; a team manager in each team does the supervision.
/// </summary>
internal sealed class Workforce
{
    // In ServiceKind order.
    public static readonly ServiceSpec[] Services =
    [
        new("S01", "Assessment", 3, 22, Calibration.AllocatedAssessment, 120, 0.55),
        new("S02", "Localities 1", 4, 16, Calibration.AllocatedLocalities1, 400, 0.30),
        new("S03", "Localities 2", 3, 19, Calibration.AllocatedLocalities2, 400, 0.30),
        new("S04", "CWCN", 2, 19, Calibration.AllocatedCwcn, 420, 0.15),
        new("S05", "Cared For", 3, 14, Calibration.AllocatedCaredFor, 5000, 0.15),
        new("S06", "Young Peoples Team", 2, 11, Calibration.AllocatedYoungPeople, 5000, 0.20),
        new("S07", "Care Experienced", 2, 15, Calibration.AllocatedCareExperienced, 420, 0.10),
    ];

    private static readonly string[] TeamSuffixes = ["North", "South", "Central", "East"];

    private readonly Team[][] _teamsByService;
    private readonly int[][] _teamPick; // per service: the team of each post, so a random pick is in proportion to team size

    public IReadOnlyList<Team> Teams { get; }
    public IReadOnlyList<Worker> Workers { get; }

    /// <param name="historyStart">Posts are staffed by named workers from this day on; before it the first holder stands in.</param>
    public Workforce(string laCode, double scale, int asOf, int historyStart, Prng rng)
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

        Worker CaseHolder(Team team, ServiceSpec spec, int post, bool agency)
        {
            var title = spec.Name == "Care Experienced" && post % 3 == 0 ? "Personal Adviser"
                : post % 5 == 0 ? "Senior Practitioner, Social Work" : "Social Worker";
            var fte = rng.Chance(0.15) ? (rng.Chance(0.5) ? 0.8 : 0.6) : 1.0;
            var w = NewWorker(team, title, agency, registered: title != "Personal Adviser", fte);
            w.Manager = team.Manager;
            return w;
        }

        // Holders of one post, walking back from the extract date: each spell is drawn from the
        // agency or permanent tenure; the earliest holder covers everything before the history.
        Tenure[] Post(Team team, ServiceSpec spec, int post)
        {
            var holders = new List<Tenure>();
            int? end = null;
            var to = asOf;
            while (true)
            {
                var agency = rng.Chance(spec.AgencyShare);
                var spell = 60 + (int)rng.Exponential(agency ? Calibration.AgencyTenureMeanDays : Calibration.PermanentTenureMeanDays);
                var start = to - spell;
                if (start <= historyStart) start = int.MinValue;
                holders.Add(new Tenure(CaseHolder(team, spec, post, agency), start, end));
                if (start == int.MinValue) break;
                end = start;
                to = start;
            }
            holders.Reverse();
            return holders.ToArray();
        }

        for (var s = 0; s < Services.Length; s++)
        {
            var spec = Services[s];
            var serviceTeams = new Team[spec.Teams];
            var posts = Math.Max(spec.Teams, (int)Math.Round(spec.ChildrenAtScaleOne * scale / spec.TargetCaseload));
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
                if (t == 0) serviceManager = NewWorker(team, "Service Manager", false, true, 1.0);
                team.Manager.Manager = serviceManager;
                var inTeam = posts / spec.Teams + (t < posts % spec.Teams ? 1 : 0);
                for (var i = 0; i < inTeam; i++)
                {
                    team.Posts.Add(Post(team, spec, i));
                    pick.Add(t);
                }
            }
            _teamsByService[s] = serviceTeams;
            _teamPick[s] = pick.ToArray();
        }

        Teams = teams;
        Workers = workers;
    }

    public static ServiceSpec Spec(ServiceKind kind) => Services[(int)kind];

    /// <summary>A team of the service, chosen in proportion to its case-holding posts.</summary>
    public Team PickTeam(ServiceKind kind, Prng rng)
    {
        var pick = _teamPick[(int)kind];
        return _teamsByService[(int)kind][pick[rng.Int(0, pick.Length - 1)]];
    }

    /// <summary>The holder, on <paramref name="day"/>, of a randomly chosen post of the team (preferably not <paramref name="notThisOne"/>).</summary>
    public static Tenure PickHolder(Team team, int day, Worker? notThisOne, Prng rng)
    {
        Tenure holder = null!;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            holder = HolderAt(team.Posts[rng.Int(0, team.Posts.Count - 1)], day);
            if (!ReferenceEquals(holder.Worker, notThisOne)) break;
        }
        return holder;
    }

    private static Tenure HolderAt(Tenure[] post, int day)
    {
        for (var i = post.Length - 1; i > 0; i--)
        {
            if (post[i].Start <= day) return post[i];
        }
        return post[0];
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
