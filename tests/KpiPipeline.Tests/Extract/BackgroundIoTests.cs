using KpiPipeline.Common;
using KpiPipeline.Extract.Partitioning;

namespace KpiPipeline.Tests.Extract;

public sealed class BackgroundIoTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kpi-bgio-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Lower_puts_the_thread_in_the_idle_class_and_restores_it()
    {
        if (!OperatingSystem.IsLinux()) return; // elsewhere it is a no-op by design
        // On a thread of its own: the priority is per thread, and a failure must not leave a test runner's thread lowered.
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var before = BackgroundIo.CurrentClass();
                Assert.NotEqual(3, before);
                using (BackgroundIo.Lower()) Assert.Equal(3, BackgroundIo.CurrentClass());
                Assert.Equal(before, BackgroundIo.CurrentClass());
            }
            catch (Exception e) { failure = e; }
        });
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }

    [Fact]
    public void Slice_deleter_has_deleted_every_queued_file_when_disposed()
    {
        var files = Enumerable.Range(0, 50).Select(i => Path.Combine(_folder, $"s{i}")).ToList();
        foreach (var f in files) File.WriteAllBytes(f, new byte[100]);
        var deleter = new SliceDeleter();
        Parallel.ForEach(files, deleter.Delete); // partitions are read two at a time
        deleter.Delete(Path.Combine(_folder, "missing")); // already gone: not an error
        deleter.Dispose();
        Assert.Empty(Directory.EnumerateFiles(_folder));
        deleter.Dispose(); // twice is harmless
        deleter.Delete(files[0]); // after disposal: ignored, not thrown
    }
}
