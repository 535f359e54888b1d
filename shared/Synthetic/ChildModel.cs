namespace KpiPipeline.Synthetic;

// The simulated story of one child, held only while that child is generated and written.
// Days are DateOnly.DayNumber values; a null end means "still open at the extract date".
// Objects are recycled from a ChildArena between children: at tens of millions of children,
// allocating them afresh made garbage collection the largest cost of generation.

/// <summary>Where a child's case sits, which decides the service its allocated worker comes from.</summary>
internal enum CaseStage { Assessment, Plan, Care, Leaver }

internal enum AssessmentOutcome { Open, Nfa, EarlyHelp, CinPlan, CpPlan, Care, ContinuePlan }

internal enum CareExit { Open, ReturnHome, Adoption, SpecialGuardianship, ChildArrangements, Age18, Other }

internal interface IRecyclable
{
    void Reset();
}

/// <summary>Hands out recycled objects of one type; <see cref="ReturnAll"/> makes them all available again.</summary>
internal sealed class Pool<T> where T : class, IRecyclable, new()
{
    private readonly List<T> _items = [];
    private int _used;
    public T Rent()
    {
        T item;
        if (_used < _items.Count) item = _items[_used];
        else
        {
            item = new T();
            _items.Add(item);
        }
        _used++;
        item.Reset();
        return item;
    }

    public void ReturnAll() => _used = 0;
}

/// <summary>One child's record plus the pools its events come from; reset before each child.</summary>
internal sealed class ChildArena
{
    public readonly ChildRecord Child = new();
    public readonly Pool<Contact> Contacts = new();
    public readonly Pool<Episode> Episodes = new();
    public readonly Pool<Assessment> Assessments = new();
    public readonly Pool<S47> Enquiries = new();
    public readonly Pool<Icpc> Conferences = new();
    public readonly Pool<CinPlan> CinPlans = new();
    public readonly Pool<CpPlan> CpPlans = new();
    public readonly Pool<CarePeriod> CarePeriods = new();
    public readonly Pool<Placement> Placements = new();
    public readonly Pool<LegalStatus> LegalStatuses = new();
    public ChildRecord Reset()
    {
        Contacts.ReturnAll();
        Episodes.ReturnAll();
        Assessments.ReturnAll();
        Enquiries.ReturnAll();
        Conferences.ReturnAll();
        CinPlans.ReturnAll();
        CpPlans.ReturnAll();
        CarePeriods.ReturnAll();
        Placements.ReturnAll();
        LegalStatuses.ReturnAll();
        Child.Reset();
        return Child;
    }
}

internal sealed class ChildRecord : IRecyclable
{
    public int Index;
    public int EntryDay;
    public int BirthDay;               // actual or expected day of birth
    public bool BornByExtract;         // false: still unborn at the extract date (only an expected dob)
    public bool Unborn;                // first known before birth (pre-birth contact)
    public char Sex;
    public CsvLiteral Ethnicity = null!;
    public bool Disabled;
    public bool LocalityTwo;
    public bool SendFlag;
    public bool UpnUnknown;
    public int? DeathDay;
    public int Day14, Day16, Day18, Day21;
    public int CpPlansSoFar;
    public int? LastReferralDay;

    public readonly List<Contact> Contacts = [];
    public readonly List<Episode> Episodes = [];
    public readonly List<StageSpan> Stages = [];

    /// <summary>Set when the child qualifies for leaving-care support (in care at least 13 weeks from 14, still in care or leaving at 16+).</summary>
    public bool CareLeaver;
    public int? LeftCareDay;           // null while still in care at 16–17 ("eligible")
    public void Reset()
    {
        Index = EntryDay = BirthDay = Day14 = Day16 = Day18 = Day21 = CpPlansSoFar = 0;
        BornByExtract = Unborn = Disabled = LocalityTwo = SendFlag = UpnUnknown = CareLeaver = false;
        Sex = 'U';
        Ethnicity = null!;
        DeathDay = LastReferralDay = LeftCareDay = null;
        Contacts.Clear();
        Episodes.Clear();
        Stages.Clear();
    }
    public void AddStage(CaseStage stage, int start, int? end, Episode? episode)
    {
        if (end is { } e && e <= start) return;
        Stages.Add(new StageSpan(stage, start, end, episode));
    }
}

internal readonly record struct StageSpan(CaseStage Stage, int Start, int? End, Episode? Episode);

