using System.Runtime.CompilerServices;
using P = KpiPipeline.Synthetic.Calibration;

namespace KpiPipeline.Synthetic;

/// <summary>
/// The day-to-day activity on a child's case, drawn while the child is written: statutory visits
/// (CIN, CP, cared for), CIN review meetings, case supervision and management oversight notes,
/// and QA audits. Each is a renewal process (a gap after each event) tuned so the catalogue's
/// timeliness KPIs land in the seed's ranges; history long before the extract window is skipped.
/// </summary>
internal sealed class CaseActivityWriter(DropWriter output, GeneratorCalendar calendar, int asOf, int windowStart)
{
    private readonly List<(int Start, int? End)> _openCaseSpans = [];
    private List<Allocation> _allocations = [];
    private long _cinVisits, _cpVisits, _claVisits, _supervision, _audits, _reviews;

    private Allocation? At(int day) => Allocations.At(_allocations, day);

    private static int AgeAt(ChildRecord c, int day) => ChildEmitter.AgeAt(c, day);

    /// <summary>Visits while the plan is open and review meetings every three months (plus the next one booked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CinVisitsAndReviews(ChildRecord c, CinPlan p, PersonKey person, Prng rng)
    {
        // A renewal process from the plan start; long-past history is skipped (never written).
        var v = output[Table.CinVisits];
        var to = Math.Min(p.End ?? asOf + 1, asOf + 1);
        var t = Math.Max(p.Start + rng.Int(1, 10), windowStart - 90 + rng.Int(0, 30));
        while (t < to)
        {
            var day = calendar.OnOrNextWorkingDay(t);
            if (day >= to) break;
            if (day >= windowStart)
            {
                var seen = rng.Chance(P.CinVisitSeen);
                v.Num(++_cinVisits);
                v.PersonId(person);
                v.Date(day);
                v.YesNo(seen);
                v.YesNo(seen && AgeAt(c, day) >= 5 && rng.Chance(0.55));
                v.EndRow();
            }
            t = day + (int)P.CinVisitMinGap + (int)rng.Exponential(P.CinVisitMeanExtra);
        }

        // Review meetings every three months while the plan runs, plus the next one booked.
        var r = output[Table.CinReviews];
        for (var due = p.Start + P.CinReviewIntervalDays; ; due += P.CinReviewIntervalDays)
        {
            var planOver = p.End is { } e && due >= e;
            if (planOver) break;
            int? held = null;
            var u = rng.NextDouble();
            if (u < P.CinReviewOnTime) held = due - rng.Int(0, 10);
            else if (u < P.CinReviewOnTime + P.CinReviewLate) held = due + rng.Int(1, 40);
            if (held > asOf || (p.End is { } pe && held >= pe)) held = null;
            if (due >= windowStart)
            {
                r.Num(++_reviews);
                r.PersonId(person);
                r.Num(p.Id);
                r.Date(due);
                r.Date(held);
                r.EndRow();
            }
            if (due > asOf) break; // the next review booked after the extract date
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CpVisits(ChildRecord c, CpPlan p, PersonKey person, Prng rng)
    {
        var v = output[Table.CpVisits];
        var to = Math.Min(p.End ?? asOf + 1, asOf + 1);
        var t = Math.Max(p.Start + rng.Int(1, 7), windowStart - 60 + rng.Int(0, 20));
        while (t < to)
        {
            var day = calendar.OnOrNextWorkingDay(t);
            if (day >= to) break;
            if (day >= windowStart)
            {
                var seen = rng.Chance(P.CpVisitSeen);
                v.Num(++_cpVisits);
                v.PersonId(person);
                v.Num(p.Id);
                v.Date(day);
                v.YesNo(seen);
                v.YesNo(seen && day >= c.BirthDay && AgeAt(c, day) >= 5 && rng.Chance(0.6));
                v.EndRow();
            }
            t = day + (int)P.CpVisitMinGap + (int)rng.Exponential(P.CpVisitMeanExtra);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ClaVisits(ChildRecord c, CarePeriod period, PersonKey person, Prng rng)
    {
        var v = output[Table.ClaVisits];
        foreach (var pl in period.Placements)
        {
            var to = Math.Min(pl.End ?? asOf + 1, asOf + 1);
            if (to < windowStart - 120) continue;
            var t = pl.Start + (rng.Chance(P.ClaFirstVisitIn7Days) ? rng.Int(0, 7) : rng.Int(8, 30));
            if (t < windowStart - 120) t = windowStart - 120 + rng.Int(0, 40);
            var longTerm = pl.Type.Text is "U1" or "U4";
            while (t < to)
            {
                if (t >= windowStart)
                {
                    var seen = rng.Chance(P.ClaVisitSeen);
                    v.Num(++_claVisits);
                    v.Num(period.Id);
                    v.PersonId(person);
                    v.Date(t);
                    v.YesNo(seen);
                    v.YesNo(seen && AgeAt(c, t) >= 5 && rng.Chance(0.6));
                    v.EndRow();
                }
                var settled = longTerm && t - pl.Start > 365;
                t += settled
                    ? (int)P.ClaLongTermVisitMinGap + (int)rng.Exponential(P.ClaLongTermVisitMeanExtra)
                    : (int)P.ClaVisitMinGap + (int)rng.Exponential(P.ClaVisitMeanExtra);
            }
        }
    }

    /// <summary>Supervision, oversight and audits over the spans the child is an open case.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SupervisionAndAudits(ChildRecord c, List<Allocation> allocations, PersonKey person, Prng rng)
    {
        _allocations = allocations;
        OpenCaseSpans(c);
        WriteSupervisionAndAudits(person, rng);
    }

    /// <summary>Spans when the child is an open case (CIN, CP or cared for), contiguous stages merged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OpenCaseSpans(ChildRecord c)
    {
        _openCaseSpans.Clear();
        foreach (var s in c.Stages)
        {
            if (s.Stage is not (CaseStage.Plan or CaseStage.Care)) continue;
            if (_openCaseSpans.Count > 0 && _openCaseSpans[^1].End is { } le && le >= s.Start)
            {
                _openCaseSpans[^1] = (_openCaseSpans[^1].Start, s.End is null ? null : Math.Max(le, s.End.Value));
            }
            else _openCaseSpans.Add((s.Start, s.End));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteSupervisionAndAudits(PersonKey person, Prng rng)
    {
        var auditGap = 365.25 / P.AuditsPerOpenCaseYear;
        foreach (var (start, end) in _openCaseSpans)
        {
            var to = Math.Min(end ?? asOf + 1, asOf + 1);
            if (to < windowStart) continue;
            WriteNotes(person, CodeLists.Supervision, P.SupervisionMeanGapDays, start, to, rng);
            WriteNotes(person, CodeLists.Oversight, P.OversightMeanGapDays, start, to, rng);

            var w = output[Table.Audits];
            for (var t = start + (int)rng.Exponential(auditGap); t < to; t += 1 + (int)rng.Exponential(auditGap))
            {
                if (t < windowStart) continue;
                var day = calendar.OnOrNextWorkingDay(t);
                if (day >= to) break;
                var a = At(day);
                var month = DateOnly.FromDayNumber(day);
                var grade = CodeLists.AuditGrade.Sample(rng);
                w.Num(++_audits);
                w.PersonId(person);
                w.Date(day);
                w.Text(CodeLists.AuditThemes[(month.Year * 12 + month.Month) % CodeLists.AuditThemes.Length]);
                w.Lit(grade);
                w.Lit(rng.Chance(0.35) ? Moderate(grade, rng) : null);
                w.Text(a?.Team.Id);
                w.EndRow();
            }
        }
    }

    /// <summary>Moderation mostly confirms the auditor's grade and sometimes moves it one step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CsvLiteral Moderate(CsvLiteral grade, Prng rng)
    {
        if (rng.Chance(0.8)) return grade;
        return grade.Text switch
        {
            "RI" => rng.Chance(0.5) ? CodeLists.GradeGood : CodeLists.GradeInadequate,
            "GOOD" => CodeLists.GradeRi,
            "INADEQUATE" => CodeLists.GradeRi,
            _ => CodeLists.GradeGood,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteNotes(PersonKey person, CsvLiteral type, double meanGap, int start, int to, Prng rng)
    {
        var w = output[Table.CaseSupervision];
        var t = start + rng.Int(3, 20);
        if (t < windowStart - 150) t = windowStart - 150 + rng.Int(0, 30);
        while (t < to)
        {
            var day = calendar.OnOrNextWorkingDay(t);
            if (day >= to) break;
            if (day >= windowStart)
            {
                var a = At(day);
                w.Num(++_supervision);
                w.PersonId(person);
                w.Date(day);
                w.Lit(type);
                w.Num(a?.Worker.Manager?.Id);
                w.Text(a?.Team.Id);
                w.EndRow();
            }
            t = day + 1 + (int)rng.Exponential(meanGap);
        }
    }
}
