namespace KpiPipeline.Synthetic;

/// <summary>
/// Coded values the generator writes (CBDS ethnicity, CIN census referral sources, needs and closure
/// reasons, SSDA903 placement, legal-status and leaving codes, care-leaver activity and
/// accommodation) with the relative frequencies used. Weights are plausible proportions for an
/// English LA, not measurements of any real authority.
/// </summary>
internal static class CodeLists
{
    private static CsvLiteral L(string s) => new(s);

    private static Weighted<CsvLiteral> W(params (string Code, double Weight)[] items) =>
        new(items.Select(i => (L(i.Code), i.Weight)).ToArray());

    public static readonly Weighted<CsvLiteral> Ethnicity = W(
        ("WBRI", 86), ("WIRI", 0.5), ("WOTH", 2.5), ("WIRT", 0.2), ("WROM", 0.2), ("MWBC", 1.5), ("MWBA", 0.6), ("MWAS", 0.8),
        ("MOTH", 1.5), ("AIND", 0.4), ("APKN", 0.3), ("ABAN", 0.2), ("AOTH", 0.5), ("BCRB", 0.2), ("BAFR", 0.8), ("BOTH", 0.2),
        ("CHNE", 0.3), ("OOTH", 1.0), ("REFU", 0.3), ("NOBT", 2.0));

    public static readonly Weighted<CsvLiteral> ReferralSource = W(
        ("1A", 8), ("1B", 1), ("1C", 2), ("1D", 1), ("2A", 17), ("2B", 2), ("3A", 2), ("3B", 5), ("3C", 1), ("3D", 1), ("3E", 4),
        ("3F", 5), ("4", 2), ("5A", 8), ("5B", 2), ("5C", 3), ("5D", 5), ("6", 27), ("7", 2), ("8", 2), ("9", 2), ("10", 1));

    public static readonly Weighted<CsvLiteral> Need = W(
        ("N1", 55), ("N3", 3), ("N4", 12), ("N5", 17), ("N6", 4), ("N7", 1), ("N8", 3), ("N9", 2));

    public static readonly CsvLiteral NeedDisability = L("N2");

    // CIN census closure reasons
    public static readonly CsvLiteral RcAdopted = L("RC1");
    public static readonly CsvLiteral RcChildArrangements = L("RC3");
    public static readonly CsvLiteral RcSpecialGuardianship = L("RC4");
    public static readonly CsvLiteral RcAdultServices = L("RC6");
    public static readonly CsvLiteral RcServicesCeased = L("RC7");
    public static readonly CsvLiteral RcNfaAfterAssessment = L("RC8");
    public static readonly CsvLiteral RcEarlyHelp = L("RC9");

    public static readonly Weighted<CsvLiteral> CpCategory = W(("NEG", 50), ("EMO", 30), ("PHY", 12), ("SAB", 5), ("MUL", 3));

    public static readonly CsvLiteral ContactReferral = L("""{"NEW_REFERRAL_FLAG":"Y","NFA_FLAG":"N"}""");
    public static readonly CsvLiteral ContactNfa = L("""{"NEW_REFERRAL_FLAG":"N","NFA_FLAG":"Y"}""");
    public static readonly CsvLiteral ContactEarlyHelp = L("""{"NEW_REFERRAL_FLAG":"N","NFA_FLAG":"N","EARLY_HELP_FLAG":"Y"}""");

    public static CsvLiteral? AssessmentJson(AssessmentOutcome o) => o switch
    {
        AssessmentOutcome.Nfa => AssessNfa,
        AssessmentOutcome.EarlyHelp => AssessEarlyHelp,
        AssessmentOutcome.CinPlan => AssessCin,
        AssessmentOutcome.CpPlan => AssessCp,
        AssessmentOutcome.Care => AssessCare,
        AssessmentOutcome.ContinuePlan => AssessContinue,
        _ => null,
    };

    private static readonly CsvLiteral AssessNfa = L("""{"NFA_FLAG":"Y","CIN_PLAN_FLAG":"N","EARLY_HELP_FLAG":"N"}""");
    private static readonly CsvLiteral AssessEarlyHelp = L("""{"NFA_FLAG":"N","CIN_PLAN_FLAG":"N","EARLY_HELP_FLAG":"Y"}""");
    private static readonly CsvLiteral AssessCin = L("""{"NFA_FLAG":"N","CIN_PLAN_FLAG":"Y","EARLY_HELP_FLAG":"N"}""");
    private static readonly CsvLiteral AssessCp = L("""{"NFA_FLAG":"N","CIN_PLAN_FLAG":"N","S47_FLAG":"Y"}""");
    private static readonly CsvLiteral AssessCare = L("""{"NFA_FLAG":"N","CIN_PLAN_FLAG":"N","CLA_FLAG":"Y"}""");
    private static readonly CsvLiteral AssessContinue = L("""{"NFA_FLAG":"N","CONTINUE_PLAN_FLAG":"Y"}""");

    public static readonly CsvLiteral S47Icpc = L("""{"NFA_FLAG":"N","ICPC_FLAG":"Y","CIN_PLAN_FLAG":"N"}""");
    public static readonly CsvLiteral S47Cin = L("""{"NFA_FLAG":"N","ICPC_FLAG":"N","CIN_PLAN_FLAG":"Y"}""");
    public static readonly CsvLiteral S47Nfa = L("""{"NFA_FLAG":"Y","ICPC_FLAG":"N","CIN_PLAN_FLAG":"N"}""");

