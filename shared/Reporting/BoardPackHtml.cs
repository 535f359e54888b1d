using System.Globalization;
using System.Net;
using System.Text;
using KpiPipeline.Lake.Tables;

namespace KpiPipeline.Reporting;

/// <summary>
/// Writes a <see cref="BoardPackModel"/> as one self-contained HTML page laid out like the seed report's
/// scorecard. Every piece of text from the lake goes through <see cref="E"/> (HTML encoding); lines end
/// with '\n' and nothing depends on the clock or the machine's culture, so equal lakes give equal pages.
/// </summary>
public static class BoardPackHtml
{
    /// <summary>The OGL attribution required wherever the DfE/ONS comparator figures are shown.</summary>
    public const string OglAttribution = "Contains public sector information licensed under the Open Government Licence v3.0.";

    public static string Render(BoardPackModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = new StringBuilder(64 * 1024);
        var la = model.LaName is null ? $"LA {model.LaCode}" : $"{model.LaName} (LA {model.LaCode})";
        Line(html, "<!DOCTYPE html>");
        Line(html, "<html lang=\"en-GB\">");
        Line(html, "<head>");
        Line(html, "<meta charset=\"utf-8\">");
        Line(html, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        Line(html, $"<title>{E($"Performance scorecard — {la} — {ReportText.Month(model.SnapshotDate)}")}</title>");
        Line(html, "<style>");
        Line(html, BoardPackStyle.Css);
        Line(html, "</style>");
        Line(html, "</head>");
        Line(html, "<body>");
        Line(html, "<main>");
        Header(html, model, la);
        Legend(html);
        Scorecard(html, model);
        Line(html, "<section class=\"pair\">");
        Caseloads(html, model);
        Audits(html, model.Audits);
        Line(html, "</section>");
        Footer(html, model);
        Line(html, "</main>");
        Line(html, "</body>");
        Line(html, "</html>");
        return html.ToString();
    }

    private static void Header(StringBuilder html, BoardPackModel m, string la)
    {
        Line(html, "<header class=\"pack\">");
        Line(html, "<div>");
        Line(html, $"<p class=\"org\">{E($"{la} · Improvement Board")}</p>");
        Line(html, "<h1>Performance scorecard</h1>");
        Line(html, $"<p class=\"period\">{E($"{ReportText.Month(m.SnapshotDate)} — as at {ReportText.Date(m.SnapshotDate)}")}</p>");
        Line(html, "</div>");
        Line(html, "<dl class=\"meta\">");
        Line(html, $"<dt>LA code</dt><dd class=\"la-code\">{E(m.LaCode)}</dd>");
        Line(html, $"<dt>Snapshot date</dt><dd class=\"snapshot-date\">{E(LakeDate(m.SnapshotDate))}</dd>");
        Line(html, $"<dt>Previous</dt><dd>{E(LakeDate(ReportText.PreviousMonthEnd(m.SnapshotDate)))}</dd>");
        Line(html, $"<dt>Generated from run</dt><dd class=\"run-id\">{E(m.RunId)}</dd>");
        Line(html, "</dl>");
        Line(html, "</header>");
    }

    private static void Legend(StringBuilder html)
    {
        Line(html, "<div class=\"legend\">");
        foreach (var rag in new int?[] { 1, 2, 3, null })
            Line(html, $"<span class=\"item\">{Badge(rag)} {E(rag is null ? "Not rated" : ReportText.StatusMeaning(rag))}</span>");
        Line(html, "</div>");
    }

    private static void Scorecard(StringBuilder html, BoardPackModel m)
    {
        var previous = ReportText.ShortDate(ReportText.PreviousMonthEnd(m.SnapshotDate));
        var current = ReportText.ShortDate(m.SnapshotDate);
        Line(html, "<table class=\"scorecard\">");
        Line(html, "<colgroup><col class=\"status\"><col class=\"metric\"><col class=\"prev\"><col class=\"cur\"><col class=\"sn\"><col class=\"dot\"><col class=\"trend\"></colgroup>");
        Line(html, "<thead><tr>"
                   + "<th>Status</th><th>Metric</th>"
                   + $"<th class=\"num\">Previous<span class=\"sub\">{E(previous)}</span></th>"
                   + $"<th class=\"num\">Current<span class=\"sub\">{E(current)}</span></th>"
                   + "<th class=\"num\">SN average<span class=\"sub\">DfE published</span></th>"
                   + "<th>Direction of travel<span class=\"sub\">vs previous month</span></th>"
                   + "<th>12-month trend<span class=\"sub\">month-ends · <span class=\"nw\">○ current</span></span></th>"
                   + "</tr></thead>");
        Line(html, "<tbody>");
        foreach (var category in m.Categories)
        {
            Line(html, $"<tr class=\"category\"><th colspan=\"7\">{E(category.Name)}</th></tr>");
            foreach (var line in category.Lines) KpiLine(html, line);
        }
        Line(html, "</tbody>");
        Line(html, "</table>");
    }

    private static void KpiLine(StringBuilder html, ScorecardLine line)
    {
        var k = line.Kpi;
        var metric = new StringBuilder(E(ReportText.MetricName(k)));
        // A null value is explained, never shown as a silent blank (issue 3: "the KPI row says so").
        if (!string.IsNullOrWhiteSpace(k.Note)) metric.Append("<span class=\"note\">").Append(E(k.Note)).Append("</span>");

        var row = new StringBuilder();
        row.Append(CultureInfo.InvariantCulture, $"<tr class=\"kpi\" data-kpi=\"{E(k.KpiId)}\" data-rag=\"{E(k.RagStatus?.ToString(CultureInfo.InvariantCulture) ?? "")}\">");
        row.Append("<td class=\"status\">").Append(Badge(k.RagStatus)).Append("</td>");
        row.Append("<td class=\"metric\">").Append(metric).Append("</td>");
        row.Append("<td class=\"num prev\">").Append(E(ReportText.Value(k.PreviousValue, k.Unit))).Append("</td>");
        row.Append("<td class=\"num cur\">").Append(E(ReportText.Value(k.Value, k.Unit))).Append("</td>");
        row.Append(SnCell(k));
        row.Append(DirectionCell(k));
        row.Append("<td class=\"trend\">").Append(Sparkline.Svg(line.Trend, v => ReportText.Value(v, k.Unit))).Append("</td>");
        row.Append("</tr>");
        Line(html, row.ToString());
    }

    private static string SnCell(KpiRow k)
    {
        if (k.SnAverage is { } sn)
        {
            // Year and model each stay whole, so a narrow printed column wraps between them.
            var basis = string.Join(" · ", new[] { k.BenchmarkYear?.ToString(CultureInfo.InvariantCulture), k.SnModel is null ? null : ReportText.SnModelShort(k.SnModel) }
                .Where(s => s is not null).Select(s => $"<span class=\"nw\">{E(s)}</span>"));
            return $"<td class=\"num sn\" title=\"{E(ReportText.SnExplanation(k))}\">{E(ReportText.Value(sn, k.Unit))}"
                   + (basis.Length > 0 ? $"<span class=\"small\">{basis}</span>" : "") + "</td>";
        }
        // No neighbour figure: show the configured target when that is what the status is judged against.
        if (k.Target is { } target)
            return $"<td class=\"num sn\" title=\"{E("No SN comparator; status is judged against the configured target.")}\">–<span class=\"small\">{E("target " + ReportText.Value(target, k.Unit))}</span></td>";
        return "<td class=\"num sn\">–</td>";
    }

    private static string DirectionCell(KpiRow k)
    {
        var tone = k.Improving switch { true => "improving", false => "worsening", _ => "neutral" };
        var reading = ReportText.Reading(k);
        return $"<td class=\"dot\"><span class=\"arrow {tone}\">{E(ReportText.Arrow(k.Direction))}</span>"
               + (reading.Length > 0 ? $"<span class=\"reading {tone}\">{E(reading)}</span>" : "") + "</td>";
    }

    private static void Caseloads(StringBuilder html, BoardPackModel m)
    {
        Line(html, "<div class=\"caseloads\">");
        Line(html, "<h2>Average caseload by service</h2>");
        if (m.Caseloads.Count == 0 && m.CaseloadAllServices is null)
        {
            Line(html, "<p class=\"caption\">No caseload figures in this snapshot.</p>");
            Line(html, "</div>");
            return;
        }
        Line(html, "<table class=\"compact caseload\">");
        Line(html, "<thead><tr><th>Service</th><th class=\"num\">6-month average</th><th class=\"num\">Current</th></tr></thead>");
        Line(html, "<tbody>");
        foreach (var c in m.Caseloads)
            Line(html, $"<tr class=\"service\"><td>{E(c.Service)}</td><td class=\"num\">{E(ReportText.Value(c.SixMonthAverage, "ratio"))}</td><td class=\"num\">{E(ReportText.Value(c.Current, "ratio"))}</td></tr>");
        if (m.CaseloadAllServices is { } all)
            Line(html, $"<tr class=\"total\"><td>{E(all.Service)}</td><td class=\"num\">{E(ReportText.Value(all.SixMonthAverage, "ratio"))}</td><td class=\"num\">{E(ReportText.Value(all.Current, "ratio"))}</td></tr>");
        Line(html, "</tbody>");
        Line(html, "</table>");
        Line(html, "<p class=\"caption\">Children allocated per social worker holding at least one case (not FTE-adjusted); the 6-month average is the mean of the six previous month-ends.</p>");
        Line(html, "</div>");
    }

    private static void Audits(StringBuilder html, AuditSummary a)
    {
        Line(html, "<div class=\"audits\">");
        Line(html, $"<h2>{E($"Case audit grades — {ReportText.Month(a.Month)}")}</h2>");
        if (a.Note is not null)
        {
            Line(html, $"<p class=\"caption audit-note\">{E(a.Note)}</p>");
            Line(html, "</div>");
            return;
        }
        Line(html, "<table class=\"compact audit\">");
        Line(html, "<thead><tr><th>Grade</th><th class=\"num\">No. of audits</th><th class=\"num\">%</th></tr></thead>");
        Line(html, "<tbody>");
        foreach (var g in a.Grades)
            Line(html, $"<tr class=\"grade\"><td>{E(g.Grade)}</td><td class=\"num\">{E(ReportText.Value(g.Count, "count"))}</td><td class=\"num\">{E(Percent(g.Percent))}</td></tr>");
        Line(html, $"<tr class=\"total\"><td>Total</td><td class=\"num\">{E(ReportText.Value(a.Total, "count"))}</td><td class=\"num\">100%</td></tr>");
        Line(html, "</tbody>");
        Line(html, "</table>");
        Line(html, "<p class=\"caption\">Audits dated in the month; the moderated grade where there is one.</p>");
        Line(html, "</div>");
    }

    private static void Footer(StringBuilder html, BoardPackModel m)
    {
        Line(html, "<footer>");
        Line(html, $"<p>{E($"Previous = the same measure as at {ReportText.Date(ReportText.PreviousMonthEnd(m.SnapshotDate))}, recomputed from the same extract. "
                              + "SN average = mean of the statistical neighbours' DfE published values (LAIT); beneath it, the benchmark year and the DfE statistical-neighbour model used. "
                              + "On screen, hover over an SN average for England, region and the LA's own published value.")}</p>");
        Line(html, $"<p>{E($"Generated from run {m.RunId} (LA {m.LaCode}, snapshot {LakeDate(m.SnapshotDate)}).")}</p>");
        Line(html, $"<p class=\"ogl\">{E(OglAttribution)}</p>");
        Line(html, "</footer>");
    }

    private static string Badge(int? rag)
    {
        var cls = rag is >= 1 and <= 3 ? $"rag-{rag.Value.ToString(CultureInfo.InvariantCulture)}" : "rag-none";
        var text = rag is >= 1 and <= 3 ? rag.Value.ToString(CultureInfo.InvariantCulture) : "–";
        return $"<span class=\"rag {cls}\" title=\"{E(ReportText.StatusMeaning(rag))}\">{E(text)}</span>";
    }

    private static string Percent(double? v) => v is null ? "–" : v.Value.ToString("0", CultureInfo.InvariantCulture) + "%";
    private static string LakeDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
    private static void Line(StringBuilder html, string text) => html.Append(text).Append('\n');
}
