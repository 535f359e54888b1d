using System.Buffers;

namespace KpiPipeline.Extract.Csv;

/// <summary>
/// A forward-only read stream over a drop file that, in the same single pass the CSV parser makes, hashes every
/// byte and validates that the bytes are UTF-8 (<see cref="DropBytesVerifier"/>).
/// </summary>
internal sealed class VerifyingFileStream : ForwardReadStream
{
    private readonly Stream _inner;
    private readonly DropBytesVerifier _verifier;
    private readonly bool _verify;
    private long _position;
    private bool _eof;

    /// <param name="verify">False for a file this process wrote from bytes it already verified (a partition slice):
    /// it is then read as is, without hashing or UTF-8 checks.</param>
    public VerifyingFileStream(string path, string fileName, bool verify = true)
        : this(OpenFile(path), fileName, verify)
    {
    }

    /// <summary>Over bytes that come from <paramref name="inner"/> (a decompressing stream, say), which this disposes.</summary>
    public VerifyingFileStream(Stream inner, string fileName, bool verify)
    {
        _inner = inner;
        _verifier = new DropBytesVerifier(fileName);
        _verify = verify;
    }

    // No FileStream buffer: the StreamReader above asks for large blocks, which go straight to the OS.
    internal static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        if (_eof) return 0;
        var n = _inner.Read(buffer);
        if (n == 0)
        {
            _eof = true;
            _verifier.EndOfFile();
            return 0;
        }
        if (_verify) _verifier.Append(buffer[..n]);
        _position += n;
        return n;
    }

    /// <summary>Reads whatever the parser left unread (normally nothing) and returns the lower-case hex SHA-256.</summary>
    public string FinishAndGetSha256()
    {
        var scratch = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            while (Read(scratch) > 0) { }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
        return _verifier.Finish(); // a stream that does not verify gives the hash of no bytes
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _verifier.Dispose();
        }
        base.Dispose(disposing);
    }
}
