using System.Runtime.InteropServices;

namespace KpiPipeline.Common;

/// <summary>
/// Puts the calling thread's disk I/O in the idle class for a while (Linux <c>ioprio_set</c>), for work the run does
/// not wait on: the raw-zone copy and the deletion of read partition slices.
/// <para>Why: both write (or discard) gigabytes at national scale while the partitions are read, and the disk served
/// them ahead of the reads the run waits on. Measured on a national drop, the run's threads then sat in I/O wait for
/// 13–21 core-seconds; with this (and the slices deleted off the read path) for 3–7 (docs/performance.md, sixth round).</para>
/// <para>Elsewhere (another OS, an architecture whose call number is not known here, a kernel that refuses) it does
/// nothing: the work is still done, only without yielding the disk.</para>
/// </summary>
internal static class BackgroundIo
{
    // ioprio_set / ioprio_get: include/uapi/linux/ioprio.h and the per-architecture syscall tables.
    private const int WhoProcess = 1; // with who = 0: the calling thread
    private const int ClassShift = 13;
    private const int ClassIdle = 3;

    /// <summary>Lowers the calling thread's I/O priority to idle until the returned scope is disposed, on the same thread.</summary>
    public static Scope Lower()
    {
        if (!OperatingSystem.IsLinux() || Calls() is not { } calls) return default;
        var before = syscall(calls.Get, WhoProcess, 0);
        if (before < 0 || syscall(calls.Set, WhoProcess, 0, ClassIdle << ClassShift) != 0) return default;
        return new Scope(calls.Set, before);
    }

    /// <summary>The calling thread's I/O priority class (3 = idle; 0 = none set), or −1 where it cannot be read. For tests.</summary>
    internal static int CurrentClass() =>
        OperatingSystem.IsLinux() && Calls() is { } calls && syscall(calls.Get, WhoProcess, 0) is var p and >= 0 ? (int)(p >> ClassShift) : -1;

    private static (long Set, long Get)? Calls() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (251, 252),
        Architecture.Arm64 => (30, 31),
        _ => null,
    };

    /// <summary>Restores the priority the thread had before <see cref="Lower"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly long _set;
        private readonly long _before;

        internal Scope(long set, long before)
        {
            _set = set;
            _before = before;
        }

        public void Dispose()
        {
            if (_set != 0) syscall(_set, WhoProcess, 0, _before);
        }
    }

    [DllImport("libc", EntryPoint = "syscall")]
    private static extern long syscall(long number, long which, long who);

    [DllImport("libc", EntryPoint = "syscall")]
    private static extern long syscall(long number, long which, long who, long priority);
}
