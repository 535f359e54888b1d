using KpiPipeline.Model;

namespace KpiPipeline.Kpis.Engine;

/// <summary>All rows of one child across the drop's tables, as spans into the grouped tables (no copies).</summary>
public readonly ref struct PersonView
{
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

    /// <summary>True when the child has nothing but contacts/person rows: most of the population, skipped by cohort rules.</summary>
    public bool HasCaseHistory =>
        !(Referrals.IsEmpty && Assessments.IsEmpty && S47.IsEmpty && Icpcs.IsEmpty && CinPlans.IsEmpty && CpPlans.IsEmpty
          && ClaEpisodes.IsEmpty && CareLeavers.IsEmpty && Involvements.IsEmpty && CinReviews.IsEmpty);
}
