using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace KpiPipeline.Tests.Reporting;

/// <summary>
/// The board pack opened in a real browser (headless Debian Chromium): it renders to a screenshot of an
/// A4-proportioned window, prints to a PDF, and the DOM the browser built has one KPI row per LA-level KPI.
/// The screenshot, PDF and page are kept in TestResults/ beside the test assembly for a person to look at.
/// </summary>
[Collection(BoardPackCollection.Name)]
public sealed class BoardPackBrowserTests(BoardPackLakeFixture lake, ITestOutputHelper log)
{
    private static readonly string OutputFolder = Path.Combine(AppContext.BaseDirectory, "TestResults");

    private string WritePage()
    {
        Directory.CreateDirectory(OutputFolder);
        var page = Path.Combine(OutputFolder, "board-pack.html");
        File.WriteAllText(page, lake.Html, new UTF8Encoding(false));
        return page;
    }

    [Fact]
    public async Task Chromium_renders_the_page_to_an_A4_proportioned_screenshot()
    {
        var page = WritePage();
        var png = Path.Combine(OutputFolder, "board-pack.png");
        File.Delete(png);
        var sw = Stopwatch.StartNew();

        await HeadlessChromium.RunAsync(page, $"--screenshot={png}", "--window-size=1240,1754");

        Assert.True(File.Exists(png), $"Chromium wrote no screenshot at {png}");
        var bytes = await File.ReadAllBytesAsync(png);
        // PNG: 8-byte signature, then the IHDR chunk (length, "IHDR", width, height as big-endian ints).
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(bytes, 12, 4));
        var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.Equal((1240, 1754), (width, height));
        // A blank or error page compresses to a few KB; the scorecard (text, badges, sparklines) is far larger.
        Assert.True(bytes.Length > 20_000, $"screenshot is only {bytes.Length:N0} bytes: the page probably did not render");
        log.WriteLine($"Screenshot {width}×{height}, {bytes.Length:N0} bytes, {sw.Elapsed.TotalSeconds:0.0} s: {png}");
        Console.WriteLine($"Board pack screenshot: {png}");
    }

    [Fact]
    public async Task Chromium_prints_the_page_to_a_PDF()
    {
        var page = WritePage();
        var pdf = Path.Combine(OutputFolder, "board-pack.pdf");
        File.Delete(pdf);
        var sw = Stopwatch.StartNew();

        await HeadlessChromium.RunAsync(page, $"--print-to-pdf={pdf}", "--no-pdf-header-footer");

        Assert.True(File.Exists(pdf), $"Chromium wrote no PDF at {pdf}");
        var bytes = await File.ReadAllBytesAsync(pdf);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        var text = Encoding.Latin1.GetString(bytes);
        var pages = Regex.Matches(text, @"/Type\s*/Page[^s]").Count;
        // @page { size: A4 }: 210 × 297 mm is 595 × 842 points.
        Assert.Matches(@"/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+84[12](\.\d+)?\s*\]", text);
        Assert.InRange(pages, 1, 4);
        log.WriteLine($"PDF {pages} A4 pages, {bytes.Length:N0} bytes, {sw.Elapsed.TotalSeconds:0.0} s: {pdf}");
    }

    [Fact]
    public async Task Browser_DOM_has_one_KPI_row_per_LA_level_KPI()
    {
        var page = WritePage();

        var dom = await HeadlessChromium.RunAsync(page, "--dump-dom");

        Assert.Contains("Performance scorecard", dom);
        var rows = Regex.Matches(dom, "<tr class=\"kpi\"").Count;
        Assert.Equal(lake.ScorecardRows.Count, rows);
        // Each row kept its sparkline through the browser's parse (inline SVG, not escaped text).
        Assert.Equal(rows, Regex.Matches(dom, "<td class=\"trend\"><svg class=\"spark\"").Count);
        Assert.Equal(7, Regex.Matches(dom, "<tr class=\"service\">").Count);
    }
}
