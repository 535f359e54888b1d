using System.Runtime.CompilerServices;

namespace KpiPipeline.Lake;

/// <summary>
/// A lake in a local folder: the embedded default (CLI, tests, demos). Objects are files under the
/// root; a write goes to a hidden temporary file in the target folder and is then renamed over the
/// target, which is atomic on one file system, so a reader sees the old file or the new one, never
/// a partial one. Temporary files end with <see cref="TempSuffix"/> and are never listed.
/// </summary>
public sealed class FolderLakeStore : ILakeStore
{
    /// <summary>Suffix of in-flight temporary files; no reader glob for *.parquet or *.csv matches it.</summary>
    public const string TempSuffix = ".lake-tmp";

    private readonly string _root;

    public FolderLakeStore(string rootFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootFolder);
        _root = Path.GetFullPath(rootFolder);
        Directory.CreateDirectory(_root);
    }

    /// <summary>The absolute root folder.</summary>
    public string RootFolder => _root;

    public string Describe() => _root;

    public async Task WriteAsync(string path, Stream content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var full = ToFullPath(LakePath.ValidateObject(path));
        await ReplaceAsync(full, async temp =>
        {
            await using var file = await CreateTempAsync(Path.GetDirectoryName(full)!, temp);
            await content.CopyToAsync(file, ct);
            await file.FlushAsync(ct);
            file.Flush(flushToDisk: true);
        });
    }

    /// <summary>
    /// As <see cref="WriteAsync"/>, but copied from the local file without keeping either file in the page cache, the
    /// target written straight to disk on Linux (<see cref="UncachedFileCopy"/>).
    /// </summary>
    public Task WriteFileAsync(string path, string localFile, CancellationToken ct = default)
    {
        var full = ToFullPath(LakePath.ValidateObject(path));
        return ReplaceAsync(full, temp => Task.Run(() =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            UncachedFileCopy.Copy(localFile, temp, ct);
        }, ct));
    }

    /// <summary>
    /// The atomic replace both writes share: <paramref name="writeTemp"/> fills a hidden temporary file beside the target
    /// and forces it to disk (so a crash cannot publish an empty file), then it is renamed over the target. On any
    /// failure the temporary file is removed and the old object stays.
    /// </summary>
    private static async Task ReplaceAsync(string full, Func<string, Task> writeTemp)
    {
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            await writeTemp(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDeleteFile(temp);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string path, CancellationToken ct = default)
    {
        var full = ToFullPath(LakePath.ValidateObject(path));
        try
        {
            // FileShare.Delete lets a concurrent writer rename a new version over this file (Windows needs it).
            Stream stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                bufferSize: 1 << 16, useAsync: true);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string path, CancellationToken ct = default) =>
        Task.FromResult(File.Exists(ToFullPath(LakePath.ValidateObject(path))));

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        LakePath.ValidatePrefix(prefix);
        // Enumerate only below the deepest folder the prefix names completely; the rest of the
        // prefix (a partial segment) is matched on the relative path, as blob listing does.
        var lastSlash = prefix.LastIndexOf('/');
        var baseFolder = lastSlash < 0 ? _root : ToFullPath(prefix[..lastSlash]);
        if (!Directory.Exists(baseFolder)) yield break;

        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(baseFolder, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(TempSuffix, StringComparison.Ordinal)) continue;
            var relative = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.StartsWith(prefix, StringComparison.Ordinal)) found.Add(relative);
        }
        found.Sort(StringComparer.Ordinal);
        foreach (var path in found)
        {
            ct.ThrowIfCancellationRequested();
            yield return path;
        }
        await Task.CompletedTask;
    }

    public Task DeleteAsync(string path, CancellationToken ct = default)
    {
        var full = ToFullPath(LakePath.ValidateObject(path));
        try { File.Delete(full); } // no error when the file is absent...
        catch (DirectoryNotFoundException) { return Task.CompletedTask; } // ...or its folder is
        PruneEmptyFolders(Path.GetDirectoryName(full)!);
        return Task.CompletedTask;
    }

    /// <summary>Maps a validated lake path to a file path, and checks it really is under the root.</summary>
    private string ToFullPath(string lakePath)
    {
        var full = Path.GetFullPath(Path.Combine(_root, lakePath.Replace('/', Path.DirectorySeparatorChar)));
        var rootWithSep = _root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSep, StringComparison.Ordinal))
            throw new ArgumentException($"Lake path '{lakePath}' resolves outside the lake root.", nameof(lakePath));
        return full;
    }

    /// <summary>
    /// Creates the temp file, creating its folder first. A concurrent delete may prune the freshly
    /// created (still empty) folder, so a missing folder is retried a few times.
    /// </summary>
    private static async Task<FileStream> CreateTempAsync(string folder, string temp)
    {
        for (var attempt = 1; ; attempt++)
        {
            Directory.CreateDirectory(folder);
            try
            {
                return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
            }
            catch (DirectoryNotFoundException) when (attempt < 5)
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>Removes folders left empty by a delete, up to (not including) the root, so a folder lake
    /// looks like a blob lake (which has no empty folders). Stops at the first non-empty folder.</summary>
    private void PruneEmptyFolders(string folder)
    {
        for (var dir = folder; dir.Length > _root.Length && dir.StartsWith(_root, StringComparison.Ordinal); dir = Path.GetDirectoryName(dir)!)
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(dir).Any()) return;
                Directory.Delete(dir, recursive: false);
            }
            catch (IOException) { return; } // not empty (a concurrent write) or already gone
            catch (UnauthorizedAccessException) { return; }
        }
    }

    private static void TryDeleteFile(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
