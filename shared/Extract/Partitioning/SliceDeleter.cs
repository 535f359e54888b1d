using System.Collections.Concurrent;
using KpiPipeline.Common;

namespace KpiPipeline.Extract.Partitioning;

/// <summary>
/// Deletes partition slice files once they are read, on a thread of its own at idle disk priority (<see cref="BackgroundIo"/>).
/// <para>Why not in the read: deleting a file can wait on the disk. On a filesystem mounted with <c>discard</c>, as cloud
/// VMs' often are, ext4 discards a deleted file's blocks before unlink returns; behind the raw copy's writes that took
/// seconds, and the partition read (and so the computing waiting for it) stood still. Measured on a national drop, with
/// the raw copy at idle priority too: I/O wait fell from 13–21 core-seconds to 3–7 (docs/performance.md, sixth round).</para>
/// </summary>
internal sealed class SliceDeleter : IDisposable
{
    private readonly BlockingCollection<string> _queue = new();
    private readonly Thread _thread;
    private int _disposed;

    public SliceDeleter()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "slice deleter" };
        _thread.Start();
    }

    /// <summary>Queues a file for deletion (a missing file, or one that cannot be deleted, is left to the scratch folder's removal).</summary>
    public void Delete(string path)
    {
        try { _queue.Add(path); }
        catch (InvalidOperationException) { /* disposed: the scratch folder's removal takes the file */ }
    }

    /// <summary>Deletes what is queued, then returns: the scratch folder can then be removed without racing the deleter.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }

    private void Run()
    {
        using var _ = BackgroundIo.Lower();
        foreach (var path in _queue.GetConsumingEnumerable())
        {
            try { File.Delete(path); }
            catch (IOException) { /* scratch space: removed with the folder, or by the OS temp cleaner */ }
            catch (UnauthorizedAccessException) { }
        }
    }
}
