using System.Text;
using KpiPipeline.Lake;
using KpiPipeline.Reporting;

namespace KpiPipeline.Cli.Commands;

/// <summary>kpi report: the board pack (a self-contained HTML scorecard) for one LA's published snapshot.</summary>
public sealed class ReportCommand : ICommand
{
    public string Name => "report";
    public string Summary => "write the board pack (HTML scorecard, prints on A4) for a published snapshot";
    public string Usage => """
        kpi report --lake DIR --la CODE [--date yyyy-MM-dd] --out FILE
          --lake  the lake folder holding the published snapshot
          --la    the LA code (e.g. 343)
          --date  the snapshot date (default: the LA's latest published snapshot)
          --out   the HTML file to write (replaced if it exists)
        """;

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var lakeDir = args.Required("lake");
        var la = args.Required("la");
        var date = args.Date("date");
        var outPath = Path.GetFullPath(args.Required("out"));
        args.RejectUnknown();
        if (!Directory.Exists(lakeDir)) throw new UsageException($"--lake '{lakeDir}' is not a folder");
        try { LakePath.Segment(la, "la_code"); }
        catch (ArgumentException e) { throw new UsageException($"--la '{la}' is not a valid LA code: {e.Message}"); }

        // Render beside the target and move it into place, so a failed run never leaves half a page
        // where the previous pack was.
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        var temp = outPath + ".tmp";
        BoardPackSummary summary;
        try
        {
            await using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                summary = await BoardPack.RenderAsync(new FolderLakeStore(lakeDir), la, date, writer, ct);
            File.Move(temp, outPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        Console.WriteLine($"Wrote the board pack for LA {summary.LaCode} {summary.SnapshotDate:yyyy-MM-dd} (run {summary.RunId}, {summary.KpiRows} KPIs) to {outPath}");
        return 0;
    }
}
