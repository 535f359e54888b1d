using System.Runtime.CompilerServices;
using P = KpiPipeline.Synthetic.Calibration;

namespace KpiPipeline.Synthetic;

/// <summary>
/// Simulates one child's journey through children's social care up to the extract date:
/// contacts → (some) referral → assessment, with (some) S47 enquiry → initial conference →
/// CP plan, or a CIN plan, or care; plans step up and down, care ends in return home, adoption,
/// special guardianship or leaving care at 18; closed children may come back (re-referrals,
/// repeat CP plans). Events after the extract date do not exist, so anything running past it is
/// open. Children start arriving 26 years before the extract window so long care histories and
/// care leavers are in steady state when the window opens.
/// </summary>
internal sealed class ChildSimulator
{
    private enum Phase { Cin, Cp, Care, Done }

    private readonly GeneratorCalendar _cal;
    private readonly int _asOf;
    private readonly int _windowStart;
    private readonly int _spanStart;
    private readonly double _spanDays;
    private readonly long _children;
    private ChildArena _arena = null!;
    private readonly CareBuilder _careBuilder = new();

    public ChildSimulator(GeneratorCalendar calendar, int asOf, int windowStart, int spanStart, long children)
    {
        _cal = calendar;
        _asOf = asOf;
        _windowStart = windowStart;
        _spanStart = spanStart;
        _spanDays = asOf - spanStart + 1;
        _children = children;
    }

    private static int AddYears(int day, int years) => DateOnly.FromDayNumber(day).AddYears(years).DayNumber;

