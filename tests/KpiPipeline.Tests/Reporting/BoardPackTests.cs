using System.Globalization;
using KpiPipeline.Cli;
using KpiPipeline.Cli.Commands;
using KpiPipeline.Kpis;
using KpiPipeline.Lake;
using KpiPipeline.Lake.Tables;
using KpiPipeline.Reporting;
using Xunit.Abstractions;
using static KpiPipeline.Tests.Reporting.BoardPackHtmlParts;

namespace KpiPipeline.Tests.Reporting;

/// <summary>The board pack rendered from a lake the real pipeline published, checked against that lake's kpi rows.</summary>
[Collection(BoardPackCollection.Name)]
public sealed class BoardPackTests(BoardPackLakeFixture lake, ITestOutputHelper log)
{
    private KpiRow LaRow(string id) => lake.KpiRows.Single(r => r.KpiId == id && r.Breakdown == KpiRow.Breakdowns.La);

    [Fact]
    public void Renders_the_latest_snapshot_when_no_date_is_given()
    {
        log.WriteLine($"generate {lake.GenerateTime.TotalSeconds:0.0} s, pipeline {lake.PipelineTime.TotalSeconds:0.0} s, render {lake.RenderTime.TotalMilliseconds:0} ms, page {lake.Html.Length:N0} chars");
        Assert.Equal(new BoardPackSummary("343", BoardPackLakeFixture.AsOf, lake.Run.RunId, lake.ScorecardRows.Count), lake.Summary);
        Assert.Contains("<dd class=\"la-code\">343</dd>", lake.Html);
        Assert.Contains("<dd class=\"snapshot-date\">2023-05-31</dd>", lake.Html);
        Assert.Contains($"<dd class=\"run-id\">{lake.Run.RunId}</dd>", lake.Html);
        Assert.Contains("Sefton (LA 343)", lake.Html);
        Assert.Contains("Contains public sector information licensed under the Open Government Licence v3.0.", lake.Html);
        foreach (var legend in new[] { "Overall good or improving situation", "Overall improving but impact still concerning", "Not improving" })
            Assert.Contains(legend, lake.Html);
    }

    [Fact]
    public void Has_one_row_per_LA_level_KPI_in_catalogue_order_each_with_its_value()
    {
        var rows = KpiRows(lake.Html);
        var expected = lake.ScorecardRows;
        Assert.True(expected.Count >= 35, $"only {expected.Count} LA-level KPIs in the lake");
        var order = KpiCatalogue.All.Select(k => k.Id).ToList();
        Assert.Equal(expected.Select(r => r.KpiId).OrderBy(order.IndexOf), rows.Select(r => r.KpiId));

        foreach (var tr in rows)
        {
            var kpi = LaRow(tr.KpiId);
            Assert.True(kpi.Value is not null, $"{kpi.KpiId} has no value in a drop with every table: {kpi.Note}");
            // One decimal (or whole counts) on the page: the printed figure is the lake's value rounded.
            Assert.Equal(kpi.Value!.Value, Number(MainText(tr.Cell("num cur"))), 0.051);
            if (kpi.PreviousValue is { } previous) Assert.Equal(previous, Number(MainText(tr.Cell("num prev"))), 0.051);
            Assert.Contains(kpi.KpiName!, tr.Cell("metric"));
        }
    }

    [Fact]
    public void Status_badges_follow_the_lakes_rag_status()
    {
        var rows = KpiRows(lake.Html);
        foreach (var tr in rows)
        {
            var rag = LaRow(tr.KpiId).RagStatus;
            Assert.Equal(rag?.ToString(CultureInfo.InvariantCulture) ?? "", tr.Rag);
            Assert.Equal(rag is null ? "rag-none" : $"rag-{rag}", tr.Badge);
        }
        // The synthetic Sefton is worse than its neighbours on several measures and better on others.
        Assert.Contains(rows, r => r.Badge == "rag-1");
        Assert.Contains(rows, r => r.Badge == "rag-3");
    }

    [Fact]
    public void SN_average_for_assessments_within_45_working_days_is_DfEs_89_2_with_year_and_model()
    {
        var tr = KpiRows(lake.Html).Single(r => r.KpiId == "assessments_45wd_12m");
        var cell = tr.Cell("num sn");
        Assert.Equal("89.2", MainText(cell));
        Assert.Contains("2022", AllText(cell));
        Assert.Contains("Apr 2021", AllText(cell));
        Assert.Contains("April 2021 SN model", System.Net.WebUtility.HtmlDecode(lake.Html.Split("data-kpi=\"assessments_45wd_12m\"")[1].Split("</tr>")[0]));
    }

