using System.Globalization;
using System.Runtime.CompilerServices;

namespace KpiPipeline.Lake;

/// <summary>
/// The raw zone: every drop copied byte-for-byte to raw/{la_code}/{extract_date}/ and never changed
/// afterwards, so any snapshot can be replayed from exactly the bytes it was computed from.
/// </summary>
public static class RawZone
{
    /// <summary>Copies every file of <paramref name="dropFolder"/> (subfolders included) into the raw zone.
    /// manifest.json, which completes a drop, is copied last so a watcher of raw/ never sees a
    /// manifest before the files it lists. A file already there with the same SHA-256 is skipped.</summary>
    /// <param name="verifiedSha256">SHA-256 (hex) of files already checked against the manifest by the reader, by relative
    /// path: they are not hashed again (at national scale that is a second read of ~8 GB).</param>
    /// <exception cref="RawZoneConflictException">A file is already in the raw zone with different bytes.</exception>
    public static async Task<RawCopyResult> CopyDropAsync(ILakeStore lake, string laCode, DateOnly extractDate, string dropFolder, CancellationToken ct = default,
        IReadOnlyDictionary<string, string>? verifiedSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var prefix = LakePath.RawDrop(laCode, extractDate);
        if (!Directory.Exists(dropFolder)) throw new DirectoryNotFoundException($"Drop folder '{dropFolder}' does not exist.");
        var root = Path.GetFullPath(dropFolder);

        var relatives = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .OrderBy(r => string.Equals(r, "manifest.json", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(r => r, StringComparer.Ordinal)
            .ToList();
        if (relatives.Count == 0) throw new InvalidDataException($"Drop folder '{dropFolder}' is empty.");

        // Check every name before copying anything, so a bad name does not leave half a drop behind.
        foreach (var relative in relatives) LakePath.ValidateObject(prefix + relative);

        var files = new List<RawFile>();
        foreach (var relative in relatives)
        {
            var target = prefix + relative;
            var local = Path.Combine(root, relative);
            string sha;
            if (verifiedSha256 is not null && verifiedSha256.TryGetValue(relative, out var known)) sha = known.ToLowerInvariant();
            else
            {
                await using var source = new FileStream(local, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                sha = await LakeHash.Sha256HexAsync(source, ct);
            }
            var existing = await LakeHash.Sha256HexAsync(lake, target, ct);
            if (existing is not null && existing != sha)
                throw new RawZoneConflictException(
                    $"{target} already exists with different content (SHA-256 {existing}, new file {sha}); the raw zone is immutable. " +
                    "Send a corrected drop with a new extract date, or remove the raw copy deliberately.");
            // A drop is complete and unchanging once its manifest has landed, so the file copied is the file hashed.
            if (existing is null) await lake.WriteFileAsync(target, local, ct);
            files.Add(new RawFile(relative, target, sha, new FileInfo(local).Length, AlreadyPresent: existing is not null));
        }
        return new RawCopyResult(prefix, files);
    }

    /// <summary>
    /// Downloads a raw drop into <paramref name="destinationFolder"/> (created if needed; files of the
    /// same name are replaced) so it can be replayed like a fresh drop. Returns the local file paths.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DownloadDropAsync(ILakeStore lake, string laCode, DateOnly extractDate, string destinationFolder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var prefix = LakePath.RawDrop(laCode, extractDate);
        var root = Path.GetFullPath(destinationFolder);
        var rootWithSep = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        var local = new List<string>();
        await foreach (var path in lake.ListAsync(prefix, ct))
        {
            var target = Path.GetFullPath(Path.Combine(root, path[prefix.Length..].Replace('/', Path.DirectorySeparatorChar)));
            if (!target.StartsWith(rootWithSep, StringComparison.Ordinal))
                throw new InvalidDataException($"Raw object {path} would be written outside '{destinationFolder}'.");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var source = await lake.OpenReadAsync(path, ct)
                ?? throw new FileNotFoundException($"Raw object {path} disappeared during download.");
            await using var file = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await source.CopyToAsync(file, ct);
            local.Add(target);
        }
        if (local.Count == 0)
            throw new FileNotFoundException($"No raw drop at {prefix} in {lake.Describe()}.");
        return local;
    }

    /// <summary>Every drop in the raw zone (optionally of one LA), in ordinal order of LA code then date.</summary>
    public static async IAsyncEnumerable<RawDropKey> ListDropsAsync(ILakeStore lake, string? laCode = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var prefix = laCode is null ? "raw/" : $"raw/{LakePath.Segment(laCode, "la_code")}/";
        RawDropKey? last = null;
        await foreach (var path in lake.ListAsync(prefix, ct))
        {
            var parts = path.Split('/');
            if (parts.Length < 4) continue; // not raw/{la}/{date}/{file}
            if (!DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) continue;
            var key = new RawDropKey(parts[1], date);
            if (key == last) continue;
            last = key;
            yield return key;
        }
    }
}

public sealed record RawDropKey(string LaCode, DateOnly ExtractDate);

/// <param name="Prefix">The drop's folder in the lake, e.g. raw/343/2023-05-31/.</param>
public sealed record RawCopyResult(string Prefix, IReadOnlyList<RawFile> Files);

/// <param name="RelativePath">Path inside the drop ('/'-separated).</param>
/// <param name="AlreadyPresent">True when an identical copy was already in the raw zone (skipped).</param>
public sealed record RawFile(string RelativePath, string LakePath, string Sha256, long Bytes, bool AlreadyPresent);

/// <summary>A raw file would be overwritten with different bytes.</summary>
public sealed class RawZoneConflictException(string message) : IOException(message);
