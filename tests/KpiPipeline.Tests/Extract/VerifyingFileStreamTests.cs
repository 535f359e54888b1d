using System.Security.Cryptography;
using System.Text;
using KpiPipeline.Extract;
using KpiPipeline.Extract.Csv;

namespace KpiPipeline.Tests.Extract;

/// <summary>The single pass that hashes and checks UTF-8 must not depend on where read blocks happen to split.</summary>
public sealed class VerifyingFileStreamTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "kpi-tests", Guid.NewGuid().ToString("N") + ".csv");

    public VerifyingFileStreamTests() => Directory.CreateDirectory(Path.GetDirectoryName(_path)!);

    public void Dispose() => File.Delete(_path);

    private static string ReadAll(string path, int block)
    {
        using var stream = new VerifyingFileStream(path, "f.csv");
        var buffer = new byte[block];
        while (stream.Read(buffer, 0, block) > 0) { }
        return stream.FinishAndGetSha256();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Valid_utf8_passes_whatever_the_block_size_and_the_hash_is_the_files(int block)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("a,é,€,𝄞,ñ\r\n", 50)));
        File.WriteAllBytes(_path, bytes);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), ReadAll(_path, block));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public void Invalid_byte_is_reported_at_its_offset(int block)
    {
        byte[] bytes = [.. "ab€c"u8, 0xC3, 0x28, .. "zz"u8]; // C3 must be followed by a continuation byte
        File.WriteAllBytes(_path, bytes);

        var e = Assert.Throws<DropRejectedException>(() => ReadAll(_path, block));
        Assert.Equal("f.csv: not UTF-8 (looks like Windows-1252 at byte 6)", e.Message);
    }

    [Fact]
    public void Bytes_no_encoding_defines_are_named_by_value()
    {
        File.WriteAllBytes(_path, [.. "abc"u8, 0x81, .. "d"u8]);
        var e = Assert.Throws<DropRejectedException>(() => ReadAll(_path, 4096));
        Assert.Equal("f.csv: not UTF-8 (invalid byte 0x81 at byte 3)", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public void A_file_ending_inside_a_character_is_rejected(int block)
    {
        File.WriteAllBytes(_path, [.. "abc"u8, 0xE2, 0x82]); // first two bytes of €
        var e = Assert.Throws<DropRejectedException>(() => ReadAll(_path, block));
        Assert.Equal("f.csv: not UTF-8 (file ends inside a multi-byte character at byte 3)", e.Message);
    }

    [Fact]
    public void Overlong_and_surrogate_encodings_are_rejected()
    {
        File.WriteAllBytes(_path, [.. "a"u8, 0xED, 0xA0, 0x80]); // an encoded UTF-16 surrogate: not valid UTF-8
        Assert.Throws<DropRejectedException>(() => ReadAll(_path, 2));
        File.WriteAllBytes(_path, [.. "a"u8, 0xC0, 0xAF]); // overlong '/'
        Assert.Throws<DropRejectedException>(() => ReadAll(_path, 2));
    }
}
