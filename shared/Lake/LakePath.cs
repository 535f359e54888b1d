using System.Globalization;

namespace KpiPipeline.Lake;

/// <summary>
/// The rules every lake path follows, shared by all <see cref="ILakeStore"/> implementations so the
/// folder lake and the blob lake accept and reject exactly the same names, plus the builders for
/// the zone layouts (raw/, curated/, quarantine/, _staging/) described in docs/lake.md.
/// A path is '/'-separated, relative, with no empty, "." or ".." segment, no '\' or ':' (which
/// would let a name escape the lake root on Windows or be read as a drive) and no control characters.
/// </summary>
public static class LakePath
{
    /// <summary>Azure Blob names are limited to 1024 characters; the folder lake uses the same limit.</summary>
    public const int MaxLength = 1024;

    /// <summary>Returns <paramref name="path"/> unchanged when it is a valid object path, else throws <see cref="ArgumentException"/>.</summary>
    public static string ValidateObject(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) throw new ArgumentException("Lake path is empty.", nameof(path));
        if (path.EndsWith('/')) throw new ArgumentException($"Lake path '{path}' ends with '/': an object path names a file, not a folder.", nameof(path));
        ValidateCommon(path, nameof(path));
        return path;
    }

    /// <summary>
    /// Returns <paramref name="prefix"/> unchanged when it is a valid listing prefix: empty (the whole lake),
    /// or a path that may end with '/' and whose last segment may be partial.
    /// </summary>
    public static string ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0) return prefix;
        ValidateCommon(prefix.EndsWith('/') ? prefix[..^1] : prefix, nameof(prefix));
        return prefix;
    }

    /// <summary>
    /// Validates one value used as a single path segment (an LA code, a run id, a table name):
    /// letters, digits, '-', '_' and '.', not "." or "..". <paramref name="what"/> names it in the message.
    /// </summary>
    public static string Segment(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value, what);
        if (value.Length == 0 || value.Length > 128)
            throw new ArgumentException($"{what} must be 1 to 128 characters.", what);
        if (value is "." or "..")
            throw new ArgumentException($"{what} '{value}' is not allowed in a lake path.", what);
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                throw new ArgumentException($"{what} '{value}' may only contain letters, digits, '-', '_' and '.'.", what);
        }
        return value;
    }

    /// <summary>ISO date as used in every path: yyyy-MM-dd.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The Hive partition folder of one curated table for one snapshot, ending with '/'.</summary>
    public static string CuratedPartition(string table, string laCode, DateOnly snapshotDate) =>
        $"curated/{Segment(table, "table")}/la_code={Segment(laCode, "la_code")}/snapshot_date={Date(snapshotDate)}/";

    /// <summary>The raw-zone folder of one drop, ending with '/'.</summary>
    public static string RawDrop(string laCode, DateOnly extractDate) =>
        $"raw/{Segment(laCode, "la_code")}/{Date(extractDate)}/";

    /// <summary>The quarantine folder of one run, ending with '/'.</summary>
    public static string QuarantineRun(string laCode, DateOnly date, string runId) =>
        $"quarantine/{Segment(laCode, "la_code")}/{Date(date)}/{Segment(runId, "run_id")}/";

    /// <summary>The staging folder of every run of one snapshot, ending with '/'.</summary>
    public static string StagingSnapshot(string laCode, DateOnly snapshotDate) =>
        $"_staging/{Segment(laCode, "la_code")}/{Date(snapshotDate)}/";

    /// <summary>The last segment of a path (the file name).</summary>
    public static string FileName(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    private static void ValidateCommon(string path, string paramName)
    {
        if (path.Length > MaxLength)
            throw new ArgumentException($"Lake path is longer than {MaxLength} characters.", paramName);
        if (path.StartsWith('/'))
            throw new ArgumentException($"Lake path '{path}' is absolute; lake paths are relative to the lake root.", paramName);
        foreach (var c in path)
        {
            if (c == '\\') throw new ArgumentException($"Lake path '{path}' contains '\\'; use '/' as the separator.", paramName);
            if (c == ':') throw new ArgumentException($"Lake path '{path}' contains ':' (a drive or scheme is not allowed).", paramName);
            if (char.IsControl(c)) throw new ArgumentException("Lake path contains a control character.", paramName);
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0) throw new ArgumentException($"Lake path '{path}' has an empty segment.", paramName);
            if (segment is "." or "..") throw new ArgumentException($"Lake path '{path}' contains a '{segment}' segment.", paramName);
        }
    }
}
