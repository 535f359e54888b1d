using KpiPipeline.Benchmarks;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Model;

namespace KpiPipeline.Kpis;

/// <summary>
/// KPIs formed from other KPIs' LA totals: rates per 10,000 children aged 0–17 and the contact-to-referral
/// conversion rate. LA level only (there is no population per team).
/// </summary>
public static class DerivedKpis
{
    public sealed record RateKpi(KpiDefinition Definition, string BaseKpiId);

    public static readonly IReadOnlyList<RateKpi> Rates =
    [
        new(Rate("referrals_12m_rate", "Referrals per 10,000 children", "referrals_12m as a rate", Polarity.Low, "CPP_Total_Rateper10,000", Tables.CinEpisodes), "referrals_12m"),
        new(Rate("assessments_12m_rate", "Assessments completed per 10,000 children", "assessments_12m as a rate", Polarity.Low, null, Tables.Assessments), "assessments_12m"),
        new(Rate("s47_12m_rate", "S47 enquiries per 10,000 children", "S47 enquiries (episodes) started in the 12 months to D, as a rate", Polarity.Low, "Section_47", Tables.S47), "s47_enquiries_12m"),
        new(Rate("cp_plans_open_rate", "CP plans per 10,000 children", "cp_plans_open as a rate", Polarity.Low, "CPP_rate", Tables.CpPlans), "cp_plans_open"),
        new(Rate("cla_open_rate", "Cared for children per 10,000 children", "cla_open as a rate", Polarity.Low, "LAC", Tables.ClaEpisodes), "cla_open"),
    ];

    public static readonly KpiDefinition ContactConversion = new("contact_conversion_12m", "Contact to referral conversion", Categories.Demand,
        KpiUnit.Percent, Polarity.None, "referrals_12m ÷ contacts_12m", null, [Tables.Contacts, Tables.CinEpisodes]);

    private static KpiDefinition Rate(string id, string name, string definition, Polarity polarity, string? lait, string table) =>
        new(id, name, Categories.Demand, KpiUnit.Rate, polarity,
            definition + " per 10,000 children aged 0–17 (ONS mid-year estimate, latest on or before D)", lait, [table]);

    /// <param name="la">LA-level series of the base KPIs by id.</param>
    /// <param name="population">0–17 population per as-at date (null where unknown).</param>
    public static IEnumerable<KpiSeries> Series(IReadOnlyDictionary<string, KpiSeries> la, IReadOnlyList<double?> population)
    {
        var dates = population.Count;
        foreach (var rate in Rates)
        {
            var s = new KpiSeries(rate.Definition, Breakdown.La, IdMap.None, dates);
            var baseSeries = la[rate.BaseKpiId];
            for (var d = 0; d < dates; d++)
            {
                var count = baseSeries.Value[d];
                s.Numerator[d] = count;
                s.Denominator[d] = population[d];
                s.Value[d] = count is null || population[d] is not > 0 ? null : count / population[d] * 10_000;
            }
            s.Note = population.All(p => p is null) ? "no population figure for the LA at this date" : baseSeries.Note;
            yield return s;
        }

        var conversion = new KpiSeries(ContactConversion, Breakdown.La, IdMap.None, dates);
        for (var d = 0; d < dates; d++)
        {
            var tally = new Tally { Numerator = la["referrals_12m"].Value[d] ?? 0, Denominator = la["contacts_12m"].Value[d] ?? 0 };
            conversion.Set(d, tally, KpiFormula.Percentage);
        }
        conversion.Note = la["referrals_12m"].Note ?? la["contacts_12m"].Note;
        yield return conversion;
    }
}
