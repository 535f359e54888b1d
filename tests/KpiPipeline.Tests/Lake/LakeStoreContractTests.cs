using System.Text;
using KpiPipeline.Lake;

namespace KpiPipeline.Tests.Lake;

/// <summary>
/// What every <see cref="ILakeStore"/> must do, whatever its backing: the publisher, raw zone and
/// run table rely on exactly these behaviours. Subclass it with a store over an empty lake
/// (the folder lake below; the blob lake's tests can do the same against Azurite).
/// </summary>
public abstract class LakeStoreContractTests
{
    /// <summary>A store over an empty lake, owned by the test class.</summary>
    protected abstract ILakeStore Store { get; }

    protected static MemoryStream Text(string s) => new(Encoding.UTF8.GetBytes(s));

    protected async Task<string?> ReadText(string path)
    {
        await using var stream = await Store.OpenReadAsync(path);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Write_read_replace_and_delete_one_object()
    {
        Assert.False(await Store.ExistsAsync("curated/a/x.txt"));
        Assert.Null(await Store.OpenReadAsync("curated/a/x.txt"));

        await Store.WriteAsync("curated/a/x.txt", Text("one"));
        Assert.True(await Store.ExistsAsync("curated/a/x.txt"));
        Assert.Equal("one", await ReadText("curated/a/x.txt"));

        await Store.WriteAsync("curated/a/x.txt", Text("two"));
        Assert.Equal("two", await ReadText("curated/a/x.txt"));

        await Store.DeleteAsync("curated/a/x.txt");
        Assert.False(await Store.ExistsAsync("curated/a/x.txt"));
        Assert.Null(await Store.OpenReadAsync("curated/a/x.txt"));
        await Store.DeleteAsync("curated/a/x.txt");   // deleting a missing object is not an error
        await Store.DeleteAsync("never/was/here.txt"); // nor is one whose "folder" never existed
        Assert.Empty(await Store.ListAsync("").ToListAsync());
    }

    [Fact]
    public async Task Writes_from_the_current_position_of_any_stream_and_leave_it_open()
    {
        var content = Text("skip-this|keep-this");
        content.Position = "skip-this|".Length;
        await Store.WriteAsync("raw/343/2023-05-31/a.csv", content);
        Assert.Equal("keep-this", await ReadText("raw/343/2023-05-31/a.csv"));
        Assert.True(content.CanRead); // the caller owns the stream
    }

    [Fact]
    public async Task A_local_file_is_written_whole_and_replaces_the_object()
    {
        var local = Path.GetTempFileName();
        try
        {
            var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray(); // more than one copy chunk
            await File.WriteAllBytesAsync(local, bytes);
            await Store.WriteAsync("raw/343/2023-05-31/b.csv", Text("old"));
            await Store.WriteFileAsync("raw/343/2023-05-31/b.csv", local);

            await using var read = (await Store.OpenReadAsync("raw/343/2023-05-31/b.csv"))!;
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
            Assert.Equal(["raw/343/2023-05-31/b.csv"], await Store.ListAsync("raw/").ToListAsync());
        }
        finally
        {
            File.Delete(local);
        }
    }

    [Fact]
    public async Task Listing_is_by_string_prefix_in_ordinal_order()
    {
        foreach (var p in new[] { "curated/kpi/la_code=343/b.parquet", "curated/kpi/la_code=343/B.parquet", "curated/kpi/la_code=3430/a.parquet",
                                  "curated/kpi/la_code=343/a/z.parquet", "curated/kpi_trend/a.parquet", "raw/x.csv" })
            await Store.WriteAsync(p, Text(p));

        Assert.Equal(
            ["curated/kpi/la_code=343/B.parquet", "curated/kpi/la_code=343/a/z.parquet", "curated/kpi/la_code=343/b.parquet"],
            await Store.ListAsync("curated/kpi/la_code=343/").ToListAsync());
        // A partial last segment matches like a blob prefix.
        Assert.Equal(
            ["curated/kpi/la_code=343/B.parquet", "curated/kpi/la_code=343/a/z.parquet", "curated/kpi/la_code=343/b.parquet", "curated/kpi/la_code=3430/a.parquet"],
            await Store.ListAsync("curated/kpi/la_code=343").ToListAsync());
        Assert.Equal(["curated/kpi_trend/a.parquet"], await Store.ListAsync("curated/kpi_").ToListAsync());
        Assert.Equal(6, (await Store.ListAsync("").ToListAsync()).Count);
        Assert.Empty(await Store.ListAsync("nothing/here/").ToListAsync());
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
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(path, Text("x")));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ExistsAsync(path));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(path));
        Assert.Empty(await Store.ListAsync("").ToListAsync());
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/abs")]
    [InlineData("a/../b")]
    public async Task Unsafe_prefixes_are_rejected(string prefix) =>
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ListAsync(prefix).ToListAsync().AsTask());
}
