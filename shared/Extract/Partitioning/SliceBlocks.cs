using System.Buffers.Binary;
using K4os.Compression.LZ4;
using Microsoft.Win32.SafeHandles;

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

    /// <summary>
    /// A read stream giving back the bytes of a file written as blocks. <see cref="Open"/> maps the slice file where the
    /// system allows, so its blocks are decompressed from the page cache without being read into the process first;
    /// a caller reading at least a block at a time (the CSV reader asks for 64 KiB) gets it decompressed straight into
    /// its buffer.
    /// </summary>
    public sealed unsafe class Reader : Csv.ForwardReadStream
    {
        private readonly Stream? _blocks;       // read from a stream...
        private readonly SafeFileHandle? _file; // ...or from a mapping of the whole file
        private readonly FileMapping _mapping;
        private readonly string _name;
        private readonly byte[] _raw = new byte[MaxBlock]; // a block, when the caller reads less than one at a time
        private readonly byte[] _stored = [];              // stream only: a block as stored
        private readonly byte[] _header = [];              // stream only: a block's header
        private long _next; // mapped: where the next block's header is
        private int _at;
        private int _length;
        private long _position;
        private bool _disposed;

        public Reader(Stream blocks)
        {
            _blocks = blocks;
            _stored = new byte[MaxStored(MaxBlock)];
            _header = new byte[HeaderBytes];
            _name = (blocks as FileStream)?.Name ?? "(stream)";
        }

        private Reader(SafeFileHandle file, FileMapping mapping, string path)
        {
            _file = file;
            _mapping = mapping;
            _name = path;
        }

        /// <summary>Reads the slice file at <paramref name="path"/>: mapped where the system allows, read otherwise.</summary>
        public static Reader Open(string path)
        {
            var file = FileMapping.OpenForReading(path);
            var length = RandomAccess.GetLength(file);
            if (length is > 0 and <= int.MaxValue && FileMapping.TryMap(file, 0, (int)length, out var mapping))
                return new Reader(file, mapping, path);
            file.Dispose();
            return new Reader(Csv.VerifyingFileStream.OpenFile(path));
        }

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty) return 0;
            if (_at == _length)
            {
                if (!NextBlock(out var stored, out var raw)) return 0;
                if (buffer.Length >= raw) // the whole block fits: no stop in between
                {
                    Decode(stored, buffer[..raw]);
                    _position += raw;
                    return raw;
                }
                Decode(stored, _raw.AsSpan(0, raw));
                _at = 0;
                _length = raw;
            }
            var n = Math.Min(buffer.Length, _length - _at);
            _raw.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            _position += n;
            return n;
        }

        /// <summary>The next block's stored bytes and raw length; false at the end of the slice.</summary>
        private bool NextBlock(out ReadOnlySpan<byte> stored, out int raw)
        {
            stored = default;
            raw = 0;
            ReadOnlySpan<byte> header;
            if (_blocks is null)
            {
                var left = _mapping.Length - _next;
                if (left == 0) return false;
                if (left < HeaderBytes) throw Corrupt("ends inside a block header");
                header = _mapping.Bytes.Slice((int)_next, HeaderBytes);
            }
            else
            {
                var got = _blocks.ReadAtLeast(_header, HeaderBytes, throwOnEndOfStream: false);
                if (got == 0) return false;
                if (got < HeaderBytes) throw Corrupt("ends inside a block header");
                header = _header;
            }
            raw = BinaryPrimitives.ReadInt32LittleEndian(header);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
            if (raw is <= 0 or > MaxBlock || length <= 0 || length > raw) throw Corrupt($"has a block header of {raw} and {length} bytes");
            if (_blocks is null)
            {
                if (_mapping.Length - _next - HeaderBytes < length) throw Corrupt("ends inside a block");
                stored = _mapping.Bytes.Slice((int)_next + HeaderBytes, length);
                _next += HeaderBytes + length;
            }
            else
            {
                _blocks.ReadExactly(_stored, 0, length);
                stored = _stored.AsSpan(0, length);
            }
            return true;
        }

        private void Decode(ReadOnlySpan<byte> stored, Span<byte> raw)
        {
            if (stored.Length == raw.Length) stored.CopyTo(raw);
            else if (LZ4Codec.Decode(stored, raw) != raw.Length) throw Corrupt("has a block that does not decompress");
        }

        private InvalidDataException Corrupt(string what) => new($"partition slice {_name} {what} (at byte {_position})");

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true; // unmapping twice could unmap whatever the system mapped there since
                _blocks?.Dispose();
                _mapping.Unmap();
                _file?.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