    [Fact]
    public void Every_row_has_a_direction_and_a_twelve_month_sparkline_ending_at_the_current_value()
    {
        foreach (var tr in KpiRows(lake.Html))
        {
            var kpi = LaRow(tr.KpiId);
            var dot = AllText(tr.Cell("dot"));
            Assert.StartsWith(kpi.Direction switch { "up" => "▲", "down" => "▼", "same" => "►", _ => "–" }, dot);
            if (kpi.Improving is true) Assert.Contains("improving", dot);
            if (kpi.Improving is false) Assert.Contains("worsening", dot);

            var trend = lake.TrendRows.Where(t => t.KpiId == kpi.KpiId && t.Breakdown == KpiRow.Breakdowns.La).OrderBy(t => t.AsAtDate).ToList();
            Assert.Equal(12, trend.Count);
            // A value with a valued neighbour is a vertex of the line; an isolated one is a dot; gaps break the line.
            var values = trend.Select(t => t.Value).Append(kpi.Value).ToList();
            var vertices = values.Where((v, i) => v is not null && ((i > 0 && values[i - 1] is not null) || (i + 1 < values.Count && values[i + 1] is not null))).Count();
            Assert.Equal(vertices, tr.SparkPoints);
            if (trend.All(t => t.Value is not null)) Assert.Equal(13, tr.SparkPoints);
        }
    }

    [Fact]
    public async Task Model_trend_is_the_kpi_trend_rows_oldest_first_then_the_current_value()
    {
        var model = await BoardPackModel.LoadAsync(lake.Lake, "343", null);
        var line = model.Lines.Single(l => l.Kpi.KpiId == "cin_visited_20wd");
        var trend = lake.TrendRows.Where(t => t.KpiId == "cin_visited_20wd" && t.Breakdown == KpiRow.Breakdowns.La).OrderBy(t => t.AsAtDate).ToList();
        Assert.Equal(13, line.Trend.Count);
        Assert.Equal(trend.Select(t => (t.AsAtDate, t.Value)), line.Trend.Take(12).Select(p => (p.AsAt, p.Value)));
        Assert.Equal(new TrendPoint(BoardPackLakeFixture.AsOf, LaRow("cin_visited_20wd").Value), line.Trend[^1]);
        Assert.Equal(new DateOnly(2022, 5, 31), line.Trend[0].AsAt);
        Assert.Equal(["Demand", "Timeliness", "Effectiveness", "Management", "Outcomes"], model.Categories.Select(c => c.Name));
    }

    [Fact]
    public void Caseload_table_has_the_seven_services_with_six_month_average_and_current()
    {
        var rows = TableRows(lake.Html, "caseload", "service");
        var services = lake.KpiRows.Where(r => r.Breakdown == KpiRow.Breakdowns.Service && r.KpiId == "caseload_avg").ToList();
        Assert.Equal(7, rows.Count);
        Assert.Equal(services.Select(s => s.BreakdownName!).Order(StringComparer.Ordinal), rows.Select(r => r[0]));
        Assert.Contains("Young Peoples Team", rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            var now = services.Single(s => s.BreakdownName == row[0]).Value!.Value;
            var six = lake.KpiRows.Single(r => r.Breakdown == KpiRow.Breakdowns.Service && r.KpiId == "caseload_avg_6m" && r.BreakdownName == row[0]).Value!.Value;
            Assert.Equal(six, Number(row[1]), 0.051);
            Assert.Equal(now, Number(row[2]), 0.051);
        }
        var all = TableRows(lake.Html, "caseload", "total").Single();
        Assert.Equal("All services", all[0]);
        Assert.Equal(LaRow("caseload_avg").Value!.Value, Number(all[2]), 0.051);
    }

