using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace KpiPipeline.Extract.Partitioning;

/// <summary>
/// The block format of partition slice files: the slice's bytes in blocks of up to <see cref="MaxBlock"/>, each
/// LZ4-compressed (the fast level) unless that would not make it smaller, each behind an 8-byte header:
/// <c>[int32 raw length][int32 stored length]</c>, little-endian; a stored length equal to the raw length means the
/// block is stored as is.
/// <para>Why: a national drop's slices are ~9 GB, written once and read once; the disk, not the CPU, limited the split
/// (measured: writes stalled for seconds at a time). CSV compresses about 3.3× with LZ4, which costs ~2 ns a byte
/// to compress and well under 1 to decompress. The slices are scratch files of this process, never seen by
/// anyone else, so the format is ours to choose. (K4os.Compression.LZ4 is the LZ4 that Parquet.Net already uses.)</para>
/// </summary>
internal static class SliceBlocks
{
    public const int MaxBlock = 1 << 16;
    public const int HeaderBytes = 8;

    /// <summary>The largest stored form of a block of <paramref name="raw"/> bytes, header included.</summary>
    public static int MaxStored(int raw) => HeaderBytes + Math.Max(raw, LZ4Codec.MaximumOutputSize(raw));

    /// <summary>Writes <paramref name="raw"/> (at most <see cref="MaxBlock"/> bytes) as one block into <paramref name="output"/>; returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> raw, Span<byte> output)
    {
        if (raw.Length is 0 or > MaxBlock) throw new ArgumentOutOfRangeException(nameof(raw), raw.Length, "a block holds 1 to 64 KiB");
        var body = output[HeaderBytes..];
        var packed = LZ4Codec.Encode(raw, body, LZ4Level.L00_FAST);
        if (packed <= 0 || packed >= raw.Length)
        {
            raw.CopyTo(body);
            packed = raw.Length;
        }
        BinaryPrimitives.WriteInt32LittleEndian(output, raw.Length);
        BinaryPrimitives.WriteInt32LittleEndian(output[4..], packed);
        return HeaderBytes + packed;
    }

    /// <summary>A read stream giving back the bytes of a file written as blocks.</summary>
    public sealed class Reader(Stream blocks) : Csv.ForwardReadStream
    {
        private readonly byte[] _stored = new byte[MaxStored(MaxBlock)];
        private readonly byte[] _raw = new byte[MaxBlock];
        private readonly byte[] _header = new byte[HeaderBytes];
        private int _at;
        private int _length;
        private long _position;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(Span<byte> buffer)
        {
            if (_at == _length && !NextBlock()) return 0;
            var n = Math.Min(buffer.Length, _length - _at);
            _raw.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            _position += n;
            return n;
        }

        private bool NextBlock()
        {
            var got = blocks.ReadAtLeast(_header, HeaderBytes, throwOnEndOfStream: false);
            if (got == 0) return false;
            if (got < HeaderBytes) throw Corrupt("ends inside a block header");
            var raw = BinaryPrimitives.ReadInt32LittleEndian(_header);
            var stored = BinaryPrimitives.ReadInt32LittleEndian(_header.AsSpan(4));
            if (raw is <= 0 or > MaxBlock || stored <= 0 || stored > raw) throw Corrupt($"has a block header of {raw} and {stored} bytes");
            blocks.ReadExactly(_stored, 0, stored);
            if (stored == raw) _stored.AsSpan(0, raw).CopyTo(_raw);
            else if (LZ4Codec.Decode(_stored.AsSpan(0, stored), _raw.AsSpan(0, raw)) != raw) throw Corrupt("has a block that does not decompress");
            _at = 0;
            _length = raw;
            return true;
        }

        private InvalidDataException Corrupt(string what) => new($"partition slice {(blocks as FileStream)?.Name} {what} (at byte {_position})");

        protected override void Dispose(bool disposing)
        {
            if (disposing) blocks.Dispose();
            base.Dispose(disposing);
        }
    }
}
