using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace KpiPipeline.Lake;

/// <summary>
/// Copies a file to a new file, in the kernel and without leaving either in the page cache.
/// <para>Why: the raw zone receives a copy of every drop file (8 GB at national scale) while the partitions are read.
/// A plain copy leaves 8 GB of source and target pages cached, and the kernel makes room for them by dropping the
/// partition slices the run is about to read, which then come back from disk (measured: 5 GB re-read, and the
/// partition reads starved while the copy ran). Here the file is copied in chunks (<c>copy_file_range</c>); each chunk
/// is written to disk as the next is copied, then its pages are dropped from the cache (<c>posix_fadvise</c>
/// DONTNEED) on both sides. The target is on disk when this returns.</para>
/// <para>The copy runs at idle disk priority (<see cref="Common.BackgroundIo"/>): the partition reads, which the computing
/// waits for, go first; the copy still ends well before the computing does (measured at national scale).</para>
/// <para>Linux only; elsewhere (and if the kernel refuses a call) it falls back to <see cref="File.Copy(string, string)"/>
/// and a flush, which is correct, only kinder to the cache.</para>
/// </summary>
internal static class UncachedFileCopy
{
    /// <summary>Bytes per chunk: large enough for few system calls, small enough that little is cached at once.</summary>
    internal const long Chunk = 32L << 20;

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/>, which must not exist yet.</summary>
    /// <param name="chunk">Bytes per chunk (<see cref="Chunk"/>; tests pass a small one).</param>
    public static void Copy(string source, string target, CancellationToken ct, long chunk = Chunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        using var background = Common.BackgroundIo.Lower();
        if (!OperatingSystem.IsLinux() || !TryCopyLinux(source, target, chunk, ct))
        {
            File.Copy(source, target, overwrite: false);
            using var file = new FileStream(target, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>False (before writing anything that matters) when the kernel lacks a call; the caller then copies plainly.</summary>
    private static bool TryCopyLinux(string source, string target, long chunk, CancellationToken ct)
    {
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var output = File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        try
        {
            var length = RandomAccess.GetLength(input);
            int inFd = Fd(input), outFd = Fd(output);
            long done = 0, flushed = 0;
            while (done < length)
            {
                ct.ThrowIfCancellationRequested();
                long inOffset = done, outOffset = done;
                var n = LinuxFileCalls.copy_file_range(inFd, ref inOffset, outFd, ref outOffset, (nuint)Math.Min(chunk, length - done), 0);
                if (n < 0)
                {
                    if (done == 0 && Marshal.GetLastPInvokeError() is LinuxFileCalls.ENOSYS or LinuxFileCalls.EXDEV or LinuxFileCalls.EINVAL or LinuxFileCalls.EOPNOTSUPP)
                    {
                        output.Dispose();
                        File.Delete(target);
                        return false;
                    }
                    throw new IOException($"copying to {Path.GetFileName(target)} failed (errno {Marshal.GetLastPInvokeError()})");
                }
                if (n == 0) throw new IOException($"{Path.GetFileName(source)} ended before its length ({done} of {length} bytes)");
                // Start writing this chunk, then wait for the one before (already under way) and drop both files' pages for it.
                LinuxFileCalls.sync_file_range(outFd, done, n, LinuxFileCalls.SyncWrite);
                Release(inFd, outFd, flushed, done - flushed);
                flushed = done;
                done += n;
            }
            Release(inFd, outFd, flushed, done - flushed);
            if (LinuxFileCalls.fsync(outFd) != 0) throw new IOException($"flushing {Path.GetFileName(target)} failed (errno {Marshal.GetLastPInvokeError()})");
            return true;
        }
        catch
        {
            output.Dispose();
            File.Delete(target); // ours: CreateNew made it
            throw;
        }
    }

    private static void Release(int inFd, int outFd, long offset, long length)
    {
        if (length <= 0) return;
        LinuxFileCalls.sync_file_range(outFd, offset, length, LinuxFileCalls.SyncWaitAll);
        LinuxFileCalls.posix_fadvise(outFd, offset, length, LinuxFileCalls.FadvDontNeed);
        LinuxFileCalls.posix_fadvise(inFd, offset, length, LinuxFileCalls.FadvDontNeed);
    }

    private static int Fd(SafeFileHandle handle) => (int)handle.DangerousGetHandle();
}
