using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace KpiPipeline.Extract.Csv;

/// <summary>
/// Checks a drop file's bytes as they go past, in file order and in pieces of any size: it hashes them (SHA-256, for
/// the manifest check) and validates that they are UTF-8. Validation happens on the bytes, before any decoding,
/// because a decoder silently turns bad bytes into U+FFFD: a Windows-1252 file would otherwise load with mangled text
/// instead of failing with a clear reason. A UTF-8 sequence split across two pieces is carried over and checked when
/// its remaining bytes arrive. Used by <see cref="VerifyingFileStream"/> and by the split pass's mapped reads.
/// </summary>
internal sealed class DropBytesVerifier(string fileName) : IDisposable
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _pending = new byte[4]; // an incomplete UTF-8 sequence at the end of the last piece
    private int _pendingLength;
    private long _pendingStart;

    /// <summary>Bytes checked so far: the file offset of the next piece.</summary>
    public long Position { get; private set; }

    /// <summary>Hashes and validates the next piece of the file.</summary>
    public void Append(ReadOnlySpan<byte> piece)
    {
        _sha.AppendData(piece);
        Validate(piece);
        Position += piece.Length;
    }

    /// <summary>Call at the end of the file: fails if the file ends inside a character.</summary>
    public void EndOfFile()
    {
        if (_pendingLength > 0) throw NotUtf8(_pendingStart, _pending[0], truncated: true);
    }

    /// <summary>Call at the end of the file: <see cref="EndOfFile"/>, then the lower-case hex SHA-256 of every byte appended.</summary>
    public string Finish()
    {
        EndOfFile();
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
            if (_pendingLength < expected) return; // still incomplete: a tiny piece
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
            throw NotUtf8(Position + start + bad, body[bad], truncated: false);
        }
        if (tail > 0)
        {
            rest[^tail..].CopyTo(_pending);
            _pendingLength = tail;
            _pendingStart = Position + chunk.Length - tail;
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
        return new DropRejectedException(fileName, DropRules.NotUtf8, $"{fileName}: not UTF-8 ({detail})");
    }

    public void Dispose() => _sha.Dispose();
}