    [Fact]
    public void Audit_table_shows_the_months_count_and_share_per_grade()
    {
        var grades = TableRows(lake.Html, "audit", "grade");
        Assert.Equal(["Outstanding", "Good", "Requires improvement", "Inadequate"], grades.Select(g => g[0]));
        foreach (var (grade, id) in grades.Zip(new[] { "audits_outstanding_month", "audits_good_month", "audits_ri_month", "audits_inadequate_month" }))
        {
            var kpi = LaRow(id);
            Assert.Equal(kpi.Numerator!.Value, Number(grade[1]));
            Assert.Equal(kpi.Value!.Value, Number(grade[2]), 0.51);
        }
        var total = TableRows(lake.Html, "audit", "total").Single();
        Assert.Equal(LaRow("audits_good_month").Denominator!.Value, Number(total[1]));
        Assert.Equal(grades.Sum(g => Number(g[1])), Number(total[1]));
        Assert.Contains("Case audit grades — May 2023", lake.Html);
    }

    [Fact]
    public void Page_is_self_contained_with_A4_print_rules()
    {
        Assert.DoesNotContain("http", lake.Html, StringComparison.OrdinalIgnoreCase);
        foreach (var external in new[] { "<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "@font-face" })
            Assert.DoesNotContain(external, lake.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("@page { size: A4; margin: 12mm; }", lake.Html);
        Assert.Contains("break-inside: avoid", lake.Html);
        Assert.StartsWith("<!DOCTYPE html>\n", lake.Html);
        Assert.DoesNotContain("\r", lake.Html);
    }

    [Fact]
    public async Task Same_lake_gives_the_same_page_whatever_the_culture_or_time()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = UnusualCulture();
            var writer = new StringWriter();
            await BoardPack.RenderAsync(lake.Lake, "343", BoardPackLakeFixture.AsOf, writer, CancellationToken.None);
            Assert.Equal(lake.Html, writer.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    /// <summary>
    /// A culture with a decimal comma and other month names, built from the invariant one because the
    /// test host runs in globalization-invariant mode (no ICU cultures such as de-DE).
    /// </summary>
    private static CultureInfo UnusualCulture()
    {
        var c = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        c.NumberFormat.NumberDecimalSeparator = ",";
        c.NumberFormat.NumberGroupSeparator = ".";
        c.DateTimeFormat.MonthNames = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember", ""];
        c.DateTimeFormat.AbbreviatedMonthNames = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez", ""];
        Assert.Equal("1,5", 1.5.ToString(c)); // the culture really differs
        return c;
    }

    [Fact]
    public async Task Missing_LA_or_date_is_a_clear_error()
    {
        var noLa = await Assert.ThrowsAsync<InvalidDataException>(() => BoardPack.RenderAsync(lake.Lake, "999", null, TextWriter.Null, CancellationToken.None));
        Assert.Contains("LA 999 has no published snapshot", noLa.Message);
        var noDate = await Assert.ThrowsAsync<InvalidDataException>(() => BoardPack.RenderAsync(lake.Lake, "343", new DateOnly(2023, 4, 30), TextWriter.Null, CancellationToken.None));
        Assert.Contains("2023-04-30", noDate.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => BoardPack.RenderAsync(lake.Lake, "../343", null, TextWriter.Null, CancellationToken.None));
    }

    [Fact]
    public async Task Report_verb_writes_the_page_to_the_out_file()
    {
        var dir = Directory.CreateTempSubdirectory("kpi-report-cli-").FullName;
        try
        {
            var outFile = Path.Combine(dir, "nested", "report.html");
            var code = await new ReportCommand().RunAsync(new CommandLine(["--lake", lake.LakeFolder, "--la", "343", "--date", "2023-05-31", "--out", outFile]), CancellationToken.None);
            Assert.Equal(0, code);
            Assert.Equal(lake.Html, await File.ReadAllTextAsync(outFile));
            Assert.NotEqual(0xEF, (await File.ReadAllBytesAsync(outFile))[0]); // UTF-8 without a byte-order mark
            Assert.False(File.Exists(outFile + ".tmp"));

            await Assert.ThrowsAsync<UsageException>(() => new ReportCommand().RunAsync(new CommandLine(["--lake", lake.LakeFolder, "--la", "343"]), CancellationToken.None));
            await Assert.ThrowsAsync<UsageException>(() => new ReportCommand().RunAsync(new CommandLine(["--lake", Path.Combine(dir, "none"), "--la", "343", "--out", outFile]), CancellationToken.None));
            await Assert.ThrowsAsync<UsageException>(() => new ReportCommand().RunAsync(new CommandLine(["--lake", lake.LakeFolder, "--la", "343", "--out", outFile, "--month", "5"]), CancellationToken.None));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
