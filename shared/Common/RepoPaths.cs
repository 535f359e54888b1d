namespace KpiPipeline.Common;

/// <summary>
/// Finds the repository root (the folder holding KpiPipeline.sln) and the CEO's read-only
/// reference folder beside it (../shared). Tests, importers and benchmarks read public
/// reference files from there instead of copying them into the repo.
/// </summary>
public static class RepoPaths
{
    /// <summary>The repository root, found by walking up from the running assembly (or the current folder).</summary>
    public static string RepoRoot
    {
        get
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "KpiPipeline.sln"))) return dir.FullName;
                }
            }
            throw new DirectoryNotFoundException("Could not find KpiPipeline.sln above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// The reference folder (../shared beside the repo). KPI_SHARED overrides it.
    /// </summary>
    public static string SharedReference
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("KPI_SHARED");
            if (!string.IsNullOrWhiteSpace(fromEnv)) return Path.GetFullPath(fromEnv);
            return Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
        }
    }
}
