using System.Runtime.InteropServices;

namespace KpiPipeline.Lake;

/// <summary>The few glibc file calls the lake uses on Linux (callers check <see cref="OperatingSystem.IsLinux"/>); all take plain values.</summary>
internal static class LinuxFileCalls
{
    public const int ENOSYS = 38, EXDEV = 18, EINVAL = 22, EOPNOTSUPP = 95;
    public const int FadvDontNeed = 4;
    // SYNC_FILE_RANGE_WAIT_BEFORE = 1, _WRITE = 2, _WAIT_AFTER = 4.
    public const uint SyncWrite = 2, SyncWaitAll = 1 | 2 | 4;

    [DllImport("libc", SetLastError = true)]
    public static extern nint copy_file_range(int fdIn, ref long offIn, int fdOut, ref long offOut, nuint len, uint flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int sync_file_range(int fd, long offset, long nbytes, uint flags);

    [DllImport("libc")]
    public static extern int posix_fadvise(int fd, long offset, long len, int advice);

    [DllImport("libc", SetLastError = true)]
    public static extern int fsync(int fd);
}
