using KpiPipeline.Common;

namespace KpiPipeline.Tests.Extract;

public sealed class BackgroundIoTests
{
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
}
