using KpiPipeline.Benchmarks;

namespace KpiPipeline.Cli.Commands;

/// <summary>kpi reference import: rebuild the reference pack from the public DfE/ONS files.</summary>
public sealed class ReferenceCommand : ICommand
{
    public string Name => "reference";
    public string Summary => "reference import: build the reference pack from DfE/ONS public files";
    public string Usage => """
        kpi reference import --from DIR --out DIR
          --from  the public reference folder (e.g. ../shared/reference)
          --out   where to write the pack (shared/Resources/reference-pack is the one the product ships)
        """;

    public Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        if (args.Positionals is not ["import"]) throw new UsageException("the only sub-command is 'import'");
        var from = args.Required("from");
        var outDir = args.Required("out");
        args.RejectUnknown();
        var manifest = ReferencePackImporter.Import(from, outDir);
        Console.WriteLine($"Reference pack {manifest.Version} written to {outDir} ({manifest.Files.Count} files).");
        Console.WriteLine(manifest.Attribution);
        return Task.FromResult(0);
    }
}
