using KpiPipeline.Lake;

namespace KpiPipeline.Tests.Lake;

/// <summary>The shared store contract on the folder lake, plus what only a folder can show.</summary>
public sealed class FolderLakeStoreTests : LakeStoreContractTests, IDisposable
{
    private readonly TempLake _lake = new();

    protected override ILakeStore Store => _lake.Store;

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task Deleting_the_last_object_removes_emptied_folders_but_not_the_root()
    {
        await Store.WriteAsync("curated/a/b/x.txt", Text("x"));
        await Store.WriteAsync("curated/y.txt", Text("y"));
        await Store.DeleteAsync("curated/a/b/x.txt");
        Assert.False(Directory.Exists(Path.Combine(_lake.Root, "curated", "a")));
        Assert.True(Directory.Exists(Path.Combine(_lake.Root, "curated")));
        await Store.DeleteAsync("curated/y.txt");
        Assert.False(Directory.Exists(Path.Combine(_lake.Root, "curated")));
        Assert.True(Directory.Exists(_lake.Root));
    }

    [Fact]
    public async Task A_failed_write_leaves_the_old_object_and_no_temporary_file()
    {
        await Store.WriteAsync("raw/343/2023-05-31/a.csv", Text("good"));
        await Assert.ThrowsAsync<IOException>(() => Store.WriteAsync("raw/343/2023-05-31/a.csv", new FailingStream()));
        Assert.Equal("good", await ReadText("raw/343/2023-05-31/a.csv"));
        Assert.Equal(["raw/343/2023-05-31/a.csv"], _lake.AllFiles());
    }

    [Fact]
    public async Task A_failed_file_copy_leaves_the_old_object_and_no_temporary_file()
    {
        await Store.WriteAsync("raw/343/2023-05-31/a.csv", Text("good"));
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.WriteFileAsync("raw/343/2023-05-31/a.csv", Path.Combine(_lake.Root, "no-such-file.csv")));
        Assert.Equal("good", await ReadText("raw/343/2023-05-31/a.csv"));
        Assert.Equal(["raw/343/2023-05-31/a.csv"], _lake.AllFiles());
    }

    [Fact]
    public async Task In_flight_temporary_files_are_never_listed()
    {
        await Store.WriteAsync("curated/kpi/b.parquet", Text("b"));
        File.WriteAllText(Path.Combine(_lake.Root, "curated", "kpi", ".b.parquet.123" + FolderLakeStore.TempSuffix), "partial");
        Assert.Equal(["curated/kpi/b.parquet"], await Store.ListAsync("curated/").ToListAsync());
    }

    [Fact]
    public async Task Nothing_is_written_outside_the_root()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync("../outside.txt", Text("x")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_lake.Root)!, "outside.txt")));
        Assert.Empty(_lake.AllFiles());
    }

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
        await Store.WriteAsync("curated/big.txt", Text(a));
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++) await Store.WriteAsync("curated/big.txt", Text(i % 2 == 0 ? b : a));
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
