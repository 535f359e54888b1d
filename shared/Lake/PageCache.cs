namespace KpiPipeline.Lake;

/// <summary>
/// Drops a file's pages from the operating system's cache (Linux; elsewhere nothing is done). The benchmark uses it so
/// every side starts reading the drop from disk, whichever side ran before it and whatever that side left cached.
/// </summary>
public static class PageCache
{
    /// <summary>True when the kernel was asked to drop <paramref name="path"/>'s clean pages (dirty ones are flushed first).</summary>
    public static bool TryEvict(string path)
    {
        if (!OperatingSystem.IsLinux()) return false;
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var fd = (int)file.DangerousGetHandle();
        LinuxFileCalls.fsync(fd);
        return LinuxFileCalls.posix_fadvise(fd, 0, 0, LinuxFileCalls.FadvDontNeed) == 0; // length 0: to the end of the file
    }
}