internal sealed class Contact : IRecyclable
{
    public int Day;
    public int Second;
    public int? DecisionDay;
    public int DecisionSecond;
    public CsvLiteral Source = null!;
    public CsvLiteral? Outcome;
    public bool Referral;
    public void Reset()
    {
        Day = Second = DecisionSecond = 0;
        DecisionDay = null;
        Source = null!;
        Outcome = null;
        Referral = false;
    }
}

internal sealed class Episode : IRecyclable
{
    public long Id;
    public int ReferralDay;
    public CsvLiteral Source = null!;
    public CsvLiteral Need = null!;
    public bool Nfa;
    public int? CloseDay;
    public CsvLiteral? CloseReason;
    public readonly List<Assessment> Assessments = [];
    public readonly List<S47> Enquiries = [];
    public readonly List<Icpc> Conferences = [];
    public readonly List<CinPlan> CinPlans = [];
    public readonly List<CpPlan> CpPlans = [];
    public readonly List<CarePeriod> CarePeriods = [];
    public void Reset()
    {
        Id = 0;
        ReferralDay = 0;
        Source = Need = null!;
        Nfa = false;
        CloseDay = null;
        CloseReason = null;
        Assessments.Clear();
        Enquiries.Clear();
        Conferences.Clear();
        CinPlans.Clear();
        CpPlans.Clear();
        CarePeriods.Clear();
    }
}

internal sealed class Assessment : IRecyclable
{
    public long Id;
    public int Start;
    public int? Auth;
    public bool ChildSeen;
    public AssessmentOutcome Outcome;
    public bool NfaColumnMissing;      // some systems leave the NFA column empty and only set the JSON flag
    public void Reset()
    {
        Id = 0;
        Start = 0;
        Auth = null;
        ChildSeen = NfaColumnMissing = false;
        Outcome = AssessmentOutcome.Open;
    }
}

internal sealed class S47 : IRecyclable
{
    public long Id;
    public int Start;
    public int? End;
    public Icpc? Conference;
    public bool LedToCinPlan;
    public void Reset()
    {
        Id = 0;
        Start = 0;
        End = null;
        Conference = null;
        LedToCinPlan = false;
    }
}

internal sealed class Icpc : IRecyclable
{
    public long Id;
    public S47? Enquiry;
    public int Day;
    public int TargetDay;
    public bool TransferIn;
    public bool CpOutcome;
    public CpPlan? Plan;
    public void Reset()
    {
        Id = 0;
        Enquiry = null;
        Day = TargetDay = 0;
        TransferIn = CpOutcome = false;
        Plan = null;
    }
}

internal sealed class CinPlan : IRecyclable
{
    public long Id;
    public int Start;
    public int? End;
    public int? AuthDay;
    public void Reset()
    {
        Id = 0;
        Start = 0;
        End = AuthDay = null;
    }
}

internal sealed class CpPlan : IRecyclable
{
    public long Id;
    public int Start;
    public int? End;
    public Icpc? Conference;
    public CsvLiteral InitialCategory = null!;
    public CsvLiteral LatestCategory = null!;
    public int PreviousPlans;
    public void Reset()
    {
        Id = 0;
        Start = PreviousPlans = 0;
        End = null;
        Conference = null;
        InitialCategory = LatestCategory = null!;
    }
}

internal sealed class CarePeriod : IRecyclable
{
    public long Id;
    public int Start;
    public int? End;
    public CareExit Exit;
    public CsvLiteral? ExitReason;
    public CsvLiteral Need = null!;
    public bool ShortBreaks;           // V3/V4 short-break agreements: looked after in law, not "cared for" in the KPIs
    public readonly List<Placement> Placements = [];
    public readonly List<LegalStatus> LegalStatuses = [];
    public void Reset()
    {
        Id = 0;
        Start = 0;
        End = null;
        Exit = CareExit.Open;
        ExitReason = null;
        Need = null!;
        ShortBreaks = false;
        Placements.Clear();
        LegalStatuses.Clear();
    }
}

internal sealed class Placement : IRecyclable
{
    public long Id;
    public int Start;
    public int? End;
    public CsvLiteral Type = null!;
    public CsvLiteral? ChangeReason;
    public CsvLiteral Provider = null!;
    public int? Urn;
    public void Reset()
    {
        Id = 0;
        Start = 0;
        End = Urn = null;
        Type = Provider = null!;
        ChangeReason = null;
    }
}

internal sealed class LegalStatus : IRecyclable
{
    public long Id;
    public CsvLiteral Code = null!;
    public int Start;
    public int? End;
    public void Reset()
    {
        Id = 0;
        Code = null!;
        Start = 0;
        End = null;
    }
}
