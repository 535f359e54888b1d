using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace KpiPipeline.Extract.Csv;

/// <summary>
/// One drop CSV opened for a single streaming pass: bytes → <see cref="VerifyingFileStream"/> (SHA-256 and
/// UTF-8 check) → StreamReader (UTF-8, strips a BOM) → Sep (comma, RFC 4180 quotes, CRLF/LF/CR).
/// The header is read here as the first record, so Sep's record numbering (<c>RowIndex</c>: header 0)
/// gives source rows as RowIndex + 1 and a duplicated column name is reported by us, not thrown by Sep.
/// </summary>
internal sealed class CsvFile : IDisposable
{
    private const int ReadBlock = 1 << 16;

    private readonly StreamReader _text;

    private CsvFile(VerifyingFileStream stream, StreamReader text, SepReader reader, string[] header)
    {
        Stream = stream;
        _text = text;
        Reader = reader;
        Header = header;
    }

    public VerifyingFileStream Stream { get; }
    /// <summary>Positioned after the header: MoveNext/Current give data records.</summary>
    public SepReader Reader { get; }
    public string[] Header { get; }

    public static CsvFile Open(string path, string fileName) => Open(new VerifyingFileStream(path, fileName), fileName);

    /// <summary>A partition slice (<see cref="Partitioning.SliceBlocks"/>): decompressed, and not verified again (the splitter
    /// verified its original).</summary>
    public static CsvFile OpenSlice(string path, string fileName) =>
        Open(new VerifyingFileStream(Partitioning.SliceBlocks.Reader.Open(path), fileName, verify: false), fileName);

    private static CsvFile Open(VerifyingFileStream stream, string fileName)
    {
        StreamReader? text = null;
        SepReader? reader = null;
        try
        {
            // Encoding.UTF8 with detection off: a UTF-8 BOM is skipped, anything else is left to the byte check.
            text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: ReadBlock);
            reader = Sep.New(',').Reader(o => o with
            {
                HasHeader = false,
                DisableColCountCheck = true, // short/long rows become row_shape issues, not exceptions
                Trim = SepTrim.None, // spaces outside quotes are trimmed by CsvField (cheaper than Sep's per-field call)
                Unescape = false, // see CsvField
                CultureInfo = CultureInfo.InvariantCulture,
            }).From(text);
            if (!reader.MoveNext())
                throw new DropRejectedException(fileName, DropRules.HeaderMissing, $"{fileName}: file is empty (no header row)", row: 1);
            var first = reader.Current;
            var unquote = new CsvField();
            var header = new string[first.ColCount];
            for (var i = 0; i < header.Length; i++) header[i] = unquote.Unquote(i, first[i].Span).ToString();
            if (header.Length == 1 && header[0].Length == 0)
                throw new DropRejectedException(fileName, DropRules.HeaderMissing, $"{fileName}: first line is blank (no header row)", row: 1);
            return new CsvFile(stream, text, reader, header);
        }
        catch
        {
            reader?.Dispose();
            text?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Reader.Dispose();
        _text.Dispose();
        Stream.Dispose();
    }
}
