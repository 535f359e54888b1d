using KpiPipeline.Lake;

namespace KpiPipeline.Tests.Lake;

public sealed class UncachedFileCopyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kpi-copy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1_000_003)] // files this small are copied plainly; the direct copy is tested below
    public void The_copy_has_the_same_bytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var source = Path.Combine(_folder, "in.csv");
        var target = Path.Combine(_folder, "out.csv");
        File.WriteAllBytes(source, bytes);

        UncachedFileCopy.Copy(source, target, CancellationToken.None);

        Assert.Equal(bytes, File.ReadAllBytes(target));
        Assert.Equal(bytes, File.ReadAllBytes(source)); // the source is only read
    }

    [Theory]
    [InlineData(0, 4096)]          // empty: no chunk at all
    [InlineData(1, 4096)]          // one byte, padded to a block and cut back
    [InlineData(4095, 4096)]
    [InlineData(4096, 4096)]
    [InlineData(4097, 8192)]       // a whole block and a padded one
    [InlineData(12_288, 4096)]     // exactly three chunks
    [InlineData(1_000_003, 65_536)] // whole chunks (written from the mapping) and a ragged tail (through the buffer)
    [InlineData(1_000_003, UncachedFileCopy.Chunk)] // one chunk, the default size
    public void The_direct_copy_writes_exactly_the_source_bytes_or_declines_leaving_nothing(int length, int chunk)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var source = Path.Combine(_folder, "in.csv");
        var target = Path.Combine(_folder, "out.csv");
        File.WriteAllBytes(source, bytes);

        if (OperatingSystem.IsLinux() && UncachedFileCopy.TryCopyDirect(source, target, chunk, CancellationToken.None))
        {
            Assert.Equal(bytes, File.ReadAllBytes(target)); // the padding of the last block is cut off again
            Assert.False(UncachedFileCopy.MappedWritesRefused); // whole chunks were written from the source's mapping
        }
        else
            Assert.False(File.Exists(target)); // declined (not Linux, or a filesystem without direct writes): nothing left behind
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(4096 + 512)]
    public void A_chunk_must_be_whole_blocks(int chunk)
    {
        var source = Path.Combine(_folder, "in.csv");
        File.WriteAllText(source, "x");
        Assert.Throws<ArgumentOutOfRangeException>(() => UncachedFileCopy.Copy(source, Path.Combine(_folder, "out.csv"), CancellationToken.None, chunk));
    }

    [Fact]
    public void An_existing_target_is_not_overwritten()
    {
        var source = Path.Combine(_folder, "in.csv");
        var target = Path.Combine(_folder, "out.csv");
        File.WriteAllText(source, "new");
        File.WriteAllText(target, "old");

        Assert.ThrowsAny<IOException>(() => UncachedFileCopy.Copy(source, target, CancellationToken.None));
        Assert.Equal("old", File.ReadAllText(target));
    }

    private static readonly CancellationToken Cancelled = new(canceled: true);

    /// <summary>A 10,000-byte source and the path of a target that does not exist yet.</summary>
    private (string Source, string Target) SourceAndTarget()
    {
        var source = Path.Combine(_folder, "in.csv");
        File.WriteAllBytes(source, new byte[10_000]);
        return (source, Path.Combine(_folder, "out.csv"));
    }

    [Fact]
    public void A_cancelled_copy_stops_and_leaves_no_target()
    {
        var (source, target) = SourceAndTarget();

        Assert.ThrowsAny<OperationCanceledException>(() => UncachedFileCopy.Copy(source, target, Cancelled, chunk: 4096));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void A_cancelled_direct_copy_stops_and_leaves_no_target()
    {
        var (source, target) = SourceAndTarget();

        try
        {
            // False only where direct writes are refused, before the copying starts.
            Assert.False(OperatingSystem.IsLinux() && UncachedFileCopy.TryCopyDirect(source, target, chunk: 4096, Cancelled));
        }
        catch (OperationCanceledException)
        {
        }
        Assert.False(File.Exists(target)); // the target it had created is removed
    }
}

public sealed class PageCacheTests
{
    [Fact]
    public void Evicting_a_file_leaves_its_bytes_alone()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "pers_person_id\n1\n");
            Assert.Equal(OperatingSystem.IsLinux(), PageCache.TryEvict(path));
            Assert.Equal("pers_person_id\n1\n", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
