using System.Runtime.CompilerServices;
using P = KpiPipeline.Synthetic.Calibration;

namespace KpiPipeline.Synthetic;

/// <summary>
/// Writes one simulated child into the drop's tables. Only what an extract covering the window
/// (six years to the extract date) would hold is written: contacts and dated events in the window,
/// and every record of a referral episode still open at the window start or later (so an ICPC
/// always finds its S47 and a plan its referral). Ids are assigned here, per table, in writing order.
/// Visits, reviews, supervision and audits come from <see cref="CaseActivityWriter"/>.
/// </summary>
internal sealed class ChildEmitter(DropWriter output, Workforce workforce, GeneratorCalendar calendar, int asOf, int windowStart, int legacyIdsBefore)
{
    private readonly List<Allocation> _allocations = [];
    private readonly Allocations _allocator = new(workforce);
    private readonly List<Episode> _episodes = [];
    private readonly CaseActivityWriter _activity = new(output, calendar, asOf, windowStart);
    private readonly List<int> _boundaries = [];

    private long _persons, _contacts, _referrals, _assessments, _enquiries, _conferences, _cinPlans, _cpPlans, _claEpisodes,
        _periods, _placements, _legal, _leavers, _involvements;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Emit(ChildRecord c, Prng rng)
    {
        _episodes.Clear();
        foreach (var ep in c.Episodes) if (ep.CloseDay is null || ep.CloseDay >= windowStart) _episodes.Add(ep);
        var anyContact = false;
        foreach (var ct in c.Contacts) if (ct.Day >= windowStart) { anyContact = true; break; }
        var leaverRow = c.CareLeaver && AgeAt(c, asOf) is >= 16 and <= 25;
        var anyStage = false;
        foreach (var s in c.Stages) if (s.End is null || s.End >= windowStart) { anyStage = true; break; }
        if (_episodes.Count == 0 && !anyContact && !leaverRow && !anyStage) return;

        var person = new PersonKey(++_persons, c.EntryDay < legacyIdsBefore);
        _allocator.Build(c, asOf, rng, _allocations);
        AssignIds();

        WritePerson(c, person);
        foreach (var ct in c.Contacts) if (ct.Day >= windowStart) WriteContact(ct, person);
        foreach (var ep in _episodes) WriteEpisode(c, ep, person, rng);
        WriteInvolvements(person);
        if (leaverRow) WriteCareLeaver(c, person, rng);
        _activity.SupervisionAndAudits(c, _allocations, person, rng);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int AgeAt(ChildRecord c, int day)
    {
        var birth = DateOnly.FromDayNumber(c.BirthDay);
        var at = DateOnly.FromDayNumber(day);
        var age = at.Year - birth.Year;
        if (at < birth.AddYears(age)) age--;
        return age;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AssignIds()
    {
        foreach (var ep in _episodes)
        {
            ep.Id = ++_referrals;
            foreach (var a in ep.Assessments) a.Id = ++_assessments;
            foreach (var s in ep.Enquiries) s.Id = ++_enquiries;
            foreach (var i in ep.Conferences) i.Id = ++_conferences;
            foreach (var p in ep.CinPlans) p.Id = ++_cinPlans;
            foreach (var p in ep.CpPlans) p.Id = ++_cpPlans;
            foreach (var period in ep.CarePeriods)
            {
                period.Id = ++_periods;
                foreach (var pl in period.Placements) pl.Id = ++_placements;
                foreach (var l in period.LegalStatuses) l.Id = ++_legal;
            }
        }
        foreach (var a in _allocations) a.Id = ++_involvements;
    }

    private Allocation? At(int day) => Allocations.At(_allocations, day);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TeamAndWorker(CsvTableWriter w, Allocation? a)
    {
        if (a is null) { w.Empty(); w.Empty(); return; }
        w.Text(a.Team.Id);
        w.Num(a.Worker.Id);
    }

    // ---- person and contacts ---------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WritePerson(ChildRecord c, PersonKey person)
    {
        var w = output[Table.Person];
        w.PersonId(person);
        w.Text(c.Sex == 'M' ? "M" : c.Sex == 'F' ? "F" : "U");
        w.Empty(); // gender identity is not recorded by most systems
        w.Lit(c.Ethnicity);
        w.Date(c.BornByExtract ? c.BirthDay : null);
        w.Date(c.Unborn ? c.BirthDay + (c.Index % 15) - 7 : null);
        w.Date(c.DeathDay);
        w.Text(c.UpnUnknown ? (c.BirthDay > asOf - 5 * 365 ? "UN1" : "UN2") : null);
        w.YesNo(c.SendFlag);
        w.EndRow();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteContact(Contact ct, PersonKey person)
    {
        var w = output[Table.Contacts];
        w.Num(++_contacts);
        w.PersonId(person);
        w.DateTime(ct.Day, ct.Second);
        w.Lit(ct.Source);
        w.Lit(ct.Outcome);
        if (ct.DecisionDay is { } d) w.DateTime(d, ct.DecisionSecond); else w.Empty();
        w.EndRow();
    }

    // ---- referral episode and its records ------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteEpisode(ChildRecord c, Episode ep, PersonKey person, Prng rng)
    {
        var w = output[Table.CinEpisodes];
        w.Num(ep.Id);
        w.PersonId(person);
        w.Date(ep.ReferralDay);
        w.Lit(ep.Need);
        w.Lit(ep.Source);
        w.YesNo(ep.Nfa);
        w.Lit(ep.CloseReason);
        w.Date(ep.CloseDay);
        TeamAndWorker(w, At(ep.ReferralDay));
        w.EndRow();

        foreach (var a in ep.Assessments) WriteAssessment(ep, a, person);
        foreach (var s in ep.Enquiries) WriteS47(ep, s, person);
        foreach (var i in ep.Conferences) WriteConference(ep, i, person);
        foreach (var p in ep.CinPlans) WriteCinPlan(c, ep, p, person, rng);
        foreach (var p in ep.CpPlans) WriteCpPlan(c, ep, p, person, rng);
        foreach (var period in ep.CarePeriods) WriteCarePeriod(c, ep, period, person, rng);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteAssessment(Episode ep, Assessment a, PersonKey person)
    {
        var w = output[Table.CinAssessments];
        w.Num(a.Id);
        w.PersonId(person);
        w.Num(ep.Id);
        w.Date(a.Start);
        w.YesNo(a.ChildSeen);
        w.Date(a.Auth);
        w.Lit(a.Auth is null ? null : CodeLists.AssessmentJson(a.Outcome));
        if (a.Auth is null || a.NfaColumnMissing) w.Empty(); else w.YesNo(a.Outcome == AssessmentOutcome.Nfa);
        TeamAndWorker(w, At(a.Start));
        w.EndRow();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteS47(Episode ep, S47 s, PersonKey person)
    {
        var w = output[Table.S47Enquiry];
        w.Num(s.Id);
        w.Num(ep.Id);
        w.PersonId(person);
        w.Date(s.Start);
        w.Date(s.End);
        if (s.End is null) { w.Empty(); w.Empty(); }
        else
        {
            w.YesNo(s.Conference is null && !s.LedToCinPlan);
            w.Lit(s.Conference is not null ? CodeLists.S47Icpc : s.LedToCinPlan ? CodeLists.S47Cin : CodeLists.S47Nfa);
        }
        TeamAndWorker(w, At(s.End ?? s.Start));
        w.EndRow();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteConference(Episode ep, Icpc i, PersonKey person)
    {
        var w = output[Table.InitialCpConference];
        w.Num(i.Id);
        w.Num(i.Enquiry?.Id);
        w.PersonId(person);
        w.Num(i.Plan?.Id);
        w.Num(ep.Id);
        w.YesNo(i.TransferIn);
        w.Date(i.TargetDay);
        w.Date(i.Day);
        w.YesNo(i.CpOutcome);
        TeamAndWorker(w, At(i.Day));
        w.EndRow();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteCinPlan(ChildRecord c, Episode ep, CinPlan p, PersonKey person, Prng rng)
    {
        var w = output[Table.CinPlans];
        w.Num(p.Id);
        w.Num(ep.Id);
        w.PersonId(person);
        w.Date(p.Start);
        w.Date(p.End);
        TeamAndWorker(w, At(p.Start));
        w.Date(p.AuthDay);
        w.EndRow();
        _activity.CinVisitsAndReviews(c, p, person, rng);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteCpPlan(ChildRecord c, Episode ep, CpPlan p, PersonKey person, Prng rng)
    {
        var w = output[Table.CpPlans];
        w.Num(p.Id);
        w.Num(ep.Id);
        w.Num(p.Conference?.Id);
        w.PersonId(person);
        w.Date(p.Start);
        w.Date(p.End);
        w.Lit(p.InitialCategory);
        w.Lit(p.LatestCategory);
        w.Num(p.PreviousPlans);
        w.EndRow();
        _activity.CpVisits(c, p, person, rng);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteCarePeriod(ChildRecord c, Episode ep, CarePeriod period, PersonKey person, Prng rng)
    {
        foreach (var pl in period.Placements)
        {
            var w = output[Table.ClaPlacement];
            w.Num(pl.Id);
            w.Num(period.Id);
            w.PersonId(person);
            w.Date(pl.Start);
            w.Lit(pl.Type);
            w.Date(pl.End);
            w.Lit(pl.ChangeReason);
            w.Lit(pl.Provider);
            if (pl.Urn is { } urn) w.Text("SC" + urn.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)); else w.Empty();
            w.EndRow();
        }
        foreach (var l in period.LegalStatuses)
        {
            var w = output[Table.LegalStatus];
            w.Num(l.Id);
            w.PersonId(person);
            w.Lit(l.Code);
            w.Date(l.Start);
            w.Date(l.End);
            w.EndRow();
        }
        WriteClaEpisodes(ep, period, person);
        if (!period.ShortBreaks) _activity.ClaVisits(c, period, person, rng);
    }

    /// <summary>SSDA903-style episodes: a new episode whenever the placement or the legal status changes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteClaEpisodes(Episode ep, CarePeriod period, PersonKey person)
    {
        _boundaries.Clear();
        foreach (var pl in period.Placements) _boundaries.Add(pl.Start);
        foreach (var l in period.LegalStatuses) if (!_boundaries.Contains(l.Start)) _boundaries.Add(l.Start);
        _boundaries.Sort();
        var w = output[Table.ClaEpisodes];
        for (var i = 0; i < _boundaries.Count; i++)
        {
            var start = _boundaries[i];
            int? end = i + 1 < _boundaries.Count ? _boundaries[i + 1] : period.End;
            var placementChanged = false;
            var placement = period.Placements[0];
            foreach (var p in period.Placements)
            {
                if (p.Start == start) placementChanged = true;
                if (p.Start <= start) placement = p;
            }
            var legalChanged = false;
            foreach (var l in period.LegalStatuses) if (l.Start == start) legalChanged = true;
            w.Num(++_claEpisodes);
            w.PersonId(person);
            w.Num(placement.Id);
            w.Date(start);
            w.Lit(i == 0 ? CodeLists.RneStarted : placementChanged && legalChanged ? CodeLists.RneBoth : placementChanged ? CodeLists.RnePlacement : CodeLists.RneLegal);
            w.Lit(period.Need);
            w.Date(end);
            w.Lit(i + 1 < _boundaries.Count ? CodeLists.RecNewEpisode : period.ExitReason);
            w.Num(period.Id);
            w.Num(ep.Id);
            w.Date(period.Start);
            w.EndRow();
        }
    }

    // ---- allocations, care leavers, supervision, audits ------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteInvolvements(PersonKey person)
    {
        var w = output[Table.Involvements];
        foreach (var a in _allocations)
        {
            if (a.End is { } e && e < windowStart) continue;
            w.Num(a.Id);
            w.Num(a.Worker.Id);
            w.Lit(CodeLists.CaseWorkerRole);
            w.Text(a.Team.Id);
            w.PersonId(person);
            w.Date(a.Start);
            w.Date(a.End);
            w.Lit(a.EndReason);
            w.Num(a.Episode is { } ep && (ep.CloseDay is null || ep.CloseDay >= windowStart) ? ep.Id : null);
            w.EndRow();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteCareLeaver(ChildRecord c, PersonKey person, Prng rng)
    {
        var age = AgeAt(c, asOf);
        var inTouch = rng.Chance(P.LeaverInTouch);
        var w = output[Table.CareLeavers];
        w.Num(++_leavers);
        w.PersonId(person);
        w.Lit(c.LeftCareDay is null ? CodeLists.Eligible : age < 18 ? CodeLists.Relevant : CodeLists.FormerRelevant);
        w.Lit(inTouch ? CodeLists.InTouchYes : CodeLists.InTouchOther.Sample(rng));
        w.Date(inTouch ? asOf - rng.Int(0, 60) : asOf - rng.Int(90, 400));
        w.Lit(CodeLists.Accommodation.Sample(rng));
        w.YesNo(rng.Chance(0.88));
        var eet = age <= 18 ? P.LeaverEetTo18 : age <= 21 ? P.LeaverEet19To21 : P.LeaverEet22To25;
        w.Lit(!inTouch ? null : rng.Chance(eet) ? CodeLists.ActivityEet.Sample(rng) : CodeLists.ActivityNeet.Sample(rng));
        w.Date(asOf - rng.Int(0, 180));
        var a = At(asOf);
        var current = a is not null && a.End is null ? a : null;
        w.Text(current?.Worker.Name);
        w.Text(current?.Team.Id);
        w.Num(current?.Worker.Id);
        w.EndRow();
    }
}
