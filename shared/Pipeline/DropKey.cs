using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using KpiPipeline.Extract;

namespace KpiPipeline.Pipeline;

/// <summary>
/// Identifies one LA's snapshot day: the landing folder <c>{la_code}/{yyyy-MM-dd}/</c>, the raw copy
/// <c>raw/{la_code}/{yyyy-MM-dd}/</c>, the ledger row and the lease all use it.
/// </summary>
public readonly partial record struct DropKey
{
    public DropKey(string laCode, DateOnly snapshotDate)
    {
        LaCode = CheckLaCode(laCode);
        SnapshotDate = snapshotDate;
    }

    public string LaCode { get; }
    public DateOnly SnapshotDate { get; }
    public string DateText => SnapshotDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The drop's folder in the landing container, ending with '/'.</summary>
    public string LandingPrefix => $"{LaCode}/{DateText}/";

    /// <summary>The drop's manifest blob in the landing container.</summary>
    public string ManifestBlobName => LandingPrefix + DropManifest.FileName;

    /// <summary>The drop's byte-for-byte copy in the lake (lake-contract.md, raw zone), ending with '/'.</summary>
    public string RawPrefix => $"raw/{LaCode}/{DateText}/";

    public override string ToString() => $"{LaCode}/{DateText}";

    /// <summary>
    /// LA codes are the DfE's 3-digit codes; letters and up to 12 characters are allowed so test and future codes
    /// fit, but nothing that could change a blob path or a table key ('/', '..', '#', '?').
    /// </summary>
    public static string CheckLaCode(string laCode)
    {
        if (laCode is null || !LaCodePattern().IsMatch(laCode))
            throw new ArgumentException($"LA code '{laCode}' is not 1-12 letters or digits.", nameof(laCode));
        return laCode;
    }

    public static bool IsValidLaCode(string? laCode) => laCode is not null && LaCodePattern().IsMatch(laCode);

    /// <summary>Parses an ISO date (yyyy-MM-dd) as used in paths, routes and the CLI.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// Recognises a landing blob name of the form <c>{la_code}/{yyyy-MM-dd}/manifest.json</c>. Anything else
    /// (a CSV, a nested file, a bad date) is not a drop manifest and <paramref name="whyNot"/> says why.
    /// </summary>
    public static bool TryParseManifestBlobName(string blobName, out DropKey key, [NotNullWhen(false)] out string? whyNot)
    {
        key = default;
        var parts = blobName.Split('/');
        if (parts.Length != 3 || parts[2] != DropManifest.FileName)
        {
            whyNot = $"not a drop manifest (expected {{la_code}}/{{yyyy-MM-dd}}/{DropManifest.FileName})";
            return false;
        }
        if (!IsValidLaCode(parts[0]))
        {
            whyNot = "the LA folder is not 1-12 letters or digits";
            return false;
        }
        if (!TryParseDate(parts[1], out var date))
        {
            whyNot = "the date folder is not yyyy-MM-dd";
            return false;
        }
        key = new DropKey(parts[0], date);
        whyNot = null;
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,12}$")]
    private static partial Regex LaCodePattern();
}
