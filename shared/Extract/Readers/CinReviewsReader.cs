using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>ext_cin_reviews → <see cref="CinReviewRecord"/> (a review may be held before its due date).</summary>
internal sealed class CinReviewsReader(TableSpec spec, ReadContext context) : PersonRecordReader<CinReviewRecord>(spec, context)
{
    private const int Id = 0, Person = 1, Due = 2, Held = 3;

    public static readonly TableSpec Definition = new(Tables.CinReviews,
        [Req("cinr_id"), Req("cinr_person_id"), Req("cinr_due_date"), Opt("cinr_held_date")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new CinReviewsReader(s, c));

    protected override bool TryRead(ref Row row, out CinReviewRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDate(Due, out var due)) return false;
        var held = row.Date(Held);
        if (!row.ClaimKey() || !row.Person(Person, out var person)) return false;
        record = new CinReviewRecord(person, due, held);
        return true;
    }

    protected override CinReviewRecord Finalise(in CinReviewRecord r) => r with { Person = FinalPerson(r.Person) };
}