    /// <summary>The child's story (held in <paramref name="arena"/>), or null when the child is too old to reach the extract window at all.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ChildRecord? Simulate(long index, Prng rng, ChildArena arena)
    {
        var entry = _spanStart + (int)((index + rng.NextDouble()) * _spanDays / _children);
        var age = P.AgeAtEntry.Sample(rng);
        var birth = age < 0 ? entry + rng.Int(20, 150) : entry - age * 365 - rng.Int(0, 364);
        var day26 = AddYears(birth, 26);
        if (day26 < _windowStart) return null;

        _arena = arena;
        var c = arena.Reset();
        c.Index = (int)index;
        c.EntryDay = entry;
        c.BirthDay = birth;
        c.Unborn = age < 0;
        c.BornByExtract = birth <= _asOf;
        c.Sex = rng.Chance(0.005) ? 'U' : rng.Chance(0.51) ? 'M' : 'F';
        c.Ethnicity = CodeLists.Ethnicity.Sample(rng);
        c.Disabled = age >= 0 && rng.Chance(P.Disabled);
        c.LocalityTwo = rng.Chance(P.LocalityTwo);
        c.UpnUnknown = rng.Chance(0.03);
        c.Day14 = AddYears(birth, 14);
        c.Day16 = AddYears(birth, 16);
        c.Day18 = AddYears(birth, 18);
        c.Day21 = AddYears(birth, 21);
        c.SendFlag = c.Disabled || rng.Chance(0.12);
        if (rng.Chance(0.0004)) c.DeathDay = birth + rng.Int(30, 17 * 365);
        FrontDoor(c, rng);
        if (c.DeathDay is { } dd && (dd > _asOf || dd < LastActivity(c))) c.DeathDay = null;
        return c;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int LastActivity(ChildRecord c)
    {
        var last = c.EntryDay;
        foreach (var ep in c.Episodes) last = Math.Max(last, ep.CloseDay ?? int.MaxValue);
        foreach (var s in c.Stages) last = Math.Max(last, s.End ?? int.MaxValue);
        return last;
    }

    // ---- Contacts ----------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FrontDoor(ChildRecord c, Prng rng)
    {
        var t = c.EntryDay;
        // Concerns about a young person in the last weeks before 18 go to adult services instead.
        var lastContactDay = c.Day18 - 60;
        while (t <= _asOf && t < lastContactDay)
        {
            var contact = NewContact(c, t, rng);
            if (!contact.Referral)
            {
                if (!rng.Chance(P.ContactAgainAfterNoReferral)) return;
                t += ReturnGap(rng);
                continue;
            }
            var ep = RunEpisode(c, contact.DecisionDay!.Value, rng, out var hadPlan, out var finished);
            if (ep.CloseDay is not { } closed || finished) return;
            if (!rng.Chance(hadPlan ? P.ContactAgainAfterPlan : P.ContactAgainAfterClosure)) return;
            t = closed + ReturnGap(rng);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ReturnGap(Prng rng) =>
        1 + (int)rng.Exponential(rng.Chance(P.ReturnSoonShare) ? P.ReturnSoonMeanDays : P.ReturnLaterMeanDays);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Contact NewContact(ChildRecord c, int day, Prng rng)
    {
        var second = rng.Chance(0.85) ? rng.Int(8 * 3600, 18 * 3600) : rng.Int(0, 86399);
        var delay = rng.Chance(P.ContactDecidedWithin24h)
            ? rng.Int(900, 86000)
            : 86400 + 600 + (int)Math.Min(rng.Exponential(P.ContactDecisionLateMeanHours * 3600), 25 * 86400);
        var decided = (long)day * 86400 + second + delay;
        var contact = _arena.Contacts.Rent();
        contact.Day = day;
        contact.Second = second;
        contact.Source = CodeLists.ReferralSource.Sample(rng);
        var decisionDay = (int)(decided / 86400);
        if (decisionDay <= _asOf)
        {
            contact.DecisionDay = decisionDay;
            contact.DecisionSecond = (int)(decided % 86400);
            // The front door knows the child's history: recently referred children are referred again more readily.
            var p = c.LastReferralDay is { } last
                ? (day - last <= 365 ? P.ReferralAfterRecentReferral : P.ReferralAfterOlderReferral)
                : c.Contacts.Count == 0 ? P.ReferralFromFirstContact : P.ReferralFromLaterContact;
            contact.Referral = rng.Chance(p);
            contact.Outcome = contact.Referral ? CodeLists.ContactReferral
                : rng.Chance(P.ContactNfaShare) ? CodeLists.ContactNfa : CodeLists.ContactEarlyHelp;
        }
        c.Contacts.Add(contact);
        return contact;
    }

    // ---- Referral episode ----------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Episode RunEpisode(ChildRecord c, int referralDay, Prng rng, out bool hadPlan, out bool finished)
    {
        hadPlan = false;
        finished = false;
        var ep = _arena.Episodes.Rent();
        ep.ReferralDay = referralDay;
        ep.Source = CodeLists.ReferralSource.Sample(rng);
        ep.Need = c.Disabled ? CodeLists.NeedDisability : CodeLists.Need.Sample(rng);
        c.Episodes.Add(ep);
        c.LastReferralDay = referralDay;

        if (rng.Chance(P.ReferralNfa))
        {
            ep.Nfa = true;
            Close(ep, referralDay, CodeLists.RcNfaAfterAssessment);
            return ep;
        }

        if (c.BornByExtract && rng.Chance(P.TransferInConference))
        {
            // A child arriving from another LA on a plan: a transfer-in conference, no S47 here.
            var confDay = _cal.AddWorkingDays(referralDay, rng.Int(5, 15));
            if (confDay > _asOf) { AddStage(c, CaseStage.Assessment, referralDay, null, ep); return ep; }
            var transfer = _arena.Conferences.Rent();
            transfer.Day = confDay;
            transfer.TargetDay = _cal.AddWorkingDays(referralDay, 15);
            transfer.TransferIn = true;
            transfer.CpOutcome = true;
            ep.Conferences.Add(transfer);
            AddStage(c, CaseStage.Assessment, referralDay, confDay, ep);
            hadPlan = true;
            finished = RunPlans(c, ep, Phase.Cp, confDay, transfer, rng);
            return ep;
        }

        var assessStart = _cal.AddWorkingDays(referralDay, rng.Int(0, 2));
        if (assessStart > _asOf) { AddStage(c, CaseStage.Assessment, referralDay, null, ep); return ep; }
        var assessment = NewAssessment(ep, assessStart, rng);

        S47? enquiry = null;
        Icpc? conference = null;
        // Babies (and unborn children) and children who have been on a plan before are more likely to need protection.
        var infant = referralDay < c.BirthDay + 365;
        var knownRisk = c.CpPlansSoFar > 0;
        if (rng.Chance(infant ? P.S47AtReferralInfant : knownRisk ? P.S47AtReferralAfterCp : P.S47AtReferral))
        {
            enquiry = NewS47(ep, _cal.AddWorkingDays(referralDay, rng.Int(0, 2)), rng);
            if (enquiry is not null && rng.Chance(infant ? P.ConferenceAfterS47Infant : knownRisk ? P.ConferenceAfterS47AfterCp : P.ConferenceAfterS47))
            {
                conference = NewConference(ep, enquiry, rng, out var pending);
                if (pending)
                {
                    // Conference booked after the extract date: the child is still at assessment stage.
                    AddStage(c, CaseStage.Assessment, referralDay, null, ep);
                    return ep;
                }
            }
        }

        if (conference is { CpOutcome: true })
        {
            assessment.Outcome = assessment.Auth is null ? AssessmentOutcome.Open : AssessmentOutcome.CpPlan;
            AddStage(c, CaseStage.Assessment, referralDay, conference.Day, ep);
            hadPlan = true;
            finished = RunPlans(c, ep, Phase.Cp, conference.Day, conference, rng);
            return ep;
        }

        if (assessment.Auth is not { } auth)
        {
            AddStage(c, CaseStage.Assessment, referralDay, null, ep);
            return ep;
        }

        var pCin = conference is not null ? P.CinAfterConferenceWithoutPlan : c.Disabled ? P.CinAfterAssessmentDisabled : P.CinAfterAssessment;
        var u = rng.NextDouble();
        if (u < pCin)
        {
            assessment.Outcome = AssessmentOutcome.CinPlan;
            if (enquiry is not null) enquiry.LedToCinPlan = true;
            var start = _cal.AddWorkingDays(auth, rng.Int(0, 5));
            AddStage(c, CaseStage.Assessment, referralDay, start, ep);
            hadPlan = true;
            finished = RunPlans(c, ep, Phase.Cin, start, null, rng);
        }
        else if (u < pCin + (infant ? P.CareDirectFromAssessmentInfant : P.CareDirectFromAssessment) && c.BornByExtract && auth < c.Day18 - 180 && assessStart >= c.BirthDay)
        {
            assessment.Outcome = AssessmentOutcome.Care;
            var start = assessStart + rng.Int(0, auth - assessStart);
            AddStage(c, CaseStage.Assessment, referralDay, start, ep);
            hadPlan = true;
            finished = RunPlans(c, ep, Phase.Care, start, null, rng);
        }
        else
        {
            var earlyHelp = rng.Chance(P.EarlyHelpShareOfClosures);
            assessment.Outcome = earlyHelp ? AssessmentOutcome.EarlyHelp : AssessmentOutcome.Nfa;
            AddStage(c, CaseStage.Assessment, referralDay, auth, ep);
            Close(ep, auth, earlyHelp ? CodeLists.RcEarlyHelp : CodeLists.RcNfaAfterAssessment);
        }
        return ep;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Close(Episode ep, int day, CsvLiteral reason)
    {
        ep.CloseDay = day;
        ep.CloseReason = reason;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddStage(ChildRecord c, CaseStage stage, int start, int? end, Episode? ep)
    {
        if (start > _asOf) return;
        c.AddStage(stage, start, end is { } e && e > _asOf ? null : end, ep);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Assessment NewAssessment(Episode ep, int start, Prng rng)
    {
        int workingDays;
        if (rng.Chance(P.AssessmentInTime))
        {
            do workingDays = 1 + (int)rng.Exponential(P.AssessmentInTimeMeanWd); while (workingDays > 45);
        }
        else workingDays = 46 + (int)rng.Exponential(P.AssessmentLateMeanWd);
        var auth = _cal.AddWorkingDays(start, workingDays);
        var a = _arena.Assessments.Rent();
        a.Start = start;
        a.Auth = auth > _asOf ? null : auth;
        a.ChildSeen = rng.Chance(P.AssessmentChildSeen);
        a.NfaColumnMissing = rng.Chance(P.AssessmentNfaColumnMissing);
        ep.Assessments.Add(a);
        return a;
    }

    /// <summary>An S47 enquiry starting on <paramref name="start"/>, or null when that is after the extract date.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private S47? NewS47(Episode ep, int start, Prng rng)
    {
        if (start > _asOf) return null;
        var end = _cal.AddWorkingDays(start, rng.Int(3, 20));
        var s = _arena.Enquiries.Rent();
        s.Start = start;
        s.End = end > _asOf ? null : end;
        ep.Enquiries.Add(s);
        return s;
    }

    /// <summary>The initial conference after an enquiry; <paramref name="pending"/> when it falls after the extract date.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Icpc? NewConference(Episode ep, S47 enquiry, Prng rng, out bool pending)
    {
        var offset = rng.Chance(P.ConferenceInTime) ? rng.Int(5, 15) : rng.Int(16, 35);
        var day = _cal.AddWorkingDays(enquiry.Start, offset);
        pending = day > _asOf;
        if (pending) return null;
        var conf = _arena.Conferences.Rent();
        conf.Enquiry = enquiry;
        conf.Day = day;
        conf.TargetDay = _cal.AddWorkingDays(enquiry.Start, 15);
        conf.CpOutcome = rng.Chance(P.CpPlanAtConference);
        enquiry.Conference = conf;
        // The enquiry is concluded by the conference at the latest.
        enquiry.End = Math.Max(enquiry.Start, Math.Min(enquiry.End ?? day, day));
        ep.Conferences.Add(conf);
        return conf;
    }

    // ---- Plans and care --------------------------------------------------------------------------

    /// <summary>Runs CIN/CP/care phases until the episode closes or is open at the extract date; true when the child's story ends here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RunPlans(ChildRecord c, Episode ep, Phase phase, int day, Icpc? conference, Prng rng)
    {
        var finished = false;
        while (phase != Phase.Done)
        {
            if (day > _asOf) return false; // the next plan starts after the extract date
            if (day >= c.Day18 - 14)
            {
                if (conference is not null) conference.CpOutcome = false; // no new children's plan at 18
                Close(ep, day, CodeLists.RcServicesCeased);
                return true;
            }
            switch (phase)
            {
                case Phase.Cin: (phase, day, conference) = CinPhase(c, ep, day, rng); break;
                case Phase.Cp: (phase, day) = CpPhase(c, ep, day, conference, rng); conference = null; break;
                case Phase.Care: (phase, day, finished) = CarePhase(c, ep, day, rng); break;
            }
        }
        return finished;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (Phase, int, Icpc?) CinPhase(ChildRecord c, Episode ep, int start, Prng rng)
    {
        var plan = _arena.CinPlans.Rent();
        plan.Start = start;
        ep.CinPlans.Add(plan);
        int? auth = rng.Chance(P.CinPlanAuthorisedIn20Wd) ? _cal.AddWorkingDays(start, rng.Int(0, 20))
            : rng.Chance(1 - P.CinPlanNeverAuthorised / (1 - P.CinPlanAuthorisedIn20Wd)) ? _cal.AddWorkingDays(start, rng.Int(21, 70)) : null;
        plan.AuthDay = auth > _asOf ? null : auth;

        var days = c.Disabled ? P.CinDisabledMinDays + rng.Exponential(P.CinDisabledMeanExtraDays) : P.CinMinDays + rng.Exponential(P.CinMeanExtraDays);
        var end = Math.Min(start + (int)days, c.Day18);

        Icpc? escalation = null;
        var steppedDown = c.CpPlansSoFar > 0;
        if (rng.Chance(steppedDown ? P.CinEscalationAfterCp : P.CinEscalation) && end - start > 40)
        {
            var s47Day = _cal.OnOrNextWorkingDay(start + rng.Int(20, end - start - 1));
            var enquiry = s47Day < end ? NewS47(ep, s47Day, rng) : null;
            if (enquiry is not null && rng.Chance(steppedDown ? P.ConferenceAfterS47AfterCp : P.ConferenceAfterCinS47))
            {
                var conf = NewConference(ep, enquiry, rng, out _);
                if (conf is { CpOutcome: true })
                {
                    // The conference decides on a plan: the CIN plan runs until the CP plan replaces it.
                    escalation = conf;
                    end = conf.Day;
                }
            }
        }

        Reassessments(ep, start, end, rng);
        if (c.Disabled && rng.Chance(P.ShortBreaksForDisabledCin)) ShortBreaks(ep, start, end, rng);
        AddStage(c, CaseStage.Plan, start, end, ep);
        if (end > _asOf) return (Phase.Done, end, null);
        plan.End = end;
        if (escalation is not null) return (Phase.Cp, end, escalation);
        if (end >= c.Day18) { Close(ep, end, c.Disabled ? CodeLists.RcAdultServices : CodeLists.RcServicesCeased); return (Phase.Done, end, null); }
        if (rng.Chance(P.CareAfterCin) && end >= c.BirthDay && end < c.Day18 - 180) return (Phase.Care, end, null);
        Close(ep, end, CodeLists.RcServicesCeased);
        return (Phase.Done, end, null);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (Phase, int) CpPhase(ChildRecord c, Episode ep, int start, Icpc? conference, Prng rng)
    {
        var category = CodeLists.CpCategory.Sample(rng);
        var plan = _arena.CpPlans.Rent();
        plan.Start = start;
        plan.Conference = conference;
        plan.InitialCategory = category;
        plan.LatestCategory = rng.Chance(0.85) ? category : CodeLists.CpCategory.Sample(rng);
        plan.PreviousPlans = c.CpPlansSoFar++;
        if (conference is not null) conference.Plan = plan;
        ep.CpPlans.Add(plan);

        var days = rng.Chance(P.CpEarlyEndShare) ? rng.Int(85, 120) : P.CpMinDays + rng.Exponential(P.CpMeanExtraDays);
        var end = Math.Min(start + (int)days, c.Day18);
        // A pre-birth plan can end with the baby looked after within days of birth.
        var careAtBirth = start < c.BirthDay && end > c.BirthDay && rng.Chance(P.CareAtBirthAfterPreBirthPlan);
        if (careAtBirth) end = c.BirthDay + rng.Int(1, 10);
        Reassessments(ep, start, end, rng);
        AddStage(c, CaseStage.Plan, start, end, ep);
        if (end > _asOf) return (Phase.Done, end);
        plan.End = end;
        if (careAtBirth) return (Phase.Care, end);
        if (end >= c.Day18) { Close(ep, end, CodeLists.RcServicesCeased); return (Phase.Done, end); }
        var u = rng.NextDouble();
        if (u < P.CpToCin) return (Phase.Cin, end);
        if (u < P.CpToCin + P.CpToCare && end >= c.BirthDay && end < c.Day18 - 180) return (Phase.Care, end);
        Close(ep, end, CodeLists.RcServicesCeased);
        return (Phase.Done, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Reassessments(Episode ep, int from, int to, Prng rng)
    {
        var t = from + (int)rng.Exponential(365 / P.ReassessmentsPerPlanYear);
        while (t < to && t <= _asOf)
        {
            var a = NewAssessment(ep, _cal.OnOrNextWorkingDay(t), rng);
            if (a.Start > _asOf || a.Start >= to) { ep.Assessments.Remove(a); break; }
            // An assessment of an open case is concluded when the case closes at the latest.
            if (to <= _asOf && (a.Auth is null || a.Auth > to)) a.Auth = to;
            a.Outcome = a.Auth is null ? AssessmentOutcome.Open : AssessmentOutcome.ContinuePlan;
            t += 1 + (int)rng.Exponential(365 / P.ReassessmentsPerPlanYear);
        }
    }

    /// <summary>Short-break agreements (V4, occasionally V3) for a disabled child on a CIN plan: looked after in law, not "cared for".</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ShortBreaks(Episode ep, int planStart, int planEnd, Prng rng)
    {
        var t = planStart + rng.Int(30, 120);
        while (t < planEnd && t <= _asOf)
        {
            var single = rng.Chance(0.1);
            var end = Math.Min(t + (single ? rng.Int(2, 14) : rng.Int(180, 365)), planEnd);
            int? open = end > _asOf ? null : end;
            var period = _arena.CarePeriods.Rent();
            period.Start = t;
            period.End = open;
            period.ShortBreaks = true;
            period.Need = CodeLists.NeedDisability;
            period.Exit = open is null ? CareExit.Open : CareExit.Other;
            if (open is not null) period.ExitReason = CodeLists.ShortBreakEnded;
            var legal = _arena.LegalStatuses.Rent();
            legal.Code = single ? CodeLists.LegalShortBreakSingle : CodeLists.LegalShortBreakSeries;
            legal.Start = t;
            legal.End = open;
            period.LegalStatuses.Add(legal);
            var unit = _arena.Placements.Rent();
            unit.Start = t;
            unit.End = open;
            unit.Type = CodeLists.ShortBreakPlacement;
            unit.Provider = CodeLists.ProviderOwn;
            unit.Urn = 500000 + rng.Int(0, 99);
            period.Placements.Add(unit);
            ep.CarePeriods.Add(period);
            t = end + rng.Int(1, 20);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (Phase, int, bool) CarePhase(ChildRecord c, Episode ep, int start, Prng rng)
    {
        var period = _careBuilder.Build(c, start, _asOf, rng, _arena);
        period.Need = ep.Need;
        ep.CarePeriods.Add(period);
        AddStage(c, CaseStage.Care, start, period.End, ep);

        bool QualifiesAsLeaver(int leftOrNow) => leftOrNow >= c.Day16 && leftOrNow - Math.Max(start, c.Day14) >= 91;

        if (period.End is not { } end)
        {
            if (QualifiesAsLeaver(_asOf)) c.CareLeaver = true;
            return (Phase.Done, _asOf + 1, false);
        }

        if (period.Exit == CareExit.Age18 || (period.Exit == CareExit.ReturnHome && QualifiesAsLeaver(end)))
        {
            if (QualifiesAsLeaver(end))
            {
                var supportEnd = rng.Chance(P.LeaverSupportTo25) ? AddYears(c.BirthDay, 25) : c.Day21;
                c.CareLeaver = true;
                c.LeftCareDay = end;
                AddStage(c, CaseStage.Leaver, end, supportEnd, null);
            }
            Close(ep, end, CodeLists.RcServicesCeased);
            return (Phase.Done, end, true);
        }

        switch (period.Exit)
        {
            case CareExit.ReturnHome when rng.Chance(P.CinAfterCareReturn) && end < c.Day18 - 60:
                return (Phase.Cin, end, false);
            case CareExit.Adoption:
                Close(ep, end, CodeLists.RcAdopted);
                return (Phase.Done, end, true); // an adopted child's record continues under a new identity
            case CareExit.SpecialGuardianship:
                Close(ep, end, CodeLists.RcSpecialGuardianship);
                return (Phase.Done, end, false);
            case CareExit.ChildArrangements:
                Close(ep, end, CodeLists.RcChildArrangements);
                return (Phase.Done, end, false);
            default:
                Close(ep, end, CodeLists.RcServicesCeased);
                return (Phase.Done, end, false);
        }
    }
}
