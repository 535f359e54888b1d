using System.Security.Cryptography;
using System.Text;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using KpiPipeline.Storage;

namespace KpiPipeline.Tests.Integration;

/// <summary>The ILakeStore contract on Azure Blob Storage (Azurite): the same behaviour the folder lake gives.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobLakeStoreTests(AzuriteFixture azurite)
{
    private async Task<BlobLakeStore> NewStoreAsync(StorageTransferOptions? transfer = null) =>
        new(await azurite.NewContainerAsync("lake"), StorageResilience.Create(), transfer);

    private static async Task<string> ReadTextAsync(BlobLakeStore store, string path)
    {
        await using var s = await store.OpenReadAsync(path);
        Assert.NotNull(s);
        using var reader = new StreamReader(s);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Write_then_read_exists_and_delete_round_trip()
    {
        var store = await NewStoreAsync();
        const string path = "curated/kpi/la_code=343/snapshot_date=2023-05-31/part-00000.parquet";

        Assert.False(await store.ExistsAsync(path));
        Assert.Null(await store.OpenReadAsync(path));

        await store.WriteAsync(path, new MemoryStream("first"u8.ToArray()));
        Assert.True(await store.ExistsAsync(path));
        Assert.Equal("first", await ReadTextAsync(store, path));

        await store.DeleteAsync(path);
        Assert.False(await store.ExistsAsync(path));
        await store.DeleteAsync(path); // deleting a missing object is not an error
    }

    [Fact]
    public async Task Overwrite_replaces_the_object_and_accepts_non_seekable_streams()
    {
        var store = await NewStoreAsync();
        await store.WriteAsync("a/b.txt", new MemoryStream("old content that is longer"u8.ToArray()));
        await store.WriteAsync("a/b.txt", new NonSeekableStream("new"u8.ToArray()));
        Assert.Equal("new", await ReadTextAsync(store, "a/b.txt"));
    }

    [Fact]
    public async Task An_empty_object_can_be_written_and_read()
    {
        var store = await NewStoreAsync();
        await store.WriteAsync("markers/_SUCCESS", new MemoryStream());
        await store.WriteAsync("markers/_EMPTY2", new NonSeekableStream([]));
        Assert.True(await store.ExistsAsync("markers/_SUCCESS"));
        Assert.Equal("", await ReadTextAsync(store, "markers/_SUCCESS"));
        Assert.Equal("", await ReadTextAsync(store, "markers/_EMPTY2"));
    }

    [Fact]
    public async Task List_returns_only_the_prefix_in_ordinal_order_and_skips_directory_markers()
    {
        var store = await NewStoreAsync();
        // Culture-aware order would put "a/b" before "a/B" and "a/_x" elsewhere; ordinal is B < _ < b.
        foreach (var p in new[] { "a/b", "a/B", "a/_x", "a/a/deep.txt", "ab/other", "b/c" })
            await store.WriteAsync(p, new MemoryStream([1]));
        // A hierarchical-namespace account lists directories as empty blobs with hdi_isfolder=true.
        await store.Container.GetBlobClient("a/dir").UploadAsync(BinaryData.Empty,
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["hdi_isfolder"] = "true" } });

        var listed = new List<string>();
        await foreach (var p in store.ListAsync("a/")) listed.Add(p);

        Assert.Equal(["a/B", "a/_x", "a/a/deep.txt", "a/b"], listed);

        var all = new List<string>();
        await foreach (var p in store.ListAsync("")) all.Add(p);
        Assert.Equal(6, all.Count);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a//b")]
    [InlineData("/rooted")]
    [InlineData("a\\b")]
    [InlineData("")]
    public async Task Paths_that_could_escape_or_alias_are_rejected(string path)
    {
        var store = await NewStoreAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(path, new MemoryStream([1])));
    }

    [Fact]
    public async Task A_reader_never_sees_a_half_written_object_during_a_block_upload()
    {
        // Small blocks force Put Block ×N + Put Block List, the path where a non-atomic store would show a mix.
        var store = await NewStoreAsync(new StorageTransferOptions { InitialTransferSize = 256 * 1024, MaximumTransferSize = 256 * 1024, MaximumConcurrency = 2 });
        var a = Enumerable.Repeat((byte)'A', 1536 * 1024).ToArray();
        var b = Enumerable.Repeat((byte)'B', 1024 * 1024).ToArray();
        var valid = new HashSet<string> { Hash(a), Hash(b) };
        await store.WriteAsync("big.bin", new MemoryStream(a));

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 6; i++) await store.WriteAsync("big.bin", new MemoryStream(i % 2 == 0 ? b : a));
            await stop.CancelAsync();
        });
        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            await using var s = await store.OpenReadAsync("big.bin");
            var seen = Hash(((MemoryStream)s!).ToArray());
            Assert.Contains(seen, valid);
            reads++;
        }
        await writer;
        Assert.True(reads > 0);
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
