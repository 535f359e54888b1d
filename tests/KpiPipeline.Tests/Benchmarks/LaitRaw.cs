using System.Globalization;
using DuckDB.NET.Data;
using KpiPipeline.Common;

namespace KpiPipeline.Tests.Benchmarks;

/// <summary>
/// Reads DfE's LAIT parquet straight from ../shared/reference with DuckDB, independently of the importer
/// (which uses Parquet.Net), so tests can recompute published figures by hand.
/// </summary>
internal static class LaitRaw
{
    public static string ReferenceDir => Path.Combine(RepoPaths.SharedReference, "reference");
    public static string ParquetPath => Path.Combine(ReferenceDir, "dfe", "lait", "bds_long_0.parquet");

    /// <summary>Values (null where DfE shows a mark such as "-") by area name for one measure and year.</summary>
    public static Dictionary<string, double?> ValuesByAreaName(string measure, int year, IEnumerable<string> areaNames)
    {
        var names = areaNames.ToList();
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var placeholders = string.Join(", ", names.Select((_, i) => $"$n{i}"));
        command.CommandText =
            $"SELECT \"LA and Regions\", TRY_CAST(\"Values\" AS DOUBLE) FROM read_parquet($path) " +
            $"WHERE \"Short Desc\" = $measure AND \"Years\" = $year AND \"LA and Regions\" IN ({placeholders})";
        command.Parameters.Add(new DuckDBParameter("path", ParquetPath));
        command.Parameters.Add(new DuckDBParameter("measure", measure));
        command.Parameters.Add(new DuckDBParameter("year", year.ToString(CultureInfo.InvariantCulture)));
        for (var i = 0; i < names.Count; i++) command.Parameters.Add(new DuckDBParameter($"n{i}", names[i]));
        var result = new Dictionary<string, double?>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read()) result[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetDouble(1);
        return result;
    }

    /// <summary>DuckDB's quantile_cont (linear interpolation = R type 7) and the count strictly above/below a value, over LAs.</summary>
    public static (double Q1, double Median, double Q3, int Above, int Below) LaDistribution(string measure, int year, double value)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "WITH v AS (SELECT TRY_CAST(\"Values\" AS DOUBLE) AS x FROM read_parquet($path) " +
            "WHERE \"Short Desc\" = $measure AND \"Years\" = $year AND \"Region\" <> 'NA' AND TRY_CAST(\"Values\" AS DOUBLE) IS NOT NULL) " +
            "SELECT quantile_cont(x, 0.25), quantile_cont(x, 0.5), quantile_cont(x, 0.75), " +
            "count(*) FILTER (WHERE x > $value), count(*) FILTER (WHERE x < $value) FROM v";
        command.Parameters.Add(new DuckDBParameter("path", ParquetPath));
        command.Parameters.Add(new DuckDBParameter("measure", measure));
        command.Parameters.Add(new DuckDBParameter("year", year.ToString(CultureInfo.InvariantCulture)));
        command.Parameters.Add(new DuckDBParameter("value", value));
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4));
    }
}
