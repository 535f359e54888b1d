using System.Text;
using KpiPipeline.Lake;

namespace KpiPipeline.Tests.Lake;

public sealed class FolderLakeStoreTests : IDisposable
{
    private readonly TempLake _lake = new();

    public void Dispose() => _lake.Dispose();

    private static MemoryStream Text(string s) => new(Encoding.UTF8.GetBytes(s));

    private async Task<string?> ReadText(string path)
    {
        await using var stream = await _lake.Store.OpenReadAsync(path);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Write_then_read_replace_and_delete()
    {
        await _lake.Store.WriteAsync("curated/a/x.txt", Text("one"));
        Assert.True(await _lake.Store.ExistsAsync("curated/a/x.txt"));
        Assert.Equal("one", await ReadText("curated/a/x.txt"));

        await _lake.Store.WriteAsync("curated/a/x.txt", Text("two"));
        Assert.Equal("two", await ReadText("curated/a/x.txt"));

        await _lake.Store.DeleteAsync("curated/a/x.txt");
        Assert.False(await _lake.Store.ExistsAsync("curated/a/x.txt"));
        Assert.Null(await _lake.Store.OpenReadAsync("curated/a/x.txt"));
        await _lake.Store.DeleteAsync("curated/a/x.txt"); // deleting a missing object is not an error
        // Emptied folders go too, as in a blob lake; the root stays.
        Assert.False(Directory.Exists(Path.Combine(_lake.Root, "curated")));
        Assert.True(Directory.Exists(_lake.Root));
    }

    [Fact]
    public async Task Writes_leave_no_temporary_files_even_when_the_source_stream_fails()
    {
        await _lake.Store.WriteAsync("raw/343/2023-05-31/a.csv", Text("good"));
        await Assert.ThrowsAsync<IOException>(() => _lake.Store.WriteAsync("raw/343/2023-05-31/a.csv", new FailingStream()));
        // The failed write neither replaced nor damaged the object, and left no temp file behind.
        Assert.Equal("good", await ReadText("raw/343/2023-05-31/a.csv"));
        Assert.Equal(["raw/343/2023-05-31/a.csv"], _lake.AllFiles());
    }

    [Fact]
    public async Task Listing_is_ordinal_prefix_based_and_hides_temporary_files()
    {
        foreach (var p in new[] { "curated/kpi/la_code=343/b.parquet", "curated/kpi/la_code=343/B.parquet", "curated/kpi/la_code=3430/a.parquet",
                                  "curated/kpi/la_code=343/a/z.parquet", "curated/kpi_trend/a.parquet", "raw/x.csv" })
            await _lake.Store.WriteAsync(p, Text(p));
        // A writer's in-flight temp file must never be listed.
        File.WriteAllText(Path.Combine(_lake.Root, "curated", "kpi", "la_code=343", ".b.parquet.123" + FolderLakeStore.TempSuffix), "partial");

        Assert.Equal(
            ["curated/kpi/la_code=343/B.parquet", "curated/kpi/la_code=343/a/z.parquet", "curated/kpi/la_code=343/b.parquet"],
            await _lake.Store.ListAsync("curated/kpi/la_code=343/").ToListAsync());
        // A partial last segment matches like a blob prefix.
        Assert.Equal(
            ["curated/kpi/la_code=343/B.parquet", "curated/kpi/la_code=343/a/z.parquet", "curated/kpi/la_code=343/b.parquet", "curated/kpi/la_code=3430/a.parquet"],
            await _lake.Store.ListAsync("curated/kpi/la_code=343").ToListAsync());
        Assert.Equal(["curated/kpi_trend/a.parquet"], await _lake.Store.ListAsync("curated/kpi_").ToListAsync());
        Assert.Equal(6, (await _lake.Store.ListAsync("").ToListAsync()).Count);
        Assert.Empty(await _lake.Store.ListAsync("nothing/here/").ToListAsync());
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("curated/../../outside.txt")]
    [InlineData("curated/./x.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/x.txt")]
    [InlineData("curated\\..\\x.txt")]
    [InlineData("curated//x.txt")]
    [InlineData("curated/x/")]
    [InlineData("")]
    [InlineData("curated/x\u0000.txt")]
    public async Task Unsafe_paths_are_rejected_by_every_operation(string path)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _lake.Store.WriteAsync(path, Text("x")));
        await Assert.ThrowsAsync<ArgumentException>(() => _lake.Store.OpenReadAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => _lake.Store.ExistsAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => _lake.Store.DeleteAsync(path));
        Assert.Empty(_lake.AllFiles());
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_lake.Root)!, "outside.txt")));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/abs")]
    [InlineData("a/../b")]
    public async Task Unsafe_prefixes_are_rejected(string prefix) =>
        await Assert.ThrowsAsync<ArgumentException>(() => _lake.Store.ListAsync(prefix).ToListAsync().AsTask());

    [Theory]
    [InlineData("343", true)]
    [InlineData("E08000014", true)]
    [InlineData("20230601T011500Z-9f86d081", true)]
    [InlineData("..", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    public void Segments_allow_only_plain_names(string value, bool ok)
    {
        if (ok) Assert.Equal(value, LakePath.Segment(value, "la_code"));
        else Assert.Throws<ArgumentException>(() => LakePath.Segment(value, "la_code"));
    }

    [Fact]
    public async Task Readers_see_old_or_new_content_never_partial_while_a_writer_replaces_the_object()
    {
        var a = new string('a', 200_000);
        var b = new string('b', 200_000);
        await _lake.Store.WriteAsync("curated/big.txt", Text(a));
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++) await _lake.Store.WriteAsync("curated/big.txt", Text(i % 2 == 0 ? b : a));
        });
        var reads = 0;
        while (!writer.IsCompleted)
        {
            var text = await ReadText("curated/big.txt");
            Assert.True(text == a || text == b, $"read a partial object of {text?.Length} chars");
            reads++;
        }
        await writer;
        Assert.True(reads > 0);
    }

    private sealed class FailingStream : Stream
    {
        private int _reads;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_reads++ > 0) throw new IOException("source failed midway");
            buffer[offset] = (byte)'x';
            return 1;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
