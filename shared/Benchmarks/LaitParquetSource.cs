using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace KpiPipeline.Benchmarks;

/// <summary>One row of DfE's LAIT long file (bds_long_0.parquet), as published (text kept as text).</summary>
internal sealed record LaitSourceRow(
    long Row, string MeasureCode, string Years, string AreaName, string ValueText, int AreaNumber, string Region);

/// <summary>
/// Reads LAIT's published values (columns <c>Short Desc, Data item, Years, LA and Regions, Values,
/// LA Number, Region</c>). Every column but LA Number is text in the file: Values holds numbers as
/// text (sometimes with binary noise such as "34.700000000000003" or "4.798E-2") and "-" where a figure
/// is suppressed or not collected.
/// </summary>
internal static class LaitParquetSource
{
    public const string ColMeasure = "Short Desc";
    public const string ColYears = "Years";
    public const string ColArea = "LA and Regions";
    public const string ColValue = "Values";
    public const string ColAreaNumber = "LA Number";
    public const string ColRegion = "Region";

    /// <summary>Rows whose Short Desc is in <paramref name="measures"/>, in file order.</summary>
    public static async Task<List<LaitSourceRow>> ReadAsync(
        string path, string displayName, IReadOnlySet<string> measures, CancellationToken ct = default)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{displayName}: file not found at {path}", path);
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct);
        var fields = reader.Schema.GetDataFields();
        DataField Field(string name) =>
            fields.FirstOrDefault(f => f.Name == name)
            ?? throw new InvalidDataException($"{displayName}: missing column '{name}'");

        var measureField = Field(ColMeasure);
        var yearsField = Field(ColYears);
        var areaField = Field(ColArea);
        var valueField = Field(ColValue);
        var numberField = Field(ColAreaNumber);
        var regionField = Field(ColRegion);

        var result = new List<LaitSourceRow>();
        long rowBase = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var measure = await ReadStrings(group, measureField, n, ct);
            var years = await ReadStrings(group, yearsField, n, ct);
            var area = await ReadStrings(group, areaField, n, ct);
            var value = await ReadStrings(group, valueField, n, ct);
            var region = await ReadStrings(group, regionField, n, ct);
            var number = await ReadAreaNumbers(group, numberField, n, displayName, ct);

            for (var i = 0; i < n; i++)
            {
                var code = measure[i];
                if (code is null || !measures.Contains(code)) continue;
                var row = rowBase + i + 1;
                string Need(string? text, string column) =>
                    string.IsNullOrWhiteSpace(text)
                        ? throw new InvalidDataException($"{displayName} row {row} column '{column}': is empty")
                        : text.Trim();
                var areaNumber = number[i] is { } d && d == Math.Floor(d) && d is > 0 and < 10_000
                    ? (int)d
                    : throw new InvalidDataException(
                        $"{displayName} row {row} column '{ColAreaNumber}': expected a whole LA number, found '{number[i]?.ToString(CultureInfo.InvariantCulture) ?? "null"}'");
                result.Add(new LaitSourceRow(row, code, Need(years[i], ColYears), Need(area[i], ColArea),
                    value[i]?.Trim() ?? "", areaNumber, Need(region[i], ColRegion)));
            }
            rowBase += n;
        }
        return result;
    }

    private static async Task<string?[]> ReadStrings(ParquetRowGroupReader group, DataField field, int n, CancellationToken ct)
    {
        var values = new string?[n];
        await group.ReadAsync(field, values.AsMemory(), null, ct);
        return values;
    }

    private static async Task<double?[]> ReadAreaNumbers(
        ParquetRowGroupReader group, DataField field, int n, string displayName, CancellationToken ct)
    {
        // Written by pandas as an optional DOUBLE; accept an integer column too in case DfE fixes the type.
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(double))
        {
            var values = new double?[n];
            await group.ReadAsync(field, values.AsMemory(), null, ct);
            return values;
        }
        if (type == typeof(long))
        {
            var values = new long?[n];
            await group.ReadAsync(field, values.AsMemory(), null, ct);
            return values.Select(v => (double?)v).ToArray();
        }
        if (type == typeof(int))
        {
            var values = new int?[n];
            await group.ReadAsync(field, values.AsMemory(), null, ct);
            return values.Select(v => (double?)v).ToArray();
        }
        throw new InvalidDataException($"{displayName}: column '{ColAreaNumber}' has unsupported type {field.ClrType.Name}");
    }
}
