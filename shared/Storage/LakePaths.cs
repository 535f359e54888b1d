namespace KpiPipeline.Storage;

/// <summary>Checks the '/'-separated relative paths used by the lake and landing stores.</summary>
internal static class LakePaths
{
    /// <summary>Returns the path when it names an object: relative, '/'-separated, no empty, '.' or '..' segments.</summary>
    public static string Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) throw new ArgumentException("Lake path is empty.", nameof(path));
        if (path.Length > 1024) throw new ArgumentException($"Lake path is longer than 1024 characters: '{path[..64]}…'", nameof(path));
        if (path.Contains('\\')) throw new ArgumentException($"Lake path '{path}' contains '\\'; use '/'.", nameof(path));
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
                throw new ArgumentException($"Lake path '{path}' has an empty, '.' or '..' segment.", nameof(path));
        }
        return path;
    }

    /// <summary>A list prefix may be empty (everything) or end with '/'; otherwise it follows <see cref="Check"/>.</summary>
    public static string CheckPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0) return prefix;
        Check(prefix.EndsWith('/') ? prefix[..^1] : prefix);
        return prefix;
    }
}
