using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KpiPipeline.Extract.Csv;
using Microsoft.Win32.SafeHandles;

namespace KpiPipeline.Extract.Partitioning;

/// <summary>
/// The bytes <see cref="CsvRecordScanner"/> walks: a window onto the file at a fixed address, which the scanner moves
/// forward when a record runs past its end. Two kinds: <see cref="StreamScanInput"/> reads into a buffer, and
/// <see cref="MappedScanInput"/> maps the file itself, so its bytes are read where the page cache holds them
/// instead of being copied into the process first (the split pass reads the whole drop: 8 GB at national scale).
/// </summary>
internal abstract unsafe class ScanInput : IDisposable
{
    /// <summary>The window's first byte; valid until the next <see cref="Advance"/>.</summary>
    public byte* Start { get; protected set; }
    /// <summary>Bytes in the window.</summary>
    public int Length { get; protected set; }
    /// <summary>True once the window reaches the end of the file.</summary>
    public bool AtEnd { get; protected set; }

    /// <summary>
    /// Moves the window on: its bytes from <paramref name="keep"/> on are kept, now from index 0 or a little after,
    /// and more follow unless the file ends. Returns where the byte at <paramref name="keep"/> now is.
    /// </summary>
    public abstract int Advance(int keep);

    /// <summary>Checks the bytes not yet looked at, then returns the file's SHA-256 (lower-case hex).</summary>
    public abstract string FinishAndGetSha256();

    /// <summary>A drop file's bytes, hashed and checked as UTF-8 on the way: mapped where the system allows, read otherwise.</summary>
    public static ScanInput OpenDropFile(string path, string fileName) =>
        (ScanInput?)MappedScanInput.TryOpen(path, fileName) ?? new StreamScanInput(new VerifyingFileStream(path, fileName));

    public abstract void Dispose();
}

/// <summary>Bytes read from a stream into a pinned buffer, which grows for a record longer than itself.</summary>
internal sealed unsafe class StreamScanInput : ScanInput
{
    private readonly Stream _source;
    private byte[] _buffer;
    private int _end;

    public StreamScanInput(Stream source, int bufferSize = 1 << 20)
    {
        _source = source;
        _buffer = Pinned(bufferSize);
        Start = Address(_buffer);
    }

    public override int Advance(int keep)
    {
        if (keep > 0)
        {
            _buffer.AsSpan(keep, _end - keep).CopyTo(_buffer);
            _end -= keep;
        }
        if (_end == _buffer.Length) // one record longer than the buffer
        {
            var bigger = Pinned(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            _buffer = bigger;
            Start = Address(_buffer);
        }
        var n = _source.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) AtEnd = true;
        _end += n;
        Length = _end;
        return 0;
    }

    public override string FinishAndGetSha256() =>
        (_source as VerifyingFileStream ?? throw new InvalidOperationException("the source is not a drop file")).FinishAndGetSha256();

    public override void Dispose() => _source.Dispose();

    private static byte[] Pinned(int size) => GC.AllocateUninitializedArray<byte>(size, pinned: true);
    private static byte* Address(byte[] pinned) => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}

/// <summary>
/// A window of the file mapped into memory (Linux), moved along by remapping. The window starts at the page that
/// holds the first byte kept, so nothing is copied; its pages count in the process's resident memory only while
/// mapped (one window, 32 MiB). Each byte is hashed and checked as UTF-8 the first time a window shows it.
/// </summary>
internal sealed unsafe class MappedScanInput : ScanInput
{
    public const int DefaultWindow = 32 << 20;

    private readonly SafeFileHandle _file;
    private readonly string _fileName;
    private readonly DropBytesVerifier _verifier;
    private readonly long _fileLength;
    private readonly int _page = Environment.SystemPageSize;
    private int _window;
    private long _offset; // the window's offset in the file
    private FileMapping _mapping;

    private MappedScanInput(SafeFileHandle file, string fileName, long fileLength, int window)
    {
        _file = file;
        _fileName = fileName;
        _verifier = new DropBytesVerifier(fileName);
        _fileLength = fileLength;
        _window = Math.Max(_page, window / _page * _page);
    }

    /// <summary>Null where mapping is not available (not Linux, an empty file, or the system refuses).</summary>
    public static MappedScanInput? TryOpen(string path, string fileName, int window = DefaultWindow)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var file = FileMapping.OpenForReading(path);
        var length = RandomAccess.GetLength(file);
        if (length == 0)
        {
            file.Dispose();
            return null;
        }
        var input = new MappedScanInput(file, fileName, length, window);
        try
        {
            if (input.Map(0)) return input;
        }
        catch
        {
            input.Dispose();
            throw;
        }
        input.Dispose();
        return null;
    }

    public override int Advance(int keep)
    {
        if (AtEnd) return keep;
        var keepAt = _offset + keep;
        var from = keepAt / _page * _page;
        if (from == _offset) _window *= 2; // one record longer than the window
        if (!Map(from)) throw new IOException($"{_fileName}: could not map the file at byte {from}");
        return (int)(keepAt - from);
    }

    public override string FinishAndGetSha256()
    {
        while (!AtEnd) Advance(Length); // bytes the scanner did not need to look at (normally none)
        return _verifier.Finish();
    }

    public override void Dispose()
    {
        Unmap();
        _verifier.Dispose();
        _file.Dispose();
    }

    /// <summary>Maps the window at <paramref name="offset"/> (page-aligned) and checks the bytes it shows for the first time.</summary>
    private bool Map(long offset)
    {
        Unmap();
        if (!FileMapping.TryMap(_file, offset, (int)Math.Min(_window, _fileLength - offset), out _mapping)) return false;
        _offset = offset;
        Start = _mapping.Start;
        Length = _mapping.Length;
        AtEnd = offset + Length == _fileLength;
        var unseen = (int)(_verifier.Position - offset);
        if (unseen < Length) _verifier.Append(_mapping.Bytes[unseen..]);
        if (AtEnd) _verifier.EndOfFile();
        return true;
    }

    private void Unmap()
    {
        _mapping.Unmap();
        _mapping = default;
        Start = null;
    }
}
