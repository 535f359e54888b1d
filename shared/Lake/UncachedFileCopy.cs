using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace KpiPipeline.Lake;

/// <summary>
/// Copies a file to a new file without leaving either in the page cache, and with as little of the kernel's work as a
/// copy allows.
/// <para>Why: the raw zone receives a copy of every drop file (8 GB at national scale) while the partitions are read.
/// A plain copy leaves 8 GB of source and target pages cached, and the kernel makes room for them by dropping the
/// partition slices the run is about to read, which then come back from disk (measured: 5 GB re-read, and the
/// partition reads starved while the copy ran).</para>
/// <para>So on Linux the target is written with <c>O_DIRECT</c>, straight to the disk, so its pages are never cached,
/// never dirty and never written back or dropped by the kernel; and the source is not read at all: each whole chunk of
/// it is mapped (<c>mmap</c>) and written from the mapping, so the disk's DMA reads the source's page-cache pages, where
/// the split pass has just put them, without the CPU copying 8 GB into a buffer first. Each chunk's source pages are
/// then dropped (<c>posix_fadvise</c> DONTNEED). The file's last, partial block goes through an aligned buffer, padded.
/// Against the chunked in-kernel copy this replaced (<c>copy_file_range</c>, each chunk flushed and dropped) a national
/// run used ~9 s less CPU with the buffer (docs/performance.md, seventh round); the mapping saves the buffer's copy
/// (eighth round). The target is on disk when this returns.</para>
/// <para>The copy runs at idle disk priority (<see cref="Common.BackgroundIo"/>): the partition reads, which the computing
/// waits for, go first; the copy still ends well before the computing does (measured at national scale).</para>
/// <para>Files under <see cref="DirectFrom"/>, other systems, and filesystems that refuse direct writes get
/// <see cref="File.Copy(string, string)"/> and a flush: correct, only harder on the cache.</para>
/// </summary>
internal static class UncachedFileCopy
{
    /// <summary>Bytes per chunk: large enough for few, large disk writes; small, since the buffer is held for the whole copy.</summary>
    internal const int Chunk = 8 << 20;

    /// <summary>
    /// Files from this size are written directly; smaller ones are copied plainly. A direct write waits for the disk
    /// chunk by chunk, which for a small file takes longer than a plain copy whose pages the kernel writes back on its
    /// own (measured on an LA-sized drop, scale 6: the copy then ended 0.17–0.28 s after the computing, against 0.0 s),
    /// and what the direct writes protect, the partition slices in the page cache, is only at stake for the gigabytes
    /// of a split drop. At national scale the files under it add up to ~100 MB.
    /// </summary>
    internal const long DirectFrom = 64L << 20;

    /// <summary>Disk blocks a direct write must be aligned to: the largest logical block size in use.</summary>
    internal const int Align = 4096;

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/>, which must not exist yet.</summary>
    /// <param name="chunk">Bytes per chunk, a whole number of <see cref="Align"/> blocks (<see cref="Chunk"/>; tests pass a small one).</param>
    public static void Copy(string source, string target, CancellationToken ct, int chunk = Chunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, Align);
        if (chunk % Align != 0) throw new ArgumentOutOfRangeException(nameof(chunk), chunk, $"a chunk is a whole number of {Align}-byte blocks");
        ct.ThrowIfCancellationRequested(); // the plain copy cannot be stopped once started
        using var background = Common.BackgroundIo.Lower();
        if (OperatingSystem.IsLinux() && new FileInfo(source).Length >= DirectFrom && TryCopyDirect(source, target, chunk, ct)) return;
        File.Copy(source, target, overwrite: false);
        using var file = new FileStream(target, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        file.Flush(flushToDisk: true);
    }

