using System.Text;
using KpiPipeline.Extract.Partitioning;

namespace KpiPipeline.Tests.Extract;

public sealed class SliceBlocksTests
{
    /// <summary>Writes <paramref name="bytes"/> as blocks of <paramref name="blockSize"/>, as the splitter does.</summary>
    private static byte[] Blocks(byte[] bytes, int blockSize)
    {
        var output = new MemoryStream();
        var block = new byte[SliceBlocks.MaxStored(SliceBlocks.MaxBlock)];
        for (var at = 0; at < bytes.Length; at += blockSize)
        {
            var n = SliceBlocks.Encode(bytes.AsSpan(at, Math.Min(blockSize, bytes.Length - at)), block);
            output.Write(block, 0, n);
        }
        return output.ToArray();
    }

    /// <summary>Reads the blocks back from a stream, or (<paramref name="mapped"/>) from a file as the partition reads do.</summary>
    private static byte[] ReadBack(byte[] blocks, int readSize, bool mapped = false)
    {
        var path = Path.Combine(Path.GetTempPath(), $"slice-{Guid.NewGuid():N}.lz4");
        try
        {
            if (mapped) File.WriteAllBytes(path, blocks);
            using var reader = mapped ? SliceBlocks.Reader.Open(path) : new SliceBlocks.Reader(new MemoryStream(blocks));
            var result = new MemoryStream();
            var buffer = new byte[readSize];
            int n;
            while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) result.Write(buffer, 0, n);
            return result.ToArray();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Csv(int rows) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, rows).Select(i => $"{i + 1},C{i},P{i % 977},2023-0{1 + i % 9}-1{i % 10},\"a, \"\"quoted\"\" value\"\n")));

    [Theory]
    [InlineData(1, SliceBlocks.MaxBlock, 1, false)]
    [InlineData(3_000, SliceBlocks.MaxBlock, 7, false)]        // several full blocks and a short one, read 7 bytes at a time
    [InlineData(3_000, 1_000, 65_536, false)]                  // many small blocks, read in large gulps
    [InlineData(3_000, SliceBlocks.MaxBlock, 100_000, false)]
    [InlineData(3_000, SliceBlocks.MaxBlock, 7, true)]         // mapped: blocks decompressed from the mapping
    [InlineData(3_000, 1_000, 1_500, true)]                    // mapped, reads of one block and a half: decompressed into the buffer
    [InlineData(3_000, SliceBlocks.MaxBlock, 65_536, true)]
    public void Csv_comes_back_byte_for_byte_and_smaller_on_disk(int rows, int blockSize, int readSize, bool mapped)
    {
        var csv = Csv(rows);
        var blocks = Blocks(csv, blockSize);

        Assert.Equal(csv, ReadBack(blocks, readSize, mapped));
        if (rows > 100) Assert.True(blocks.Length < csv.Length / 2, $"{blocks.Length} bytes stored for {csv.Length}");
    }

    [Fact]
    public void Bytes_that_do_not_compress_are_stored_as_they_are()
    {
        var noise = new byte[SliceBlocks.MaxBlock];
        new Random(5).NextBytes(noise);
        var blocks = Blocks(noise, SliceBlocks.MaxBlock);

        Assert.Equal(SliceBlocks.HeaderBytes + noise.Length, blocks.Length); // raw length = stored length: stored as is
        Assert.Equal(noise, ReadBack(blocks, 4096));
    }

    [Fact]
    public void An_empty_slice_reads_as_empty()
    {
        Assert.Empty(ReadBack([], 10));
        Assert.Empty(ReadBack([], 10, mapped: true));
    }

    [Theory]
    [InlineData(3, false)]   // cut inside the header
    [InlineData(20, false)]  // cut inside the block
    [InlineData(3, true)]
    [InlineData(20, true)]
    public void A_truncated_slice_is_an_error_not_short_data(int keep, bool mapped)
    {
        var blocks = Blocks(Csv(50), SliceBlocks.MaxBlock)[..keep];
        Assert.ThrowsAny<Exception>(() => ReadBack(blocks, 100, mapped));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_damaged_header_is_an_error(bool mapped)
    {
        var blocks = Blocks(Csv(50), SliceBlocks.MaxBlock);
        blocks[4] = 0xFF; // stored length far beyond the raw length
        blocks[5] = 0xFF;
        var e = Assert.Throws<InvalidDataException>(() => ReadBack(blocks, 100, mapped));
        Assert.Contains("block header", e.Message);
    }

    [Fact]
    public void A_block_is_one_to_64_KiB() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SliceBlocks.Encode([], new byte[SliceBlocks.MaxStored(1)]));
}
