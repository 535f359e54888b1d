namespace KpiPipeline.Reporting;

/// <summary>
/// The board pack's stylesheet, inlined into the page so the file is self-contained (no fonts, images or
/// scripts fetched from anywhere). Screen: a centred sheet about A4 proportion. Print: A4 portrait,
/// 12 mm margins, the table at full width, header rows repeated, no row split across pages, and
/// colours kept (badges carry meaning).
/// </summary>
internal static class BoardPackStyle
{
    public const string Css = """
        :root { --navy:#1f3a5f; --ink:#1d2733; --muted:#5b6675; --rule:#d5dbe3; --band:#eef2f7;
                --green:#2e7d32; --amber:#f2a900; --red:#c62828; --grey:#9aa3ad; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; background: #fff; color: var(--ink);
               font: 13px/1.35 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
        main { max-width: 1140px; margin: 0 auto; padding: 28px 32px 24px; }
        header.pack { display: flex; justify-content: space-between; align-items: flex-end; gap: 24px;
                      border-bottom: 3px solid var(--navy); padding-bottom: 10px; margin-bottom: 12px; }
        header.pack .org { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .06em; margin: 0 0 2px; }
        header.pack h1 { margin: 0; font-size: 24px; color: var(--navy); font-weight: 600; }
        header.pack .period { margin: 2px 0 0; font-size: 15px; }
        dl.meta { display: grid; grid-template-columns: auto auto; gap: 1px 10px; margin: 0; font-size: 11.5px; color: var(--muted); }
        dl.meta dt { text-align: right; }
        dl.meta dd { margin: 0; color: var(--ink); font-variant-numeric: tabular-nums; white-space: nowrap; }
        dl.meta dt { white-space: nowrap; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; margin: 0 0 12px; font-size: 12px; }
        .legend span.item { display: inline-flex; align-items: center; gap: 6px; }
        h2 { font-size: 16px; color: var(--navy); margin: 22px 0 6px; font-weight: 600; }
        table { width: 100%; border-collapse: collapse; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th, td { padding: 5px 7px; vertical-align: middle; }
        thead th { background: var(--navy); color: #fff; font-weight: 600; font-size: 11.5px; text-align: left; line-height: 1.2; }
        thead th.num { text-align: right; }
        thead th .sub { display: block; font-weight: 400; opacity: .85; font-size: 10.5px; }
        table.scorecard { table-layout: fixed; }
        table.scorecard col.status { width: 6%; } table.scorecard col.metric { width: 36%; }
        table.scorecard col.prev, table.scorecard col.cur { width: 9%; } table.scorecard col.sn { width: 11%; }
        table.scorecard col.dot { width: 12%; } table.scorecard col.trend { width: 17%; }
        tr.category th { background: var(--band); color: var(--navy); text-align: left; font-size: 12.5px;
                         letter-spacing: .04em; text-transform: uppercase; padding: 6px 7px; border-top: 1px solid var(--rule);
                         break-after: avoid; page-break-after: avoid; }
        tbody td { border-bottom: 1px solid var(--rule); }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.cur { font-weight: 600; }
        td.status { text-align: center; }
        .rag { display: inline-block; min-width: 24px; height: 24px; line-height: 24px; border-radius: 12px; text-align: center;
               font-weight: 700; font-size: 13px; color: #fff; }
        .rag-1 { background: var(--green); } .rag-2 { background: var(--amber); color: #1d2733; }
        .rag-3 { background: var(--red); } .rag-none { background: #e3e7ec; color: var(--muted); }
        .note { display: block; font-size: 11px; color: #8a4b00; font-style: italic; margin-top: 2px; }
        .small { display: block; font-size: 10px; color: var(--muted); font-weight: 400; }
        td.num .small { white-space: normal; } /* the benchmark note may wrap; the figure above it may not */
        .nw { white-space: nowrap; }
        td.dot { white-space: nowrap; }
        .arrow { font-size: 12px; margin-right: 4px; }
        .improving { color: var(--green); } .worsening { color: var(--red); } .neutral { color: var(--muted); }
        .reading { font-size: 11.5px; }
        td.trend { padding-top: 2px; padding-bottom: 2px; }
        svg.spark { display: block; width: 100%; max-width: 130px; height: auto; overflow: visible; }
        svg.spark polyline { fill: none; stroke: var(--navy); stroke-width: 1.6; stroke-linejoin: round; stroke-linecap: round; }
        svg.spark circle { fill: var(--navy); }
        svg.spark circle.now { fill: #fff; stroke: var(--navy); stroke-width: 1.6; }
        .pair { display: grid; grid-template-columns: 1.25fr 1fr; gap: 28px; align-items: start; }
        table.compact td, table.compact th { padding: 4px 8px; }
        table.compact tr.total td { font-weight: 700; border-top: 2px solid var(--navy); border-bottom: none; }
        p.caption { font-size: 11px; color: var(--muted); margin: 5px 0 0; }
        footer { margin-top: 20px; border-top: 1px solid var(--rule); padding-top: 8px; font-size: 10.5px; color: var(--muted); }
        footer p { margin: 2px 0; }
        @page { size: A4; margin: 12mm; }
        @media print {
          body { font-size: 8.5pt; }
          main { max-width: none; padding: 0; }
          header.pack h1 { font-size: 16pt; }
          thead th { font-size: 7.5pt; } thead th .sub { font-size: 7pt; }
          tr.category th { font-size: 8pt; }
          .rag { min-width: 18px; height: 18px; line-height: 18px; font-size: 9pt; }
          .small, .note, p.caption, footer { font-size: 7pt; }
          .reading { font-size: 7.5pt; }
          th, td { padding: 3px 5px; }
          dl.meta { font-size: 7.5pt; }
          .legend { gap: 4px 12px; font-size: 7.5pt; }
          table.scorecard col.status { width: 6%; } table.scorecard col.metric { width: 36%; }
          table.scorecard col.prev, table.scorecard col.cur { width: 8.5%; } table.scorecard col.sn { width: 13.5%; }
          table.scorecard col.dot { width: 12%; } table.scorecard col.trend { width: 15.5%; }
          section.pair { break-inside: avoid; page-break-inside: avoid; }
        }
        """;
}
