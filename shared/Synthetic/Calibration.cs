namespace KpiPipeline.Synthetic;

/// <summary>
/// Every tuning constant of the synthetic LA in one place. The values were chosen by running the
/// generator at scale 1 (as at 2023-05-31) and measuring the catalogue's KPIs with SQL until the
/// volumes sat within a few percent of the seed report (Sefton, May 2023) and the rates in its
/// ranges; see tests/KpiPipeline.Tests/Synthetic/CalibrationTests.cs for the targets. Changing
/// one usually moves several figures, so re-run that test after any edit.
/// </summary>
internal static class Calibration
{
    // ---- Population and front door -------------------------------------------------------------
    /// <summary>Children first contacted per year at scale 1 (everything else follows from their stories).</summary>
    public const double NewChildrenPerYear = 6700;

    /// <summary>Age (whole years) at first contact; -1 = unborn (pre-birth contact).</summary>
    public static readonly Weighted<int> AgeAtEntry = new(
        (-1, 4), (0, 9), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5), (6, 5), (7, 5), (8, 5), (9, 5), (10, 5.5), (11, 5.5),
        (12, 5.5), (13, 6), (14, 6.5), (15, 6.5), (16, 5.5), (17, 4));

    public const double Disabled = 0.05;
    public const double LocalityTwo = 0.5;

    public const double ContactDecidedWithin24h = 0.235;
    public const double ContactDecisionLateMeanHours = 80;
    public const double ReferralFromFirstContact = 0.26;
    public const double ReferralFromLaterContact = 0.23;
    public const double ReferralAfterRecentReferral = 0.66; // a previous referral within 12 months
    public const double ReferralAfterOlderReferral = 0.35;
    public const double ContactNfaShare = 0.6;            // of contacts not referred: NFA, the rest early help

    public const double ContactAgainAfterNoReferral = 0.55;
    public const double ContactAgainAfterClosure = 0.55;
    public const double ContactAgainAfterPlan = 0.45;
    public const double ReturnSoonShare = 0.50;            // of returning children: back within months, the rest years later
    public const double ReturnSoonMeanDays = 90;
    public const double ReturnLaterMeanDays = 520;

    // ---- Referral and assessment ---------------------------------------------------------------
    public const double ReferralNfa = 0.03;
    public const double TransferInConference = 0.002;      // referral from another LA with a child already on a CP plan
    public const double AssessmentInTime = 0.60;           // authorised within 45 working days of its start
    public const double AssessmentInTimeMeanWd = 8;
    public const double AssessmentLateMeanWd = 6;
    public const double AssessmentChildSeen = 0.96;
    public const double AssessmentNfaColumnMissing = 0.05;
    public const double ReassessmentsPerPlanYear = 0.7;

    public const double CinAfterAssessment = 0.13;
    public const double CinAfterAssessmentDisabled = 0.6;
    public const double CinAfterConferenceWithoutPlan = 0.8;
    public const double CareDirectFromAssessment = 0.02;
    public const double CareDirectFromAssessmentInfant = 0.08;
    public const double EarlyHelpShareOfClosures = 0.22;

    // ---- Section 47 and conferences ------------------------------------------------------------
    public const double S47AtReferral = 0.49;
    public const double S47AtReferralAfterCp = 0.75;
    public const double S47AtReferralInfant = 0.65;
    public const double ConferenceAfterS47Infant = 0.35;
    public const double ConferenceAfterS47AfterCp = 0.5;
    public const double ConferenceAfterS47 = 0.18;
    public const double ConferenceInTime = 0.89;            // within 15 working days of the S47 start
    public const double CpPlanAtConference = 0.90;
    public const double CinEscalation = 0.12;               // a CIN plan that sees a new S47
    public const double CinEscalationAfterCp = 0.33;
    public const double ConferenceAfterCinS47 = 0.45;

    // ---- Plans ---------------------------------------------------------------------------------
    public const double CinMinDays = 40;
    public const double CinMeanExtraDays = 255;
    public const double CinDisabledMinDays = 180;
    public const double CinDisabledMeanExtraDays = 700;
    public const double CinPlanAuthorisedIn20Wd = 0.59;
    public const double CinPlanNeverAuthorised = 0.05;
    public const double CareAfterCin = 0.04;
    public const double ShortBreaksForDisabledCin = 0.35;

    public const double CpEarlyEndShare = 0.2;               // plans ended at the first review conference
    public const double CpMinDays = 150;
    public const double CpMeanExtraDays = 200;
    public const double CpToCin = 0.55;
    public const double CpToCare = 0.13;
    public const double CareAtBirthAfterPreBirthPlan = 0.4;

    // ---- Care ----------------------------------------------------------------------------------
    public const double CareTeenStaysTo18 = 0.8;            // entering care at 16+
    public const double CareAdoptionShareUnder5 = 0.3;
    public const double CareReturnHomeShare = 0.33;
    public const double CareSpecialGuardianshipShare = 0.12;
    public const double CareChildArrangementsShare = 0.03;
    public const double CareOtherShare = 0.02;              // the rest stay long term (to 18)
    public const double CareOrderRoute = 0.65;
    public const double CareOrderRouteTeen = 0.3;
    public const double CarePoliceProtectionStart = 0.12;
    public const double Section20ToCareOrder = 0.2;
    public const double PlacementEarlyMove = 0.32;
    public const double PlacementMovesPerYear = 0.52;
    public const double PlacedWithParentsBeforeReturn = 0.5;
    public const double PlacedWithParentsOnOrder = 0.18;
    public const double CinAfterCareReturn = 0.4;
    public const double LeaverSupportTo25 = 0.3;
    public const double LeaverInTouch = 0.83;
    public const double LeaverEetTo18 = 0.65, LeaverEet19To21 = 0.45, LeaverEet22To25 = 0.5; // of those in touch

    // ---- Visits, reviews, supervision, audits ---------------------------------------------------
    public const double CinVisitMinGap = 7, CinVisitMeanExtra = 34, CinVisitSeen = 0.93;
    public const double CpVisitMinGap = 4, CpVisitMeanExtra = 13, CpVisitSeen = 0.97;
    public const double ClaVisitMinGap = 8, ClaVisitMeanExtra = 20, ClaVisitSeen = 0.96, ClaFirstVisitIn7Days = 0.85;
    public const double ClaLongTermVisitMinGap = 20, ClaLongTermVisitMeanExtra = 40;
    public const int CinReviewIntervalDays = 91;
    public const double CinReviewOnTime = 0.60, CinReviewLate = 0.28;
    public const double SupervisionMeanGapDays = 47, OversightMeanGapDays = 58;
    public const double AuditsPerOpenCaseYear = 0.14; // about 20 audits a month at scale 1

    // ---- Workforce sizing: children allocated per service at the extract date at scale 1 ----------
    public const double AllocatedAssessment = 427;
    public const double AllocatedLocalities1 = 449;
    public const double AllocatedLocalities2 = 456;
    public const double AllocatedCwcn = 237;
    public const double AllocatedCaredFor = 369;
    public const double AllocatedYoungPeople = 233;
    public const double AllocatedCareExperienced = 314;

    public const double TeamMoveOnWorkerChange = 0.1;
    public const int CareHandoverMinDays = 60, CareHandoverMaxDays = 240;
    public const double VacancyRate = 0.20, AgencyRate = 0.30, SicknessRate = 0.042;
}
