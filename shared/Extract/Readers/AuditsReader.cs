using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>
/// ext_audits → <see cref="AuditRecord"/>. The moderated grade, when given and valid, wins over the auditor's
/// grade (moderation is the QA step that corrects it). Grades: OUTSTANDING, GOOD, RI (or REQUIRES IMPROVEMENT),
/// INADEQUATE, any case.
/// </summary>
internal sealed class AuditsReader(TableSpec spec, ReadContext context) : ListRecordReader<AuditRecord>(spec, context)
{
    private const int Id = 0, Person = 1, Date = 2, Grade = 3, Moderated = 4, Team = 5;

    public static readonly TableSpec Definition = new(Tables.Audits,
        [Req("audt_id"), Opt("audt_person_id"), Req("audt_date"), Req("audt_grade"), Opt("audt_moderated_grade"), Opt("audt_team")],
        KeyColumn: Id, PersonColumn: Person, IsDimension: false, (s, c) => new AuditsReader(s, c));

    protected override bool TryRead(ref Row row, out AuditRecord record)
    {
        record = default;
        if (!row.Key(Id) || !row.RequiredDate(Date, out var date)) return false;

        var moderatedText = row[Moderated];
        AuditGrade? moderated = null;
        if (!moderatedText.IsEmpty)
        {
            if (TryParseGrade(moderatedText, out var m)) moderated = m;
            else row.Warn(DropRules.BadCode, $"audt_moderated_grade {row.Quote(Moderated, moderatedText)} is not a grade; the original grade is used");
        }
        var gradeText = row[Grade];
        AuditGrade grade;
        if (TryParseGrade(gradeText, out var g)) grade = moderated ?? g;
        else if (moderated is { } onlyModerated)
        {
            if (!gradeText.IsEmpty) row.Warn(DropRules.BadCode, $"audt_grade {row.Quote(Grade, gradeText)} is not a grade; the moderated grade is used");
            grade = onlyModerated;
        }
        else if (gradeText.IsEmpty) return row.Reject(DropRules.MissingValue, "audt_grade is empty");
        else return row.Reject(DropRules.BadCode, $"audt_grade {row.Quote(Grade, gradeText)} is not OUTSTANDING, GOOD, RI or INADEQUATE");

        if (!row.ClaimKey()) return false;
        record = new AuditRecord(row.OptionalPerson(Person), date, grade, row.Team(Team));
        return true;
    }

    internal static bool TryParseGrade(ReadOnlySpan<char> s, out AuditGrade grade)
    {
        grade = default;
        if (s.Equals("OUTSTANDING", StringComparison.OrdinalIgnoreCase)) grade = AuditGrade.Outstanding;
        else if (s.Equals("GOOD", StringComparison.OrdinalIgnoreCase)) grade = AuditGrade.Good;
        else if (s.Equals("RI", StringComparison.OrdinalIgnoreCase) || s.Equals("REQUIRES IMPROVEMENT", StringComparison.OrdinalIgnoreCase)
                 || s.Equals("REQUIRES_IMPROVEMENT", StringComparison.OrdinalIgnoreCase)) grade = AuditGrade.RequiresImprovement;
        else if (s.Equals("INADEQUATE", StringComparison.OrdinalIgnoreCase)) grade = AuditGrade.Inadequate;
        else return false;
        return true;
    }

    protected override AuditRecord Finalise(in AuditRecord r) => r with { Person = FinalPerson(r.Person), Team = FinalTeam(r.Team) };
}
