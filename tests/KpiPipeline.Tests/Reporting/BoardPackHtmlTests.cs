using KpiPipeline.Lake;
using KpiPipeline.Lake.Tables;
using KpiPipeline.Reporting;
using static KpiPipeline.Tests.Reporting.BoardPackHtmlParts;

namespace KpiPipeline.Tests.Reporting;

/// <summary>The page writer and the snapshot lookup on hand-made inputs: the cases a generated drop does not produce.</summary>
public sealed class BoardPackHtmlTests
{
    private static readonly DateOnly Day = new(2023, 5, 31);

    private static KpiRow Row(string id, double? value, string? note = null, int? rag = null) => new()
    {
        LaCode = "343", SnapshotDate = Day, KpiId = id, Breakdown = KpiRow.Breakdowns.La, KpiName = "Vacancy rate",
        Category = "Management", Unit = "%", Value = value, Note = note, RagStatus = rag,
    };

    private static BoardPackModel Model(params ScorecardLine[] lines) => new("343", null, Day, "run-1",
        [new ScorecardCategory("Management", lines)], [], null,
        new AuditSummary(new DateOnly(2023, 5, 1), [], null, "No audits are dated in May 2023."));

    private static TrendPoint[] Months(params double?[] values) =>
        values.Select((v, i) => new TrendPoint(Day.AddMonths(i - values.Length + 1), v)).ToArray();

    [Fact]
    public void A_KPI_without_a_value_shows_its_note_and_a_dash()
    {
        var kpi = Row("vacancy_rate", null, "not computed: the drop has no ext_workforce table");
        var html = BoardPackHtml.Render(Model(new ScorecardLine(kpi, Months([null]))));

        var tr = Assert.Single(KpiRows(html));
        Assert.Equal("not computed: the drop has no ext_workforce table", tr.Note);
        Assert.Equal("–", MainText(tr.Cell("num cur")));
        Assert.Equal("rag-none", tr.Badge);
        Assert.Equal("", tr.Cell("trend")); // nothing to draw, rather than a flat line at zero
        Assert.Contains("No audits are dated in May 2023.", html);
        Assert.Contains("LA 343 · Improvement Board", System.Net.WebUtility.HtmlDecode(html)); // no LA name given: the code alone
    }

    [Fact]
    public void Text_from_the_lake_is_HTML_encoded()
    {
        var kpi = Row("x<y", 1, "<script>alert(1)</script> & more");
        kpi.KpiName = "<b>bold</b>";
        kpi.Category = "A&B";
        var model = Model(new ScorecardLine(kpi, Months(1))) with { RunId = "r\"1", Categories = [new ScorecardCategory("A&B", [new ScorecardLine(kpi, Months(1))])] };

        var html = BoardPackHtml.Render(model);

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>bold", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", html);
        Assert.Contains("data-kpi=\"x&lt;y\"", html);
        Assert.Contains("A&amp;B", html);
        Assert.Contains("r&quot;1", html);
    }

    [Fact]
    public void Sparkline_breaks_at_missing_months_and_marks_the_current_value()
    {
        var svg = Sparkline.Svg(Months(1, 2, null, 4, null, 6, 7, 8), v => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(svg, "<polyline").Count); // 1–2 and 6–8
        Assert.Contains("<circle cx=", svg);                                                   // the lone 4
        Assert.Contains("class=\"now\"", svg);
        Assert.Contains("<title>Oct 2022 1.0 to May 2023 8.0; low 1.0, high 8.0</title>", svg);
        // Highest value at the top edge, lowest at the bottom (SVG y grows downwards).
        Assert.Contains("3.5,26.5", svg);
        Assert.Contains("116.5,3.5", svg);
    }

    [Fact]
    public void A_flat_sparkline_sits_in_the_middle()
    {
        var svg = Sparkline.Svg(Months(5, 5, 5), v => v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("points=\"3.5,15 60,15 116.5,15\"", svg);
    }

    [Fact]
    public async Task Latest_snapshot_is_the_newest_date_with_a_commit_record()
    {
        var root = Directory.CreateTempSubdirectory("kpi-latest-").FullName;
        try
        {
            var lake = new FolderLakeStore(root);
            async Task Put(string path) => await lake.WriteAsync(path, new MemoryStream([1]));
            await Put("curated/snapshots/la_code=343/snapshot_date=2023-04-30/part-00000.parquet");
            await Put("curated/snapshots/la_code=343/snapshot_date=2023-05-31/part-00000.parquet");
            await Put("curated/snapshots/la_code=343/snapshot_date=2023-07-31/leftover.tmp");       // not a commit record
            await Put("curated/snapshots/la_code=3430/snapshot_date=2024-01-31/part-00000.parquet"); // another LA sharing the prefix
            await Put("curated/kpi/la_code=343/snapshot_date=2023-06-30/part-00000-abc.parquet");   // data without a commit

            Assert.Equal(new DateOnly(2023, 5, 31), await BoardPackModel.LatestSnapshotAsync(lake, "343"));
            Assert.Null(await BoardPackModel.LatestSnapshotAsync(lake, "344"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
