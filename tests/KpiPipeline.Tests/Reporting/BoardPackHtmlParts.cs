using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace KpiPipeline.Tests.Reporting;

/// <summary>
/// Reads the parts of the board pack page the tests assert on. The page is our own regular markup,
/// so a few anchored patterns are enough (no HTML parser package needed).
/// </summary>
internal static partial class BoardPackHtmlParts
{
    public sealed record KpiTr(string KpiId, string Rag, string Inner)
    {
        public string Cell(string cls) => Cells(Inner, cls);
        public string Badge => BadgeClass().Match(Inner).Groups[1].Value;
        public string Note => NoteSpan().Match(Inner) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : "";
        public int SparkPoints => Polyline().Matches(Inner).Sum(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    public static IReadOnlyList<KpiTr> KpiRows(string html) =>
        KpiTrPattern().Matches(html).Select(m => new KpiTr(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();

    /// <summary>The rows of a compact table (caseload / audit), each as its decoded cell texts.</summary>
    public static IReadOnlyList<string[]> TableRows(string html, string tableClass, string rowClass)
    {
        var table = Regex.Match(html, $"<table class=\"compact {tableClass}\">(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"no {tableClass} table");
        return Regex.Matches(table.Groups[1].Value, $"<tr class=\"{rowClass}\">(.*?)</tr>")
            .Select(m => Td().Matches(m.Groups[1].Value).Select(c => WebUtility.HtmlDecode(Tags().Replace(c.Groups[1].Value, ""))).ToArray())
            .ToList();
    }

    /// <summary>The inner HTML of the first cell with exactly this class attribute.</summary>
    private static string Cells(string inner, string cls)
    {
        var m = Regex.Match(inner, $"<td class=\"{Regex.Escape(cls)}\"[^>]*>(.*?)</td>");
        Assert.True(m.Success, $"no td.{cls} in {inner}");
        return m.Groups[1].Value;
    }

    /// <summary>A cell's own text, before any nested small print, decoded.</summary>
    public static string MainText(string cellHtml) => WebUtility.HtmlDecode(Regex.Replace(cellHtml, "<span.*$", "", RegexOptions.Singleline)).Trim();

    /// <summary>All of a cell's text, tags removed, decoded.</summary>
    public static string AllText(string cellHtml) => WebUtility.HtmlDecode(Tags().Replace(cellHtml, " ")).Trim();

    public static double Number(string text) => double.Parse(text.Replace(",", "").TrimEnd('%'), CultureInfo.InvariantCulture);

    [GeneratedRegex("<tr class=\"kpi\" data-kpi=\"([^\"]+)\" data-rag=\"([^\"]*)\">(.*?)</tr>")]
    private static partial Regex KpiTrPattern();
    [GeneratedRegex("<span class=\"rag ([a-z0-9-]+)\"")]
    private static partial Regex BadgeClass();
    [GeneratedRegex("<span class=\"note\">(.*?)</span>")]
    private static partial Regex NoteSpan();
    [GeneratedRegex("<polyline points=\"([^\"]*)\"")]
    private static partial Regex Polyline();
    [GeneratedRegex("<td[^>]*>(.*?)</td>")]
    private static partial Regex Td();
    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
