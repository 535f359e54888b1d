using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KpiPipeline.Model;

namespace KpiPipeline.Extract;

/// <summary>
/// A contract table the drop holds: its spec, its file and what the manifest says about it.
/// <see cref="IsSlice"/> marks one partition's share of the table, written by <see cref="Partitioning.DropSplitter"/>:
/// its first column is the row number in the original file, and the original's count and checksum were already verified.
/// </summary>
/// <param name="TableRows">Rows of the whole table (the manifest's count); for a slice, <see cref="ManifestTable.Rows"/> is the slice's own.</param>
internal sealed record PlannedTable(TableSpec Spec, int Order, string File, string Path, ManifestTable Entry, long Bytes, bool IsSlice = false, long TableRows = -1)
{
    /// <summary>Rows of the whole table this file is all or part of: a slice's keys are numbered across all of them.</summary>
    public long WholeTableRows => TableRows >= 0 ? TableRows : Entry.Rows;
}

/// <summary>
/// Everything decided before any CSV is parsed: the manifest is there, valid, agrees with the folder's
/// {la_code}/{extract_date} names, lists ssd_person, and every contract table it lists has its file.
/// </summary>
internal sealed class DropPlan
{
    private DropPlan(DropManifest manifest, string inputSha256, IReadOnlyList<PlannedTable> tables)
    {
        Manifest = manifest;
        InputSha256 = inputSha256;
        Tables = tables;
    }

    public DropManifest Manifest { get; }
    public string InputSha256 { get; }
    /// <summary>In contract order.</summary>
    public IReadOnlyList<PlannedTable> Tables { get; }

    public static DropPlan Load(string dropFolder, IssueLog dropIssues)
    {
        var folder = System.IO.Path.GetFullPath(dropFolder);
        if (!Directory.Exists(folder))
            throw new DropRejectedException(dropFolder, DropRules.DropMissing, $"drop folder '{dropFolder}' does not exist");

        var manifestPath = System.IO.Path.Combine(folder, DropManifest.FileName);
        if (!File.Exists(manifestPath))
            throw new DropRejectedException(DropManifest.FileName, DropRules.ManifestMissing, "manifest.json missing: the drop is not complete");

        byte[] bytes;
        try { bytes = File.ReadAllBytes(manifestPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DropRejectedException(DropManifest.FileName, DropRules.FileUnreadable, $"manifest.json: cannot be read ({e.GetType().Name})", inner: e);
        }
        var inputSha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        DropManifest manifest;
        try
        {
            var json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
            manifest = DropManifest.Parse(json, DropManifest.FileName);
        }
        catch (Exception e) when (e is InvalidDataException or DecoderFallbackException or ArgumentException)
        {
            throw new DropRejectedException(DropManifest.FileName, DropRules.ManifestInvalid, OneLine(e.Message), inner: e);
        }

        CheckFolderNames(folder, manifest, dropIssues);
        var tables = PlanTables(folder, manifest, dropIssues);
        return new DropPlan(manifest, inputSha, tables);
    }

    private static void CheckFolderNames(string folder, DropManifest manifest, IssueLog dropIssues)
    {
        var dateName = System.IO.Path.GetFileName(folder);
        var laName = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(folder)) ?? "";
        var laidOut = DateOnly.TryParseExact(dateName, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                      && laName.Length > 0 && laName.All(char.IsAsciiDigit);
        if (!laidOut)
        {
            dropIssues.Add(0, null, DropRules.FolderLayout, Severity.Warning,
                "drop folder is not laid out {la_code}/{extract_date}/, so la_code and extract_date were not checked against it");
            return;
        }
        if (laName != manifest.LaCode)
            throw new DropRejectedException(DropManifest.FileName, DropRules.ManifestFolderMismatch,
                $"manifest.json: la_code '{manifest.LaCode}' does not match the drop folder '{laName}'", column: "la_code");
        if (dateName != manifest.ExtractDate)
            throw new DropRejectedException(DropManifest.FileName, DropRules.ManifestFolderMismatch,
                $"manifest.json: extract_date '{manifest.ExtractDate}' does not match the drop folder '{dateName}'", column: "extract_date");
    }

    private static List<PlannedTable> PlanTables(string folder, DropManifest manifest, IssueLog dropIssues)
    {
        foreach (var (name, entry) in manifest.Tables) ValidateEntry(name, entry);

        foreach (var required in DropSchema.RequiredTables)
            if (!manifest.Tables.ContainsKey(required))
                throw new DropRejectedException(required + ".csv", DropRules.RequiredTableMissing,
                    $"{required}: required table is not listed in manifest.json");

        var planned = new List<PlannedTable>();
        foreach (var (name, entry) in manifest.Tables)
        {
            if (!DropSchema.TryGet(name, out var spec, out var order))
            {
                dropIssues.Add(0, null, DropRules.UnknownTable, Severity.Warning,
                    $"manifest.json lists '{name}', which is not a contract table; its file is ignored");
                continue;
            }
            var path = System.IO.Path.Combine(folder, entry.File);
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new DropRejectedException(entry.File, DropRules.FileMissing,
                    $"{entry.File}: listed in manifest.json for {name} but missing from the drop");
            planned.Add(new PlannedTable(spec, order, entry.File, path, entry, info.Length));
        }

        var listed = manifest.Tables.Values.Select(t => t.File).ToHashSet(StringComparer.Ordinal);
        foreach (var csv in Directory.EnumerateFiles(folder, "*.csv").Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal))
            if (csv is not null && !listed.Contains(csv))
                dropIssues.Add(0, null, DropRules.FileNotInManifest, Severity.Warning, $"{csv} is in the drop folder but not in manifest.json; ignored");

        planned.Sort((a, b) => a.Order.CompareTo(b.Order));
        return planned;
    }

    private static void ValidateEntry(string name, ManifestTable? entry)
    {
        string? problem = null;
        if (entry is null) problem = "has no entry";
        else if (string.IsNullOrWhiteSpace(entry.File) || entry.File != System.IO.Path.GetFileName(entry.File) || entry.File is "." or ".."
                 || entry.File.Contains('\\'))
            problem = $"file '{entry.File}' must be a plain file name in the drop folder";
        else if (entry.Rows < 0) problem = $"rows {entry.Rows} is negative";
        else if (entry.Sha256 is null || entry.Sha256.Length != 64 || !entry.Sha256.All(char.IsAsciiHexDigit))
            problem = "sha256 is not 64 hexadecimal characters";
        if (problem is not null)
            throw new DropRejectedException(DropManifest.FileName, DropRules.ManifestInvalid, $"manifest.json: table '{name}' {problem}", column: name);
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
