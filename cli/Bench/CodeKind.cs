using System.Reflection.PortableExecutable;

namespace KpiPipeline.Cli.Bench;

/// <summary>
/// Whether the pipeline's code was compiled ahead of time (a ReadyToRun publish) or is JIT-compiled as it runs (a plain
/// build): it moves a cold first run by ~0.7 s and a warm scale-1 run by ~0.1 s, so the benchmark says which it timed.
/// </summary>
public static class CodeKind
{
    /// <summary>How the pipeline's core library was compiled.</summary>
    public static string Describe() => Of(typeof(KpiPipeline.Extract.DropReader).Assembly.Location);

    /// <summary>"ReadyToRun", "JIT", or "unknown" when the assembly has no file (single-file or in-memory).</summary>
    public static string Of(string assemblyPath)
    {
        if (string.IsNullOrEmpty(assemblyPath) || !File.Exists(assemblyPath)) return "unknown";
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        // A ReadyToRun image carries its native code in the CLI header's managed-native-header directory.
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0 ? "ReadyToRun" : "JIT";
    }
}