    // SSDA903 placement types by broad group
    public static readonly Weighted<CsvLiteral> FosterPlacement = W(("U4", 24), ("U6", 34), ("U1", 10), ("U3", 10), ("U2", 3), ("U5", 2));
    public static readonly Weighted<CsvLiteral> TeenPlacement = W(("U4", 22), ("U6", 28), ("U1", 6), ("U3", 6), ("K2", 15), ("H5", 8), ("R1", 2), ("S1", 2), ("Z1", 1));
    public static readonly CsvLiteral PlacedWithParents = L("P1");
    public static readonly CsvLiteral PlacedForAdoption = L("A5");
    public static readonly CsvLiteral ShortBreakPlacement = L("K2");

    public static readonly Weighted<CsvLiteral> PlacementChangeReason = W(
        ("CARPL", 35), ("CLOSE", 4), ("ALLEG", 3), ("STAND", 3), ("APPRR", 2), ("CREQB", 15), ("CREQO", 10), ("CHILD", 8),
        ("LAREQ", 12), ("PLACE", 4), ("OTHER", 4));

    public static readonly CsvLiteral ProviderOwn = L("PR1");
    public static readonly CsvLiteral ProviderPrivate = L("PR4");
    public static readonly CsvLiteral ProviderParent = L("PR0");
    public static readonly CsvLiteral ProviderVoluntary = L("PR5");

    public static readonly CsvLiteral LegalPoliceProtection = L("L1");
    public static readonly CsvLiteral LegalEpo = L("L2");
    public static readonly CsvLiteral LegalInterimCareOrder = L("C1");
    public static readonly CsvLiteral LegalFullCareOrder = L("C2");
    public static readonly CsvLiteral LegalPlacementOrder = L("E1");
    public static readonly CsvLiteral LegalSection20 = L("V2");
    public static readonly CsvLiteral LegalShortBreakSingle = L("V3");
    public static readonly CsvLiteral LegalShortBreakSeries = L("V4");
    public static readonly CsvLiteral LegalRemand = L("J2");

    // SSDA903 reason new episode / reason episode ceased
    public static readonly CsvLiteral RneStarted = L("S");
    public static readonly CsvLiteral RnePlacement = L("P");
    public static readonly CsvLiteral RneLegal = L("L");
    public static readonly CsvLiteral RneBoth = L("T");
    public static readonly CsvLiteral RecNewEpisode = L("X1");

    public static CsvLiteral ExitReason(CareExit exit, Prng rng) => exit switch
    {
        CareExit.ReturnHome => rng.Chance(0.7) ? L_E4A : L_E4B,
        CareExit.Adoption => rng.Chance(0.85) ? L_E12 : L_E11,
        CareExit.SpecialGuardianship => rng.Chance(0.6) ? L_E46 : L_E45,
        CareExit.ChildArrangements => L_E41,
        CareExit.Age18 => AgeOutReason.Sample(rng),
        _ => L_E8,
    };

    private static readonly CsvLiteral L_E4A = L("E4A"), L_E4B = L("E4B"), L_E11 = L("E11"), L_E12 = L("E12"),
        L_E45 = L("E45"), L_E46 = L("E46"), L_E41 = L("E41"), L_E8 = L("E8");
    public static readonly CsvLiteral ShortBreakEnded = L_E8;
    private static readonly Weighted<CsvLiteral> AgeOutReason = W(("E17", 25), ("E5", 35), ("E6", 10), ("E8", 25), ("E3", 5));

    // Care leavers
    public static readonly CsvLiteral Eligible = L("Eligible");
    public static readonly CsvLiteral Relevant = L("Relevant");
    public static readonly CsvLiteral FormerRelevant = L("Former relevant");
    public static readonly Weighted<CsvLiteral> InTouchOther = W(("NO", 50), ("REFU", 20), ("NREQ", 20), ("RHOM", 9), ("DIED", 1));
    public static readonly CsvLiteral InTouchYes = L("YES");
    public static readonly Weighted<CsvLiteral> ActivityEet = W(("F1", 10), ("P1", 3), ("F2", 30), ("P2", 8), ("F4", 14), ("P4", 8), ("F5", 20), ("P5", 7));
    public static readonly Weighted<CsvLiteral> ActivityNeet = W(("G4", 25), ("G5", 60), ("G6", 15));
    public static readonly Weighted<CsvLiteral> Accommodation = W(
        ("B", 14), ("C", 5), ("D", 18), ("E", 8), ("G", 4), ("H", 30), ("K", 2), ("R", 10), ("S", 1), ("T", 3), ("U", 5));

    // Quality assurance
    public static readonly string[] AuditThemes =
    [
        "Effective supervision and management oversight", "Whole family approach to domestic abuse", "Child in need planning",
        "Pre-proceedings", "Cared for children: permanence", "Assessment quality", "Voice of the child", "Step-down to early help",
        "Care leavers: pathway plans", "Neglect", "Transfer between teams", "Child protection visits",
    ];
    public static readonly Weighted<CsvLiteral> AuditGrade = W(("OUTSTANDING", 0.5), ("GOOD", 10), ("RI", 66), ("INADEQUATE", 23.5));
    public static readonly CsvLiteral GradeGood = L("GOOD"), GradeRi = L("RI"), GradeInadequate = L("INADEQUATE"), GradeOutstanding = L("OUTSTANDING");

    public static readonly CsvLiteral Supervision = L("SUPERVISION");
    public static readonly CsvLiteral Oversight = L("OVERSIGHT");
    public static readonly CsvLiteral CaseWorkerRole = L("CW");

    public static readonly Weighted<CsvLiteral> WorkerChangeReason = W(("Worker left", 45), ("Reallocation", 30), ("Worker on long-term leave", 10), ("Caseload balancing", 15));
    public static readonly CsvLiteral ChangeTransfer = L("Case transferred to another service");
    public static readonly CsvLiteral ChangeClosed = L("Case closed");
}
