namespace KpiPipeline.Model;

/// <summary>
/// Everything one drop says, typed, with every child's rows grouped together. Produced by the extract
/// reader (Extract/), consumed by the KPI engine (Kpis/). Tables a drop does not contain are empty and
/// absent from <see cref="TablesPresent"/>, so a KPI can say "this drop lacks table X" instead of
/// reporting a silent zero.
/// </summary>
public sealed class CaseData
{
    public required string LaCode { get; init; }
    public required DateOnly ExtractDate { get; init; }

    /// <summary>Person ids (pseudonymous, as in the drop) ↔ dense ints.</summary>
    public required IdMap People { get; init; }
    public required IdMap Workers { get; init; }
    public required IdMap Teams { get; init; }

    /// <summary>Contract table names (e.g. "ssd_contacts") whose file was in the drop.</summary>
    public required IReadOnlySet<string> TablesPresent { get; init; }

    public required PersonTable<PersonRecord> Persons { get; init; }
    public required PersonTable<ContactRecord> Contacts { get; init; }
    public required PersonTable<ReferralRecord> Referrals { get; init; }
    public required PersonTable<AssessmentRecord> Assessments { get; init; }
    public required PersonTable<S47Record> S47Enquiries { get; init; }
    public required PersonTable<IcpcRecord> Icpcs { get; init; }
    public required PersonTable<CinPlanRecord> CinPlans { get; init; }
    public required PersonTable<CpPlanRecord> CpPlans { get; init; }
    public required PersonTable<ClaEpisodeRecord> ClaEpisodes { get; init; }
    public required PersonTable<PlacementRecord> Placements { get; init; }
    public required PersonTable<LegalStatusRecord> LegalStatuses { get; init; }
    public required PersonTable<VisitRecord> CinVisits { get; init; }
    public required PersonTable<VisitRecord> CpVisits { get; init; }
    public required PersonTable<VisitRecord> ClaVisits { get; init; }
    public required PersonTable<CareLeaverRecord> CareLeavers { get; init; }
    public required PersonTable<InvolvementRecord> Involvements { get; init; }
    public required PersonTable<SupervisionRecord> Supervision { get; init; }
    public required PersonTable<CinReviewRecord> CinReviews { get; init; }

    /// <summary>Indexed by team id (Teams); null where a team id is used but not in ssd_department.</summary>
    public required IReadOnlyList<TeamInfo?> TeamInfo { get; init; }
    /// <summary>Indexed by worker id (Workers); null where a worker id is used but not in ssd_professionals.</summary>
    public required IReadOnlyList<WorkerInfo?> WorkerInfo { get; init; }
    public required IReadOnlyList<WorkforceRecord> Workforce { get; init; }
    public required IReadOnlyList<AuditRecord> Audits { get; init; }

    public int PersonCount => People.Count;

    /// <summary>
    /// Hands every child table's arrays back to the recycler they came from (see <see cref="PersonTable{T}.Release"/>):
    /// a partitioned run calls it once a partition is computed, and the tables are empty afterwards.
    /// </summary>
    internal void Release()
    {
        Persons.Release(); Contacts.Release(); Referrals.Release(); Assessments.Release(); S47Enquiries.Release(); Icpcs.Release();
        CinPlans.Release(); CpPlans.Release(); ClaEpisodes.Release(); Placements.Release(); LegalStatuses.Release();
        CinVisits.Release(); CpVisits.Release(); ClaVisits.Release(); CareLeavers.Release(); Involvements.Release();
        Supervision.Release(); CinReviews.Release();
    }

    public bool Has(string table) => TablesPresent.Contains(table);
}

/// <summary>The contract's table names, in one place.</summary>
public static class Tables
{
    public const string Person = "ssd_person";
    public const string Department = "ssd_department";
    public const string Professionals = "ssd_professionals";
    public const string Involvements = "ssd_involvements";
    public const string Contacts = "ssd_contacts";
    public const string CinEpisodes = "ssd_cin_episodes";
    public const string Assessments = "ssd_cin_assessments";
    public const string S47 = "ssd_s47_enquiry";
    public const string Icpc = "ssd_initial_cp_conference";
    public const string CinPlans = "ssd_cin_plans";
    public const string CpPlans = "ssd_cp_plans";
    public const string ClaEpisodes = "ssd_cla_episodes";
    public const string ClaPlacement = "ssd_cla_placement";
    public const string LegalStatus = "ssd_legal_status";
    public const string CinVisits = "ssd_cin_visits";
    public const string CpVisits = "ssd_cp_visits";
    public const string ClaVisits = "ssd_cla_visits";
    public const string CareLeavers = "ssd_care_leavers";
    public const string Supervision = "ext_case_supervision";
    public const string Workforce = "ext_workforce";
    public const string Audits = "ext_audits";
    public const string CinReviews = "ext_cin_reviews";

    public static readonly IReadOnlyList<string> All =
    [
        Person, Department, Professionals, Involvements, Contacts, CinEpisodes, Assessments, S47, Icpc,
        CinPlans, CpPlans, ClaEpisodes, ClaPlacement, LegalStatus, CinVisits, CpVisits, ClaVisits, CareLeavers,
        Supervision, Workforce, Audits, CinReviews,
    ];
}
