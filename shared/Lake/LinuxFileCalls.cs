using System.Runtime.InteropServices;

namespace KpiPipeline.Lake;

/// <summary>The few glibc file calls the lake uses on Linux (callers check <see cref="OperatingSystem.IsLinux"/>); all take plain values.</summary>
internal static class LinuxFileCalls
{
    public const int FadvDontNeed = 4;
    public const int FGetFl = 3, FSetFl = 4;
    public const int ProtRead = 1, MapShared = 1;
    public static readonly nint MapFailed = -1;

    /// <summary>O_DIRECT, whose value differs by architecture (asm-generic/fcntl.h against arm64's own); null where not known here.</summary>
    public static int? ODirect => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 0x4000,
        Architecture.Arm64 => 0x10000,
        _ => null,
    };

    [DllImport("libc")]
    public static extern int posix_fadvise(int fd, long offset, long len, int advice);

    /// <summary>fcntl with an int argument (F_GETFL, F_SETFL).</summary>
    [DllImport("libc", SetLastError = true)]
    public static extern int fcntl(int fd, int cmd, int arg);

    [DllImport("libc", SetLastError = true)]
    public static extern int ftruncate(int fd, long length);

    [DllImport("libc", SetLastError = true)]
    public static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern nint mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [DllImport("libc", SetLastError = true)]
    public static extern int munmap(nint address, nuint length);

    [DllImport("libc", SetLastError = true)]
    public static extern int madvise(nint address, nuint length, int advice);
}
