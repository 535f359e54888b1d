using System.Runtime.CompilerServices;
using P = KpiPipeline.Synthetic.Calibration;

namespace KpiPipeline.Synthetic;

/// <summary>
/// Builds one period of care: how and when it ends (return home, adoption, special guardianship,
/// child arrangements, or staying to 18), the legal statuses over it (police protection, interim
/// then full care order, placement order, or section 20) and the placements (an early move for
/// some, then occasional moves; placed with parents before some returns home; adoptive placement
/// before an adoption). Nothing after the extract date exists, so a period running past it is open.
/// </summary>
internal sealed class CareBuilder
{
    // Scratch lists reused from one period to the next.
    private readonly List<int> _starts = [];
    private readonly List<(CsvLiteral Code, int Start)> _legal = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CarePeriod Build(ChildRecord c, int start, int asOf, Prng rng, ChildArena arena)
    {
        var ageYears = (start - c.BirthDay) / 365.25;
        var (exit, end) = ChooseExit(c, start, ageYears, rng);
        var period = arena.CarePeriods.Rent();
        period.Start = start;
        period.Exit = exit;
        var orderRoute = rng.Chance(ageYears >= 14 ? P.CareOrderRouteTeen : P.CareOrderRoute) || exit == CareExit.Adoption;

        // Placement boundaries.
        var starts = _starts;
        starts.Clear();
        starts.Add(start);
        var t = start;
        if (rng.Chance(P.PlacementEarlyMove))
        {
            t = start + rng.Int(2, 60);
            if (t < end && t <= asOf) starts.Add(t);
        }
        while (true)
        {
            t += 1 + (int)rng.Exponential(365 / P.PlacementMovesPerYear);
            if (t >= end || t > asOf) break;
            starts.Add(t);
        }
        int? finalPlacementStart = null;
        CsvLiteral? finalType = null;
        if (exit == CareExit.Adoption)
        {
            finalPlacementStart = Math.Max(start + 30, end - rng.Int(180, 365));
            finalType = CodeLists.PlacedForAdoption;
        }
        else if (exit == CareExit.ReturnHome && rng.Chance(P.PlacedWithParentsBeforeReturn) && end - start > 90)
        {
            finalPlacementStart = end - rng.Int(45, Math.Min(240, end - start - 30));
            finalType = CodeLists.PlacedWithParents;
        }
        if (finalPlacementStart is { } fps)
        {
            while (starts.Count > 1 && starts[^1] >= fps) starts.RemoveAt(starts.Count - 1);
            if (fps <= asOf && fps > start) starts.Add(fps);
        }
        while (starts.Count > 1 && starts[^1] > asOf) starts.RemoveAt(starts.Count - 1);

        // Legal statuses.
        var legal = _legal;
        legal.Clear();
        if (orderRoute)
        {
            var icoStart = start;
            if (rng.Chance(P.CarePoliceProtectionStart))
            {
                legal.Add((rng.Chance(0.7) ? CodeLists.LegalPoliceProtection : CodeLists.LegalEpo, start));
                icoStart = start + rng.Int(1, 8);
            }
            legal.Add((CodeLists.LegalInterimCareOrder, icoStart));
            legal.Add((CodeLists.LegalFullCareOrder, icoStart + rng.Int(90, 330)));
        }
        else
        {
            legal.Add((CodeLists.LegalSection20, start));
            if (rng.Chance(P.Section20ToCareOrder))
            {
                var icoStart = start + rng.Int(30, 300);
                legal.Add((CodeLists.LegalInterimCareOrder, icoStart));
                legal.Add((CodeLists.LegalFullCareOrder, icoStart + rng.Int(90, 330)));
            }
        }
        if (exit == CareExit.Adoption && finalPlacementStart is { } adoptStart) legal.Add((CodeLists.LegalPlacementOrder, Math.Max(start + 1, adoptStart - rng.Int(0, 30))));
        var poStart = int.MaxValue;
        foreach (var l in legal) if (l.Code == CodeLists.LegalPlacementOrder) poStart = l.Start;
        for (var i = legal.Count - 1; i >= 0; i--)
        {
            var l = legal[i];
            var supersededByPlacementOrder = l.Code != CodeLists.LegalPlacementOrder && l.Start >= poStart;
            if (supersededByPlacementOrder || l.Start >= end || l.Start > asOf) legal.RemoveAt(i);
        }
        legal.Sort(static (a, b) => a.Start.CompareTo(b.Start));

        int? periodEnd = end > asOf ? null : end;
        period.End = periodEnd;
        if (periodEnd is null) period.Exit = CareExit.Open;
        else period.ExitReason = CodeLists.ExitReason(exit, rng);

        for (var i = 0; i < legal.Count; i++)
        {
            var status = arena.LegalStatuses.Rent();
            status.Code = legal[i].Code;
            status.Start = legal[i].Start;
            status.End = i + 1 < legal.Count ? legal[i + 1].Start : periodEnd;
            period.LegalStatuses.Add(status);
        }

        for (var i = 0; i < starts.Count; i++)
        {
            var s = starts[i];
            var isFinal = finalPlacementStart == s && finalType is not null;
            var type = isFinal ? finalType! : NextPlacementType(c, s, IsOrderAt(legal, s), rng);
            var placement = arena.Placements.Rent();
            placement.Start = s;
            placement.End = i + 1 < starts.Count ? starts[i + 1] : periodEnd;
            placement.Type = type;
            placement.ChangeReason = i + 1 < starts.Count ? CodeLists.PlacementChangeReason.Sample(rng) : null;
            (placement.Provider, placement.Urn) = Provider(type, rng);
            period.Placements.Add(placement);
        }
        return period;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsOrderAt(List<(CsvLiteral Code, int Start)> legal, int day)
    {
        CsvLiteral? current = null;
        foreach (var l in legal) if (l.Start <= day) current = l.Code;
        return current == CodeLists.LegalFullCareOrder || current == CodeLists.LegalInterimCareOrder;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (CareExit, int) ChooseExit(ChildRecord c, int start, double ageYears, Prng rng)
    {
        CareExit exit;
        int days;
        if (ageYears >= 16)
        {
            if (rng.Chance(P.CareTeenStaysTo18)) return (CareExit.Age18, c.Day18);
            exit = CareExit.ReturnHome;
            days = 30 + (int)rng.Exponential(150);
        }
        else
        {
            var u = rng.NextDouble();
            var adoption = ageYears < 5 ? P.CareAdoptionShareUnder5 : 0;
            if ((u -= adoption) < 0) { exit = CareExit.Adoption; days = 450 + (int)rng.Exponential(250); }
            else if ((u -= P.CareReturnHomeShare) < 0) { exit = CareExit.ReturnHome; days = 20 + (int)rng.Exponential(220); }
            else if ((u -= P.CareSpecialGuardianshipShare) < 0) { exit = CareExit.SpecialGuardianship; days = 300 + (int)rng.Exponential(400); }
            else if ((u -= P.CareChildArrangementsShare) < 0) { exit = CareExit.ChildArrangements; days = 200 + (int)rng.Exponential(300); }
            else if ((u -= P.CareOtherShare) < 0) { exit = CareExit.Other; days = 10 + (int)rng.Exponential(200); }
            else return (CareExit.Age18, c.Day18);
        }
        var end = start + days;
        return end >= c.Day18 ? (CareExit.Age18, c.Day18) : (exit, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CsvLiteral NextPlacementType(ChildRecord c, int day, bool onOrder, Prng rng)
    {
        if (onOrder && day > c.BirthDay + 365 && rng.Chance(P.PlacedWithParentsOnOrder)) return CodeLists.PlacedWithParents;
        var age = (day - c.BirthDay) / 365.25;
        return age >= 12 ? CodeLists.TeenPlacement.Sample(rng) : CodeLists.FosterPlacement.Sample(rng);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (CsvLiteral, int?) Provider(CsvLiteral type, Prng rng)
    {
        var code = type.Text;
        if (code == "P1") return (CodeLists.ProviderParent, null);
        if (code.StartsWith('U') || code.StartsWith('A')) return (rng.Chance(0.65) ? CodeLists.ProviderOwn : CodeLists.ProviderPrivate, null);
        if (code == "Z1") return (CodeLists.ProviderVoluntary, null);
        return (rng.Chance(0.75) ? CodeLists.ProviderPrivate : CodeLists.ProviderOwn, rng.Int(500000, 2999999) % 1000000);
    }
}
