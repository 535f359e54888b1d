using System.Text.RegularExpressions;
using KpiPipeline.Common;
using KpiPipeline.Lake;
using KpiPipeline.Lake.Tables;

namespace KpiPipeline.Tests.Lake;

/// <summary>
/// The Parquet files as other tools see them: column names and order against lake-contract.md,
/// DuckDB types (DATE, logical TIMESTAMP WITH TIME ZONE — never INT96), and values round-tripping.
/// </summary>
public sealed class LakeSchemaTests : IDisposable
{
    private readonly TempLake _lake = new();
    private readonly Duck _duck = new();

    public void Dispose()
    {
        _duck.Dispose();
        _lake.Dispose();
    }

    private static readonly Dictionary<string, Type> RowTypes = new()
    {
        ["kpi"] = typeof(KpiRow), ["kpi_trend"] = typeof(KpiTrendRow), ["child_snapshot"] = typeof(ChildSnapshotRow),
        ["dim_worker"] = typeof(DimWorkerRow), ["dim_team"] = typeof(DimTeamRow), ["dim_kpi"] = typeof(DimKpiRow),
        ["dim_date"] = typeof(DimDateRow), ["data_quality"] = typeof(DataQualityRow), ["run"] = typeof(RunRow),
    };

    /// <summary>
    /// Reads the required columns of each table from lake-contract.md itself, so a contract change
    /// that the row classes miss fails here: "**name** (a, b, c)" or "**name** … `a, b (x|y), c`".
    /// </summary>
    private static Dictionary<string, List<string>> ContractColumns()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.SharedReference, "docs", "lake-contract.md"));
        text = text[text.IndexOf("## Tables", StringComparison.Ordinal)..];
        var result = new Dictionary<string, List<string>>();
        foreach (Match m in Regex.Matches(text, @"\*\*(\w+)\*\*\s*(?:\(([^)]*)\)|[^`]*?`([^`]*)`)"))
        {
            var list = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
            list = Regex.Replace(list, @"\([^)]*\)", ""); // annotations such as "(la|service|team|worker)"
            result[m.Groups[1].Value] = list.Split(',').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        }
        return result;
    }

    [Fact]
    public void Every_contract_table_has_a_row_type_whose_columns_start_with_the_contract_columns_in_order()
    {
        var contract = ContractColumns();
        Assert.Equal(RowTypes.Keys.Order(), contract.Keys.Order());
        Assert.Equal(22, contract["kpi"].Count); // guards the parser itself
        Assert.Contains("rag_status", contract["kpi"]);
        foreach (var (table, columns) in contract)
        {
            var actual = RowColumns.Of(RowTypes[table]).Select(c => c.Column).ToList();
            Assert.True(actual.Count >= columns.Count, table);
            Assert.Equal(columns, actual.Take(columns.Count).ToList());
            Assert.Equal(actual.Count, actual.Distinct().Count());
        }
    }

    [Fact]
    public void Column_types_follow_the_conventions()
    {
        foreach (var type in RowTypes.Values.Append(typeof(SnapshotFileRow)))
        {
            foreach (var (column, property) in RowColumns.Of(type))
            {
                var clr = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (column.EndsWith("_date") || column is "date" or "month_end")
                    Assert.True(clr == typeof(DateOnly), $"{type.Name}.{column} should be a DATE");
                if (column.EndsWith("_at"))
                    Assert.True(clr == typeof(DateTime), $"{type.Name}.{column} should be a TIMESTAMP");
                if (column.EndsWith("_overdue") && !column.StartsWith("working_days"))
                    Assert.True(clr == typeof(bool), $"{type.Name}.{column} should be a flag");
                if (column is "la_code" or "person_id" or "worker_id" or "team_id" or "manager_id" or "breakdown_key")
                    Assert.True(clr == typeof(string), $"{type.Name}.{column} should be text (codes keep leading zeros)");
            }
        }
    }

    [Fact]
    public async Task Every_snapshot_table_reads_back_in_DuckDB_with_the_expected_types_and_values()
    {
        var output = SampleSnapshot.Build();
        await new SnapshotPublisher(_lake.Store).PublishAsync(output, "run-1");

        foreach (var (table, (rowType, rows)) in SampleSnapshot.Tables(output))
        {
            // la_code must be typed explicitly: DuckDB would otherwise infer "343" from the folder name as BIGINT.
            var source = $"read_parquet('{_lake.Glob($"curated/{table}/**/*.parquet")}', hive_partitioning = true, hive_types = {{'la_code': VARCHAR}})";
            var described = _duck.Describe($"SELECT * FROM {source}");
            var columns = RowColumns.Of(rowType);
            Assert.Equal(columns.Select(c => c.Column), described.Select(d => d.Name));
            foreach (var ((column, property), (_, duckType)) in columns.Zip(described))
                Assert.True(RowColumns.ExpectedDuckType(property.PropertyType) == duckType, $"{table}.{column}: {duckType}");

            var back = _duck.Rows($"SELECT * FROM {source}");
            Assert.Equal(rows.Count, back.Count);
            for (var r = 0; r < rows.Count; r++)
                for (var c = 0; c < columns.Count; c++)
                    Assert.True(RowColumns.Canonical(columns[c].Property.GetValue(rows[r])) == RowColumns.Canonical(back[r][c]),
                        $"{table} row {r} {columns[c].Column}: wrote {RowColumns.Canonical(columns[c].Property.GetValue(rows[r]))}, read {RowColumns.Canonical(back[r][c])}");
        }
    }

    [Fact]
    public async Task Files_use_snappy_logical_types_and_no_INT96()
    {
        await new SnapshotPublisher(_lake.Store).PublishAsync(SampleSnapshot.Build(), "run-1");
        var run = new RunRow
        {
            RunId = "run-1", LaCode = "343", SnapshotDate = SampleSnapshot.Date, Trigger = "cli", Status = "succeeded",
            StartedAt = new DateTime(2023, 6, 1, 1, 15, 0, 123, DateTimeKind.Utc), FinishedAt = new DateTime(2023, 6, 1, 1, 16, 0, DateTimeKind.Utc),
        };
        await RunTable.WriteAsync(_lake.Store, run);

        var all = _lake.Glob("curated/**/*.parquet");
        Assert.Equal(0L, _duck.Scalar($"SELECT count(*) FROM parquet_schema('{all}') WHERE type = 'INT96'"));
        Assert.Equal(["SNAPPY"], _duck.Rows($"SELECT DISTINCT compression FROM parquet_metadata('{all}')").Select(r => (string)r[0]!).ToList());
        var timestamps = _duck.Rows($"SELECT DISTINCT name, type, logical_type FROM parquet_schema('{all}') WHERE name LIKE '%_at'");
        Assert.Equal(2, timestamps.Count);
        Assert.All(timestamps, t =>
        {
            Assert.Equal("INT64", t[1]);
            Assert.Contains("isAdjustedToUTC=1", (string)t[2]!);
        });
    }

    [Fact]
    public async Task Same_rows_give_byte_identical_files_and_row_groups_follow_the_size()
    {
        var rows = Enumerable.Range(0, 2500).Select(i => new KpiTrendRow
        {
            LaCode = "343", SnapshotDate = SampleSnapshot.Date, KpiId = "k" + (i % 7), Breakdown = "worker", BreakdownKey = "W" + i,
            AsAtDate = SampleSnapshot.Date.AddDays(-i), Value = i % 5 == 0 ? null : i / 3.0,
        }).ToList();

        async Task<byte[]> Write(int rowGroupSize)
        {
            using var buffer = new MemoryStream();
            await ParquetTableWriter.WriteAsync(rows, buffer, rowGroupSize, CancellationToken.None);
            return buffer.ToArray();
        }

        var first = await Write(1000);
        await Task.Delay(1100); // a different wall-clock second must not change a byte
        var second = await Write(1000);
        Assert.Equal(first, second);

        var path = Path.Combine(_lake.Root, "t.parquet");
        await File.WriteAllBytesAsync(path, first);
        Assert.Equal(3L, _duck.Scalar($"SELECT num_row_groups FROM parquet_file_metadata('{path}')"));
        Assert.Equal(2500L, _duck.Scalar($"SELECT count(*) FROM '{path}'"));
        Assert.Equal(ParquetTableWriter.DefaultRowGroupSize, 1_000_000);

        await using var stream = File.OpenRead(path);
        var back = await ParquetTableWriter.ReadAsync<KpiTrendRow>(stream);
        Assert.Equal(rows.Select(r => (r.BreakdownKey, r.AsAtDate, r.Value)), back.Select(r => (r.BreakdownKey, r.AsAtDate, r.Value)));
    }

    [Fact]
    public async Task A_null_required_column_is_an_error_naming_row_and_column()
    {
        var rows = new[] { new DimTeamRow { TeamId = "T1", LaCode = "343" }, new DimTeamRow { TeamId = null!, LaCode = "343" } };
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ParquetTableWriter.WriteAsync(rows, new MemoryStream()));
        Assert.Contains("row 1", e.Message);
        Assert.Contains("'team_id'", e.Message);
    }

    [Fact]
    public async Task An_empty_table_is_a_valid_file_with_the_full_schema()
    {
        var path = Path.Combine(_lake.Root, "empty.parquet");
        await using (var file = File.Create(path)) await ParquetTableWriter.WriteAsync(Array.Empty<DataQualityRow>(), file);
        Assert.Equal(0L, _duck.Scalar($"SELECT count(*) FROM '{path}'"));
        Assert.Equal(RowColumns.Of(typeof(DataQualityRow)).Select(c => c.Column), _duck.Describe($"SELECT * FROM '{path}'").Select(d => d.Name));
    }

    [Fact]
    public void Dim_date_rows_compute_month_end_and_fiscal_year()
    {
        var march = DimDateRow.For("343", SampleSnapshot.Date, new DateOnly(2024, 3, 31), isWorkingDay: false);
        Assert.Equal(new DateOnly(2024, 3, 31), march.MonthEnd);
        Assert.True(march.IsMonthEnd);
        Assert.Equal("2023-24", march.FiscalYear);
        Assert.Equal(2023, march.FiscalYearStart);
        var april = DimDateRow.For("343", SampleSnapshot.Date, new DateOnly(2024, 4, 1), isWorkingDay: true);
        Assert.Equal(new DateOnly(2024, 4, 30), april.MonthEnd);
        Assert.False(april.IsMonthEnd);
        Assert.Equal("2024-25", april.FiscalYear);
        Assert.Equal("1999-00", DimDateRow.FiscalYearLabel(1999));
        Assert.Equal(new DateOnly(2024, 2, 29), DimDateRow.For("343", SampleSnapshot.Date, new DateOnly(2024, 2, 3), true).MonthEnd);
    }
}
