using System.Runtime.CompilerServices;
using KpiPipeline.Benchmarks;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis.Families;

// Outcomes (kpi-catalogue.md "Outcomes").

/// <summary>Counts shown both in KPIs and in the child snapshot.</summary>
internal static class StabilityCounts
{
    /// <summary>Placements (rows) overlapping the 12 months to D.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int PlacementsLast12Months(in PersonView p, DateOnly d)
    {
        var n = 0;
        foreach (ref readonly var pl in p.Placements)
            if (Periods.OverlapsLast12Months(pl.StartDate, pl.EndDate, d)) n++;
        return n;
    }

    /// <summary>Distinct case workers (CW involvements) allocated at any time in the 12 months to D.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SocialWorkersLast12Months(in PersonView p, DateOnly d)
    {
        Span<int> seen = stackalloc int[16];
        var n = 0;
        foreach (ref readonly var inv in p.Involvements)
        {
            if (!inv.IsCaseWorker || inv.Worker == IdMap.None || !Periods.OverlapsLast12Months(inv.StartDate, inv.EndDate, d)) continue;
            if (seen[..Math.Min(n, seen.Length)].Contains(inv.Worker)) continue;
            if (n < seen.Length) seen[n] = inv.Worker;
            n++;
        }
        return n;
    }
}

internal sealed class CaredForWith3PlusPlacements : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("cla_3plus_placements_12m", "Cared for children with 3+ placements", Categories.Outcomes,
        KpiUnit.Percent, Polarity.Low, "of cla_open children, those with 3 or more placements overlapping the 12 months to D",
        "LACStable_2016on", [Tables.ClaEpisodes, Tables.ClaPlacement]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        for (var dates = c.CaredFor; !dates.IsEmpty; dates = dates.WithoutFirst)
        {
            var d = dates.First;
            sink.Outcome(d, c.AttributeNow(d), StabilityCounts.PlacementsLast12Months(c.Person, c.Dates[d]) >= 3);
        }
    }
}

internal sealed class CaredForWith3PlusSocialWorkers : PersonKpi
{
    public override KpiDefinition Definition { get; } = new("cla_3plus_social_workers_12m", "Cared for children with 3+ social workers", Categories.Outcomes,
        KpiUnit.Percent, Polarity.Low, "of cla_open children, those with 3 or more distinct allocated case workers over the 12 months to D",
        null, [Tables.ClaEpisodes, Tables.Involvements]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        for (var dates = c.CaredFor; !dates.IsEmpty; dates = dates.WithoutFirst)
        {
            var d = dates.First;
            sink.Outcome(d, c.AttributeNow(d), StabilityCounts.SocialWorkersLast12Months(c.Person, c.Dates[d]) >= 3);
        }
    }
}

internal sealed class CareLeaversInEet : PersonKpi
{
    /// <summary>903 ACTIV codes meaning in education, employment or training (full- or part-time).</summary>
    public static readonly IReadOnlySet<string> EetActivityCodes = new HashSet<string> { "F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5" };

    public override KpiDefinition Definition { get; } = new("care_leavers_19_21_eet", "Care leavers aged 19–21 in education, employment or training", Categories.Outcomes,
        KpiUnit.Percent, Polarity.High,
        "of care leavers aged 19, 20 or 21 at D (those not in touch stay in the denominator), those whose activity is F1, P1, F2, P2, F4, P4, F5 or P5",
        "CareLeaverEET", [Tables.CareLeavers, Tables.Person]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Measure(in ChildHistory c, KpiSink sink)
    {
        if (c.Person.CareLeavers.IsEmpty || c.Person.Record?.BirthDate is not { } dob) return;
        ref readonly var latest = ref c.Person.CareLeavers[^1]; // one leaver per child: the latest record (rows ordered by latest contact)
        var eet = latest.Activity is { } code && EetActivityCodes.Contains(code);
        for (var d = 0; d < c.Dates.Count; d++)
        {
            var age = Periods.AgeAt(dob, c.Dates[d]);
            if (age is < 19 or > 21) continue;
            sink.Outcome(d, c.AttributeNow(d, latest.Worker, latest.Team), eet);
        }
    }
}
