using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace KpiPipeline.Extract.Csv;

/// <summary>
/// A forward-only read stream over a drop file that, in the same single pass the CSV parser makes,
/// hashes every byte (SHA-256, for the manifest check) and validates that the bytes are UTF-8.
/// Validation happens here, before decoding, because a decoder silently turns bad bytes into U+FFFD:
/// a Windows-1252 file would otherwise load with mangled text instead of failing with a clear reason.
/// A UTF-8 sequence split across two reads is carried over and checked when its remaining bytes arrive.
/// </summary>
internal sealed class VerifyingFileStream : ForwardReadStream
{
    private readonly Stream _inner;
    private readonly string _fileName;
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _pending = new byte[4]; // an incomplete UTF-8 sequence at the end of the last read
    private int _pendingLength;
    private long _pendingStart;
    private long _position;
    private bool _eof;

    private readonly bool _verify;

    /// <param name="verify">False for a file this process wrote from bytes it already verified (a partition slice):
    /// it is then read as is, without hashing or UTF-8 checks.</param>
    public VerifyingFileStream(string path, string fileName, bool verify = true)
        : this(OpenFile(path), fileName, verify)
    {
    }

    /// <summary>Over bytes that come from <paramref name="inner"/> (a decompressing stream, say), which this disposes.</summary>
    public VerifyingFileStream(Stream inner, string fileName, bool verify)
    {
        _fileName = fileName;
        _verify = verify;
        _inner = inner;
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
            if (_pendingLength > 0) throw NotUtf8(_pendingStart, _pending[0], truncated: true);
            return 0;
        }
        var chunk = buffer[..n];
        if (_verify)
        {
            _sha.AppendData(chunk);
            Validate(chunk);
        }
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
        return Convert.ToHexStringLower(_sha.GetHashAndReset());
    }

    private void Validate(ReadOnlySpan<byte> chunk)
    {
        var start = 0;
        if (_pendingLength > 0)
        {
            var expected = SequenceLength(_pending[0]);
            var take = Math.Min(expected - _pendingLength, chunk.Length);
            chunk[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            start = take;
            if (_pendingLength < expected) return; // still incomplete: a tiny read
            if (Rune.DecodeFromUtf8(_pending.AsSpan(0, _pendingLength), out _, out var consumed) != System.Buffers.OperationStatus.Done
                || consumed != _pendingLength)
                throw NotUtf8(_pendingStart, _pending[0], truncated: false);
            _pendingLength = 0;
        }

        var rest = chunk[start..];
        var tail = IncompleteTailLength(rest);
        var body = rest[..^tail];
        if (!Utf8.IsValid(body))
        {
            var bad = FirstInvalidIndex(body);
            throw NotUtf8(_position + start + bad, body[bad], truncated: false);
        }
        if (tail > 0)
        {
            rest[^tail..].CopyTo(_pending);
            _pendingLength = tail;
            _pendingStart = _position + chunk.Length - tail;
        }
    }

    // Length of a UTF-8 sequence that starts at the end of `s` but needs more bytes than `s` holds (0..3).
    private static int IncompleteTailLength(ReadOnlySpan<byte> s)
    {
        for (var k = 1; k <= 3 && k <= s.Length; k++)
        {
            var b = s[^k];
            if (b is >= 0x80 and <= 0xBF) continue; // continuation byte: keep looking for the lead byte
            if (b < 0x80) return 0;
            var expected = SequenceLength(b);
            return expected > k ? k : 0;
        }
        return 0;
    }

    // 0 for bytes that can never start a sequence (validation then reports them).
    private static int SequenceLength(byte lead) => lead switch
    {
        < 0x80 => 1,
        >= 0xC2 and <= 0xDF => 2,
        >= 0xE0 and <= 0xEF => 3,
        >= 0xF0 and <= 0xF4 => 4,
        _ => 0,
    };

    private static int FirstInvalidIndex(ReadOnlySpan<byte> s)
    {
        var i = 0;
        while (i < s.Length)
        {
            var status = Rune.DecodeFromUtf8(s[i..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done) return i;
            i += consumed;
        }
        return Math.Max(0, s.Length - 1);
    }

    private DropRejectedException NotUtf8(long offset, byte value, bool truncated)
    {
        string detail;
        if (offset == 0 && value is 0xFF or 0xFE)
            detail = "looks like UTF-16: byte-order mark at byte 0";
        else if (truncated)
            detail = $"file ends inside a multi-byte character at byte {offset}";
        else if (value >= 0x80 && value is not (0x81 or 0x8D or 0x8F or 0x90 or 0x9D))
            detail = $"looks like Windows-1252 at byte {offset}"; // a byte Windows-1252 defines, invalid where it stands in UTF-8
        else
            detail = $"invalid byte 0x{value:X2} at byte {offset}";
        return new DropRejectedException(_fileName, DropRules.NotUtf8, $"{_fileName}: not UTF-8 ({detail})");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _sha.Dispose();
        }
        base.Dispose(disposing);
    }
}
