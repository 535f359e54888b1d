using System.Security.Cryptography;

namespace KpiPipeline.Lake;

/// <summary>SHA-256 as lower-case hex, the form used by drop manifests and the snapshot commit record.</summary>
public static class LakeHash
{
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Hashes a stream from its current position to the end.</summary>
    public static async Task<string> Sha256HexAsync(Stream stream, CancellationToken ct = default) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));

    /// <summary>Hashes a lake object, or returns null when it does not exist.</summary>
    public static async Task<string?> Sha256HexAsync(ILakeStore lake, string path, CancellationToken ct = default)
    {
        await using var stream = await lake.OpenReadAsync(path, ct);
        return stream is null ? null : await Sha256HexAsync(stream, ct);
    }
}
