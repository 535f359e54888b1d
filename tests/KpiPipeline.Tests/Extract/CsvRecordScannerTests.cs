using System.Text;
using KpiPipeline.Extract.Partitioning;

namespace KpiPipeline.Tests.Extract;

/// <summary>The split pass's byte scanner must cut records and fields exactly where the reader (Sep) does.</summary>
public sealed class CsvRecordScannerTests
{
    private static List<(string Record, bool Blank, string F0, string F2)> Scan(string csv, int buffer)
    {
        var scanner = new CsvRecordScanner(new MemoryStream(Encoding.UTF8.GetBytes(csv)), [0, 2], buffer);
        var list = new List<(string, bool, string, string)>();
        while (scanner.MoveNext())
            list.Add((Encoding.UTF8.GetString(scanner.Record), scanner.IsBlank,
                Encoding.UTF8.GetString(scanner.Field(0)), Encoding.UTF8.GetString(scanner.Field(1))));
        return list;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Records_end_at_LF_CR_or_CRLF_outside_quotes_whatever_the_read_boundaries(int buffer)
    {
        var csv = "h1,h2,h3\r\na,b,c\n\"x,\r\ny\",q,\"z\"\"z\"\r\r\n  \nlast,,é";
        var records = Scan(csv, buffer);

        Assert.Equal(
        [
            ("h1,h2,h3", false, "h1", "h3"),
            ("a,b,c", false, "a", "c"),
            ("\"x,\r\ny\",q,\"z\"\"z\"", false, "\"x,\r\ny\"", "\"z\"\"z\""),
            ("", true, "", ""),
            ("  ", true, "  ", ""),
            ("last,,é", false, "last", "é"),
        ], records);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(4096)]
    public void Past_the_last_wanted_field_quoted_line_ends_and_commas_still_do_not_end_the_record(int buffer)
    {
        var csv = "a,b,\"c\nd,\"\"x\",e\r\nf,\"g,\"\nh";
        var scanner = new CsvRecordScanner(new MemoryStream(Encoding.UTF8.GetBytes(csv)), [1], buffer);
        var records = new List<(string, string)>();
        while (scanner.MoveNext()) records.Add((Encoding.UTF8.GetString(scanner.Record), Encoding.UTF8.GetString(scanner.Field(0))));

        Assert.Equal([("a,b,\"c\nd,\"\"x\",e", "b"), ("f,\"g,\"", "\"g,\""), ("h", "")], records);
    }

    [Fact]
    public void A_short_record_has_no_value_for_a_missing_field()
    {
        var records = Scan("a\n", 16);
        Assert.Equal(("a", false, "a", ""), records.Single());
    }

    [Theory]
    [InlineData(" 007 ", "007")]
    [InlineData("\"007\"", "007")]
    [InlineData(" \" 0\"\"7 \" ", "0\"7")]
    [InlineData("", "")]
    public void Values_are_trimmed_and_unquoted_as_the_reader_sees_them(string raw, string expected)
    {
        var scratch = Array.Empty<byte>();
        Assert.Equal(expected, Encoding.UTF8.GetString(CsvRecordScanner.Value(Encoding.UTF8.GetBytes(raw), ref scratch)));
    }
}
