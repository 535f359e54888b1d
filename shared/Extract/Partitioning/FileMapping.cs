using KpiPipeline.Lake;
using Microsoft.Win32.SafeHandles;

namespace KpiPipeline.Extract.Partitioning;

/// <summary>
/// A read-only mapping of part of a file (Linux <c>mmap</c>), advised for sequential reading. The pages are the page
/// cache's own, so reading them copies nothing; they count in the process's resident memory while mapped.
/// </summary>
internal readonly unsafe struct FileMapping
{
    private const int MadvSequential = 2;

    private FileMapping(byte* start, int length)
    {
        Start = start;
        Length = length;
    }

    public byte* Start { get; }
    public int Length { get; }
    public bool IsEmpty => Start == null;
    public ReadOnlySpan<byte> Bytes => new(Start, Length);

    /// <summary>Opens a file to map (or read) from start to end.</summary>
    public static SafeFileHandle OpenForReading(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);

    /// <summary>Maps <paramref name="length"/> bytes from <paramref name="offset"/> (a multiple of the page size); false if the system refuses.</summary>
    public static bool TryMap(SafeFileHandle file, long offset, int length, out FileMapping mapping)
    {
        mapping = default;
        if (!OperatingSystem.IsLinux() || length <= 0) return false;
        var address = LinuxFileCalls.mmap(0, (nuint)length, LinuxFileCalls.ProtRead, LinuxFileCalls.MapShared,
            (int)file.DangerousGetHandle(), offset);
        if (address == LinuxFileCalls.MapFailed) return false;
        LinuxFileCalls.madvise(address, (nuint)length, MadvSequential); // read ahead further; advice only
        mapping = new FileMapping((byte*)address, length);
        return true;
    }

    public void Unmap()
    {
        if (!IsEmpty) LinuxFileCalls.munmap((nint)Start, (nuint)Length);
    }
}
