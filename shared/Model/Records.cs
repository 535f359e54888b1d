namespace KpiPipeline.Model;

// The typed model of a drop (extract-contract.md). One small struct per table row; ids are
// dictionary-encoded ints (IdMap) and links to other records of the same child are LinkKey hashes.
// Optional dates are nullable. Team/worker columns hold IdMap.None when blank.
// Every person-keyed row implements IPersonRow so it can be grouped by child once (PersonTable<T>).

/// <summary>A row that belongs to one child, with the date used to order that child's rows.</summary>
public interface IPersonRow
{
    int Person { get; }
    /// <summary>The row's main date as a day number; rows of a child are kept in this order.</summary>
    int OrderDay { get; }
}

public readonly record struct PersonRecord(int Person, DateOnly? BirthDate, DateOnly? ExpectedBirthDate, DateOnly? DeathDate) : IPersonRow
{
    public int OrderDay => 0;
}

public readonly record struct ContactRecord(int Person, DateTime ContactAt, DateTime? DecidedAt) : IPersonRow
{
    public DateOnly ContactDate => DateOnly.FromDateTime(ContactAt);
    public int OrderDay => ContactDate.DayNumber;
}

/// <summary>ssd_cin_episodes: each row is a referral (opening a CIN episode).</summary>
public readonly record struct ReferralRecord(int Person, long ReferralKey, DateOnly ReferralDate, DateOnly? CloseDate, bool Nfa, int Team, int Worker) : IPersonRow
{
    public int OrderDay => ReferralDate.DayNumber;
}

public readonly record struct AssessmentRecord(int Person, long ReferralKey, DateOnly StartDate, DateOnly? AuthorisedDate, bool? OutcomeNfa, int Team, int Worker) : IPersonRow
{
    public int OrderDay => StartDate.DayNumber;
}

public readonly record struct S47Record(int Person, long EnquiryKey, long ReferralKey, DateOnly StartDate, DateOnly? EndDate, int Team, int Worker) : IPersonRow
{
    public int OrderDay => StartDate.DayNumber;
}

public readonly record struct IcpcRecord(int Person, long EnquiryKey, DateOnly ConferenceDate, bool TransferIn, int Team, int Worker) : IPersonRow
{
    public int OrderDay => ConferenceDate.DayNumber;
}

public readonly record struct CinPlanRecord(int Person, DateOnly StartDate, DateOnly? EndDate, DateOnly? AuthorisedDate, int Team, int Worker) : IPersonRow
{
    public int OrderDay => StartDate.DayNumber;
}

/// <summary>ssd_cp_plans. PreviousPlans is the ext column counting plans before the extract's history.</summary>
public readonly record struct CpPlanRecord(int Person, DateOnly StartDate, DateOnly? EndDate, int? PreviousPlans) : IPersonRow
{
    public int OrderDay => StartDate.DayNumber;
}

public readonly record struct ClaEpisodeRecord(int Person, DateOnly StartDate, DateOnly? CeasedDate) : IPersonRow
{
    public int OrderDay => StartDate.DayNumber;
}

/// <summary>ssd_cla_placement. PlacementType is the 903 PLACE code (U1, P1, ...), upper-case, or null.</summary>
public readonly record struct PlacementRecord(int Person, DateOnly StartDate, DateOnly? EndDate, string? PlacementType) : IPersonRow
{
    public int OrderDay => StartDate.DayNumber;
}

/// <summary>ssd_legal_status. Code is the 903 LS code (C2, V3...), upper-case.</summary>
public readonly record struct LegalStatusRecord(int Person, string Code, DateOnly StartDate, DateOnly? EndDate) : IPersonRow
{
    public int OrderDay => StartDate.DayNumber;
}

/// <summary>A statutory visit (CIN, CP or cared-for table). Seen is null when not recorded.</summary>
public readonly record struct VisitRecord(int Person, DateOnly VisitDate, bool? Seen) : IPersonRow
{
    public int OrderDay => VisitDate.DayNumber;
}

/// <summary>ssd_care_leavers. Activity is the 903 ACTIV code (F1, G4...), upper-case, or null.</summary>
public readonly record struct CareLeaverRecord(int Person, string? Activity, string? InTouch, DateOnly? LatestContact, int Team, int Worker) : IPersonRow
{
    public int OrderDay => LatestContact?.DayNumber ?? 0;
}

/// <summary>ssd_involvements: a worker allocated to a child. IsCaseWorker when the role is CW.</summary>
public readonly record struct InvolvementRecord(int Person, int Worker, int Team, bool IsCaseWorker, DateOnly StartDate, DateOnly? EndDate) : IPersonRow
{
    public int OrderDay => StartDate.DayNumber;
}

public enum SupervisionKind : byte { Supervision, Oversight }

public readonly record struct SupervisionRecord(int Person, DateOnly Date, SupervisionKind Kind) : IPersonRow
{
    public int OrderDay => Date.DayNumber;
}

public readonly record struct CinReviewRecord(int Person, DateOnly DueDate, DateOnly? HeldDate) : IPersonRow
{
    public int OrderDay => DueDate.DayNumber;
}

public enum AuditGrade : byte { Outstanding, Good, RequiresImprovement, Inadequate }

/// <summary>ext_audits. Grade is the moderated grade when present, else the original grade.</summary>
public readonly record struct AuditRecord(int Person, DateOnly Date, AuditGrade Grade, int Team);

/// <summary>ext_workforce: staffing of one team for one month (Month = first day of the month).</summary>
public readonly record struct WorkforceRecord(int Team, DateOnly Month, double? EstablishmentFte, double EmployedFte, double AgencyFte, double VacancyFte, double? SicknessDaysLost, double? WorkingDays);

/// <summary>ssd_department: a team and the service it belongs to (dept_team_parent_name).</summary>
public sealed record TeamInfo(int Team, string Name, string? Service);

/// <summary>ssd_professionals: a worker, their team, first-line manager and agency flag.</summary>
public sealed record WorkerInfo(int Worker, string? Name, string? Email, int Team, int Manager, bool? Agency, string? JobTitle);
