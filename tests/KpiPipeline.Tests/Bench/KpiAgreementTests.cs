using KpiPipeline.Cli.Bench;

namespace KpiPipeline.Tests.Bench;

/// <summary>The comparison kpi bench and the end-to-end test share: it must catch a real difference and forgive rounding.</summary>
public sealed class KpiAgreementTests
{
    private static readonly Dictionary<string, LakeKpiValue> Lake = new()
    {
        ["cla_open"] = new(null, null, 412),                        // a plain count: no numerator/denominator in the lake
        ["cin_visited_20wd"] = new(90, 120, 75),
    };

    [Fact]
    public void Equal_values_agree_within_rounding()
    {
        var result = KpiAgreement.Compare(
            [new DuckKpiValue("cla_open", 412, null, 412), new DuckKpiValue("cin_visited_20wd", 90, 120, 75.00000000000001)], Lake);
        Assert.True(result.Agrees, string.Join("; ", result.Disagreements));
        Assert.Equal(2, result.Compared);
    }

    [Fact]
    public void A_different_numerator_is_reported_with_both_values()
    {
        var result = KpiAgreement.Compare([new DuckKpiValue("cin_visited_20wd", 91, 120, 75)], Lake);
        var d = Assert.Single(result.Disagreements);
        Assert.Equal(("cin_visited_20wd", "numerator", 91.0, 90.0), (d.KpiId, d.What, d.DuckDb!.Value, d.Engine!.Value));
        Assert.Contains("DuckDB 91, engine 90", d.ToString());
    }

    [Fact]
    public void A_kpi_missing_from_the_lake_or_null_on_one_side_disagrees()
    {
        var result = KpiAgreement.Compare(
            [new DuckKpiValue("cp_plans_open", 10, null, 10), new DuckKpiValue("cla_open", 412, null, null)], Lake);
        Assert.Equal(["cp_plans_open: not in the lake", "cla_open value: DuckDB null, engine 412"],
            result.Disagreements.Select(d => d.ToString()));
    }
}