    /// <summary>
    /// The Linux copy (see the class summary). False, with no target left behind, where direct writes are refused
    /// (tmpfs before Linux 6.6, some network filesystems, an architecture whose <c>O_DIRECT</c> is not known here);
    /// the caller then copies plainly.
    /// </summary>
    internal static unsafe bool TryCopyDirect(string source, string target, int chunk, CancellationToken ct)
    {
        if (LinuxFileCalls.ODirect is not { } oDirect) return false;
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(input);
        // Preallocated: the disk blocks are found once, and a full disk fails here, before any writing.
        var output = File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, preallocationSize: length);
        var size = (int)Math.Min(chunk, Math.Max(Align, RoundUp(length)));
        var memory = NativeMemory.AlignedAlloc((nuint)size, Align);
        try
        {
            int inFd = Fd(input), outFd = Fd(output);
            var flags = LinuxFileCalls.fcntl(outFd, LinuxFileCalls.FGetFl, 0);
            if (flags < 0 || LinuxFileCalls.fcntl(outFd, LinuxFileCalls.FSetFl, flags | oDirect) < 0) return Abandon(output, target);
            var buffer = new Span<byte>(memory, size);
            long done = 0;
            while (done < length)
            {
                ct.ThrowIfCancellationRequested();
                var want = (int)Math.Min(size, length - done);
                try
                {
                    var whole = want % Align == 0;
                    if (!whole || !TryWriteMapped(inFd, output, done, want))
                    {
                        WriteThroughBuffer(input, output, buffer, done, want, source);
                        // A whole chunk the mapping could not write went through the buffer: the mapping is refused here.
                        if (whole) MappedWritesRefused = true;
                    }
                }
                catch (IOException e) when (done == 0 && e is not EndOfStreamException)
                {
                    return Abandon(output, target); // the filesystem took the flag but refuses the write
                }
                LinuxFileCalls.posix_fadvise(inFd, done, want, LinuxFileCalls.FadvDontNeed);
                done += want;
            }
            if (LinuxFileCalls.ftruncate(outFd, length) != 0)
                throw new IOException($"cutting {Path.GetFileName(target)} to its length failed (errno {Marshal.GetLastPInvokeError()})");
            // Direct writes skip the cache, not the file's metadata (its size, the blocks it was given): fsync makes those durable.
            if (LinuxFileCalls.fsync(outFd) != 0) throw new IOException($"flushing {Path.GetFileName(target)} failed (errno {Marshal.GetLastPInvokeError()})");
            output.Dispose();
            return true;
        }
        catch
        {
            Abandon(output, target);
            throw;
        }
        finally
        {
            NativeMemory.AlignedFree(memory);
        }
    }

    /// <summary>
    /// Writes source bytes [<paramref name="at"/>, +<paramref name="count"/>) (whole blocks) to the same place in the target
    /// straight from a mapping of the source; false when writes from mappings are known to be refused, the source cannot
    /// be mapped (an offset that is not a whole page, on a system with larger pages) or the write fails (the caller then
    /// writes the chunk from its buffer). The mapping is page-aligned, as a direct write needs.
    /// </summary>
    private static unsafe bool TryWriteMapped(int inFd, SafeFileHandle output, long at, int count)
    {
        if (MappedWritesRefused) return false;
        var map = LinuxFileCalls.mmap(0, (nuint)count, LinuxFileCalls.ProtRead, LinuxFileCalls.MapShared, inFd, at);
        if (map == LinuxFileCalls.MapFailed) return false;
        try
        {
            RandomAccess.Write(output, new ReadOnlySpan<byte>((void*)map, count), at);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        finally
        {
            LinuxFileCalls.munmap(map, (nuint)count); // before the pages are dropped: mapped pages are not
        }
    }

    /// <summary>Set once a whole chunk could not be written from a mapping but could from the buffer: every later chunk of
    /// every copy in this process then goes through the buffer.</summary>
    internal static volatile bool MappedWritesRefused;

    /// <summary>Reads source bytes [<paramref name="at"/>, +<paramref name="count"/>) into the aligned buffer and writes them;
    /// a last partial block is padded with zeros (the file is cut back to its length at the end).</summary>
    private static void WriteThroughBuffer(SafeFileHandle input, SafeFileHandle output, Span<byte> buffer, long at, int count, string source)
    {
        var got = 0;
        while (got < count && RandomAccess.Read(input, buffer[got..count], at + got) is var n and > 0) got += n;
        if (got < count) throw new EndOfStreamException($"{Path.GetFileName(source)} ended before its length ({at + got} of {RandomAccess.GetLength(input)} bytes)");
        var blocks = (int)RoundUp(got);
        buffer[got..blocks].Clear();
        RandomAccess.Write(output, buffer[..blocks], at);
    }

    private static long RoundUp(long bytes) => (bytes + Align - 1) / Align * Align;

    /// <summary>Removes the part-written target (ours: CreateNew made it).</summary>
    private static bool Abandon(SafeFileHandle output, string target)
    {
        output.Dispose();
        File.Delete(target);
        return false;
    }

    private static int Fd(SafeFileHandle handle) => (int)handle.DangerousGetHandle();
}
