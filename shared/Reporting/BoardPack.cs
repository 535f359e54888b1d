using KpiPipeline.Lake;

namespace KpiPipeline.Reporting;

/// <summary>What a rendered board pack covers: enough for a caller to say what it wrote.</summary>
public sealed record BoardPackSummary(string LaCode, DateOnly SnapshotDate, string RunId, int KpiRows);

/// <summary>
/// The improvement board's scorecard as a self-contained HTML page (issue 3, "Board pack"): the LA-level
/// KPIs by category with status, previous, current, SN average, direction of travel and a 12-month
/// sparkline; the caseload table by service; the month's audit grades. Reads one published snapshot
/// from the lake; prints on A4.
/// </summary>
public static class BoardPack
{
    /// <param name="date">The snapshot date, or null for the LA's latest published snapshot.</param>
    /// <exception cref="InvalidDataException">No published snapshot for the LA (at that date).</exception>
    /// <exception cref="ArgumentException"><paramref name="laCode"/> is not a valid lake path segment.</exception>
    public static async Task<BoardPackSummary> RenderAsync(ILakeStore lake, string laCode, DateOnly? date, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var model = await BoardPackModel.LoadAsync(lake, laCode, date, ct);
        await output.WriteAsync(BoardPackHtml.Render(model).AsMemory(), ct);
        await output.FlushAsync(ct);
        return new BoardPackSummary(model.LaCode, model.SnapshotDate, model.RunId, model.Lines.Count());
    }
}
