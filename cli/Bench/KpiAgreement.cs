using System.Globalization;
using DuckDB.NET.Data;
using KpiPipeline.Kpis;

namespace KpiPipeline.Cli.Bench;

/// <summary>One LA-level KPI as published in the lake's kpi table (lake-contract.md).</summary>
public sealed record LakeKpiValue(double? Numerator, double? Denominator, double? Value);

/// <summary>One way the engine's published KPI differs from the DuckDB computation.</summary>
public sealed record KpiDisagreement(string KpiId, string What, double? DuckDb, double? Engine)
{
    public override string ToString() => What == "missing"
        ? $"{KpiId}: not in the lake"
        : $"{KpiId} {What}: DuckDB {Show(DuckDb)}, engine {Show(Engine)}";

    private static string Show(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "null";
}

/// <summary>The outcome of comparing every DuckDB KPI with the lake: how many were compared and what differed.</summary>
public sealed record KpiAgreementResult(int Compared, IReadOnlyList<KpiDisagreement> Disagreements)
{
    public bool Agrees => Disagreements.Count == 0;
}

/// <summary>
/// The one comparison between the pipeline's published LA-level KPIs and the independent DuckDB computation,
/// used by the end-to-end test and by <c>kpi bench</c> (where a disagreement fails the benchmark).
/// Values agree within a relative 1e-9 (both sides compute in doubles, in different orders); a null must be
/// matched by a null. Plain counts are compared on value only: the lake publishes no numerator/denominator
/// for them (lake-contract.md).
/// </summary>
public static class KpiAgreement
{
    public const double RelativeTolerance = 1e-9;

    public static KpiAgreementResult Compare(IEnumerable<DuckKpiValue> duck, IReadOnlyDictionary<string, LakeKpiValue> engine)
    {
        var disagreements = new List<KpiDisagreement>();
        var compared = 0;
        foreach (var expected in duck)
        {
            compared++;
            if (!engine.TryGetValue(expected.KpiId, out var actual))
            {
                disagreements.Add(new KpiDisagreement(expected.KpiId, "missing", expected.Value, null));
                continue;
            }
            Check(expected.KpiId, "value", expected.Value, actual.Value, disagreements);
            var plainCount = KpiCatalogue.Get(expected.KpiId).Unit == KpiUnit.Count && actual.Numerator is null && actual.Denominator is null;
            if (plainCount) continue;
            Check(expected.KpiId, "numerator", expected.Numerator, actual.Numerator, disagreements);
            Check(expected.KpiId, "denominator", expected.Denominator, actual.Denominator, disagreements);
        }
        return new KpiAgreementResult(compared, disagreements);
    }

    public static bool Close(double? expected, double? actual)
    {
        if (expected is null || actual is null) return expected is null && actual is null;
        return Math.Abs(expected.Value - actual.Value) <= RelativeTolerance * Math.Max(1, Math.Abs(expected.Value));
    }

    private static void Check(string kpi, string what, double? expected, double? actual, List<KpiDisagreement> into)
    {
        if (!Close(expected, actual)) into.Add(new KpiDisagreement(kpi, what, expected, actual));
    }

    /// <summary>The LA-level rows (breakdown = 'la') of the kpi table published in a folder lake, by KPI id.</summary>
    public static Dictionary<string, LakeKpiValue> ReadLakeLaKpis(string lakeDir)
    {
        var glob = Path.Combine(Path.GetFullPath(lakeDir), "curated", "kpi", "**", "*.parquet");
        return Query($"""
            SELECT kpi_id, numerator, denominator, value
            FROM read_parquet({DuckDropLoader.Literal(glob)}, hive_partitioning = false)
            WHERE breakdown = 'la'
            """).ToDictionary(r => r.KpiId, r => new LakeKpiValue(r.Numerator, r.Denominator, r.Value), StringComparer.Ordinal);
    }

    /// <summary>The KPIs side B wrote with <see cref="DuckDbKpis.Compute"/>'s parquetOut.</summary>
    public static List<DuckKpiValue> ReadDuckParquet(string path) =>
        Query($"SELECT kpi_id, numerator, denominator, value FROM read_parquet({DuckDropLoader.Literal(Path.GetFullPath(path))})");

    private static List<DuckKpiValue> Query(string sql)
    {
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<DuckKpiValue>();
        double? At(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        while (r.Read()) rows.Add(new DuckKpiValue(r.GetString(0), At(1), At(2), At(3)));
        return rows;
    }
}
