using System.Runtime.CompilerServices;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis.Engine;

/// <summary>All rows of one child across the drop's tables, as spans into the grouped tables (no copies).</summary>
public readonly ref struct PersonView
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public PersonView(CaseData data, int person)
    {
        Person = person;
        var persons = data.Persons.For(person);
        Record = persons.IsEmpty ? null : persons[0];
        Contacts = data.Contacts.For(person);
        Referrals = data.Referrals.For(person);
        Assessments = data.Assessments.For(person);
        S47 = data.S47Enquiries.For(person);
        Icpcs = data.Icpcs.For(person);
        CinPlans = data.CinPlans.For(person);
        CpPlans = data.CpPlans.For(person);
        ClaEpisodes = data.ClaEpisodes.For(person);
        Placements = data.Placements.For(person);
        LegalStatuses = data.LegalStatuses.For(person);
        CinVisits = data.CinVisits.For(person);
        CpVisits = data.CpVisits.For(person);
        ClaVisits = data.ClaVisits.For(person);
        CareLeavers = data.CareLeavers.For(person);
        Involvements = data.Involvements.For(person);
        Supervision = data.Supervision.For(person);
        CinReviews = data.CinReviews.For(person);
    }

    public int Person { get; }
    public PersonRecord? Record { get; }
    public ReadOnlySpan<ContactRecord> Contacts { get; }
    public ReadOnlySpan<ReferralRecord> Referrals { get; }
    public ReadOnlySpan<AssessmentRecord> Assessments { get; }
    public ReadOnlySpan<S47Record> S47 { get; }
    public ReadOnlySpan<IcpcRecord> Icpcs { get; }
    public ReadOnlySpan<CinPlanRecord> CinPlans { get; }
    public ReadOnlySpan<CpPlanRecord> CpPlans { get; }
    public ReadOnlySpan<ClaEpisodeRecord> ClaEpisodes { get; }
    public ReadOnlySpan<PlacementRecord> Placements { get; }
    public ReadOnlySpan<LegalStatusRecord> LegalStatuses { get; }
    public ReadOnlySpan<VisitRecord> CinVisits { get; }
    public ReadOnlySpan<VisitRecord> CpVisits { get; }
    public ReadOnlySpan<VisitRecord> ClaVisits { get; }
    public ReadOnlySpan<CareLeaverRecord> CareLeavers { get; }
    public ReadOnlySpan<InvolvementRecord> Involvements { get; }
    public ReadOnlySpan<SupervisionRecord> Supervision { get; }
    public ReadOnlySpan<CinReviewRecord> CinReviews { get; }

    /// <summary>
    /// The last day on which anything of this child's is still happening: the latest event date, or the
    /// latest end of an episode (an open episode, an unauthorised assessment or a care-leaver record, which
    /// has no dates, count as ongoing). A child whose last day is on or before the earliest window start of
    /// a snapshot (the oldest month-end − 1 year) cannot count in any KPI at any of its as-at dates: nothing
    /// is open then and no event falls in a window. Most of a six-year drop's children are such.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DateOnly LastActiveDay()
    {
        if (!CareLeavers.IsEmpty) return DateOnly.MaxValue;
        var last = DateOnly.MinValue;
        static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
        foreach (ref readonly var x in Contacts) last = Max(last, DateOnly.FromDateTime(x.DecidedAt is { } dec && dec > x.ContactAt ? dec : x.ContactAt));
        foreach (ref readonly var x in Referrals) last = Max(last, x.CloseDate is { } e && e > x.ReferralDate ? e : x.ReferralDate);
        foreach (ref readonly var x in Assessments) last = Max(last, x.AuthorisedDate is { } e ? Max(e, x.StartDate) : DateOnly.MaxValue);
        foreach (ref readonly var x in S47) last = Max(last, x.EndDate is { } e ? Max(e, x.StartDate) : DateOnly.MaxValue);
        foreach (ref readonly var x in Icpcs) last = Max(last, x.ConferenceDate);
        foreach (ref readonly var x in CinPlans) last = Max(last, x.EndDate is { } e ? Max(e, x.AuthorisedDate is { } a ? Max(a, x.StartDate) : x.StartDate) : DateOnly.MaxValue);
        foreach (ref readonly var x in CpPlans) last = Max(last, x.EndDate is { } e ? Max(e, x.StartDate) : DateOnly.MaxValue);
        foreach (ref readonly var x in ClaEpisodes) last = Max(last, x.CeasedDate is { } e ? Max(e, x.StartDate) : DateOnly.MaxValue);
        foreach (ref readonly var x in Placements) last = Max(last, x.EndDate is { } e ? Max(e, x.StartDate) : DateOnly.MaxValue);
        foreach (ref readonly var x in LegalStatuses) last = Max(last, x.EndDate is { } e ? Max(e, x.StartDate) : DateOnly.MaxValue);
        foreach (ref readonly var x in Involvements) last = Max(last, x.EndDate is { } e ? Max(e, x.StartDate) : DateOnly.MaxValue);
        foreach (ref readonly var x in CinVisits) last = Max(last, x.VisitDate);
        foreach (ref readonly var x in CpVisits) last = Max(last, x.VisitDate);
        foreach (ref readonly var x in ClaVisits) last = Max(last, x.VisitDate);
        foreach (ref readonly var x in Supervision) last = Max(last, x.Date);
        foreach (ref readonly var x in CinReviews) last = Max(last, x.HeldDate is { } h ? Max(h, x.DueDate) : x.DueDate);
        return last;
    }

    /// <summary>
    /// <see cref="LastActiveDay"/>() &gt; <paramref name="day"/>, answered without the full scan when it is true:
    /// any one row still happening after <paramref name="day"/> decides (latest rows first, open episodes first).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool ActiveAfter(DateOnly day)
    {
        if (!CareLeavers.IsEmpty) return DateOnly.MaxValue > day;
        for (var i = Involvements.Length - 1; i >= 0; i--) if (EndsAfter(Involvements[i].StartDate, Involvements[i].EndDate, day)) return true;
        for (var i = ClaEpisodes.Length - 1; i >= 0; i--) if (EndsAfter(ClaEpisodes[i].StartDate, ClaEpisodes[i].CeasedDate, day)) return true;
        for (var i = Placements.Length - 1; i >= 0; i--) if (EndsAfter(Placements[i].StartDate, Placements[i].EndDate, day)) return true;
        for (var i = LegalStatuses.Length - 1; i >= 0; i--) if (EndsAfter(LegalStatuses[i].StartDate, LegalStatuses[i].EndDate, day)) return true;
        for (var i = CpPlans.Length - 1; i >= 0; i--) if (EndsAfter(CpPlans[i].StartDate, CpPlans[i].EndDate, day)) return true;
        for (var i = CinPlans.Length - 1; i >= 0; i--)
        {
            ref readonly var x = ref CinPlans[i];
            if (x.EndDate is null ? DateOnly.MaxValue > day : x.EndDate.Value > day || x.StartDate > day || x.AuthorisedDate > day) return true;
        }
        for (var i = Assessments.Length - 1; i >= 0; i--) if (EndsAfter(Assessments[i].StartDate, Assessments[i].AuthorisedDate, day)) return true;
        for (var i = S47.Length - 1; i >= 0; i--) if (EndsAfter(S47[i].StartDate, S47[i].EndDate, day)) return true;
        for (var i = Referrals.Length - 1; i >= 0; i--) if (Referrals[i].ReferralDate > day || Referrals[i].CloseDate > day) return true;
        for (var i = Contacts.Length - 1; i >= 0; i--)
        {
            ref readonly var x = ref Contacts[i];
            if (DateOnly.FromDateTime(x.DecidedAt is { } dec && dec > x.ContactAt ? dec : x.ContactAt) > day) return true;
        }
        for (var i = Icpcs.Length - 1; i >= 0; i--) if (Icpcs[i].ConferenceDate > day) return true;
        for (var i = CinVisits.Length - 1; i >= 0; i--) if (CinVisits[i].VisitDate > day) return true;
        for (var i = CpVisits.Length - 1; i >= 0; i--) if (CpVisits[i].VisitDate > day) return true;
        for (var i = ClaVisits.Length - 1; i >= 0; i--) if (ClaVisits[i].VisitDate > day) return true;
        for (var i = Supervision.Length - 1; i >= 0; i--) if (Supervision[i].Date > day) return true;
        for (var i = CinReviews.Length - 1; i >= 0; i--) if (CinReviews[i].DueDate > day || CinReviews[i].HeldDate > day) return true;
        return false;

        // An episode's last day is its end (an open one is still going on), or its start if that is later.
        static bool EndsAfter(DateOnly start, DateOnly? end, DateOnly day) =>
            end is { } e ? e > day || start > day : DateOnly.MaxValue > day;
    }

    /// <summary>True when the child has nothing but contacts/person rows: most of the population, skipped by cohort rules.</summary>
    public bool HasCaseHistory =>
        !(Referrals.IsEmpty && Assessments.IsEmpty && S47.IsEmpty && Icpcs.IsEmpty && CinPlans.IsEmpty && CpPlans.IsEmpty
          && ClaEpisodes.IsEmpty && CareLeavers.IsEmpty && Involvements.IsEmpty && CinReviews.IsEmpty);
}
