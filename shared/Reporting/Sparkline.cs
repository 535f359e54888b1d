using System.Globalization;
using System.Net;
using System.Text;

namespace KpiPipeline.Reporting;

/// <summary>One point of a KPI's line: the value as at a month-end (null where it could not be computed).</summary>
public readonly record struct TrendPoint(DateOnly AsAt, double? Value);

/// <summary>
/// Draws a trend as a small inline SVG: a polyline scaled to its own minimum and maximum (a sparkline
/// shows shape, not level), broken where a month has no value rather than bridging the gap, with the
/// newest point marked. No xmlns attribute: inline SVG in HTML does not need one, and the page must
/// not contain any URL.
/// </summary>
public static class Sparkline
{
    public const int Width = 120;
    public const int Height = 30;
    private const double Pad = 3.5;

    /// <summary>The SVG element, or an empty string when there is no value to draw.</summary>
    public static string Svg(IReadOnlyList<TrendPoint> points, Func<double, string> format)
    {
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        if (values.Count == 0) return "";
        var (min, max) = (values.Min(), values.Max());

        double X(int i) => points.Count == 1 ? Width / 2.0 : Pad + i * (Width - 2 * Pad) / (points.Count - 1);
        // A flat line sits in the middle; otherwise the range fills the height (SVG y grows downwards).
        double Y(double v) => max - min < 1e-9 ? Height / 2.0 : Height - Pad - (v - min) / (max - min) * (Height - 2 * Pad);

        var svg = new StringBuilder();
        var first = points.First(p => p.Value is not null);
        var last = points.Last(p => p.Value is not null);
        var label = $"{MonthYear(first.AsAt)} {format(first.Value!.Value)} to {MonthYear(last.AsAt)} {format(last.Value!.Value)}; low {format(min)}, high {format(max)}";
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"spark\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Encode(label)}\">");
        svg.Append("<title>").Append(Encode(label)).Append("</title>");

        var segment = new List<(double X, double Y)>();
        for (var i = 0; i <= points.Count; i++)
        {
            if (i < points.Count && points[i].Value is { } v)
            {
                segment.Add((X(i), Y(v)));
                continue;
            }
            AppendSegment(svg, segment);
            segment.Clear();
        }

        var lastIndex = points.Count - 1 - points.Reverse().TakeWhile(p => p.Value is null).Count();
        svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"now\" cx=\"{N(X(lastIndex))}\" cy=\"{N(Y(last.Value!.Value))}\" r=\"2.6\"/>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void AppendSegment(StringBuilder svg, List<(double X, double Y)> segment)
    {
        switch (segment.Count)
        {
            case 0: return;
            case 1: // an isolated month: a dot, since a one-point polyline draws nothing
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(segment[0].X)}\" cy=\"{N(segment[0].Y)}\" r=\"1.6\"/>");
                return;
            default:
                svg.Append("<polyline points=\"")
                   .AppendJoin(' ', segment.Select(p => $"{N(p.X)},{N(p.Y)}"))
                   .Append("\"/>");
                return;
        }
    }

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    private static string MonthYear(DateOnly d) => d.ToString("MMM yyyy", CultureInfo.InvariantCulture);
    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
