using KpiPipeline.Extract.Partitioning;

namespace KpiPipeline.Tests.Extract;

public sealed class SliceDeleterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kpi-slices-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

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
