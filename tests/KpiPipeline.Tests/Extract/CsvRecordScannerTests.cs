using System.Text;
using nietras.SeparatedValues;
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
    [InlineData(11, 7, false)]
    [InlineData(12, 100, false)]
    [InlineData(13, 4096, false)]
    [InlineData(14, 4096, true)] // mapped, one page at a time: records cross pages
    public void Random_records_with_long_quoted_fields_are_cut_as_Sep_cuts_them(int seed, int buffer, bool mapped)
    {
        // Quoted fields up to a few hundred bytes, holding doubled quotes, commas and every kind of line end.
        var random = new Random(seed);
        string[] pieces = ["a", "bc", "\"", "\"\"", ",", "\r\n", "\n", "\r", " ", "é", "{\"\"k\"\":\"\"v\"\"}", new string('x', 70)];
        var csv = new StringBuilder();
        for (var r = 0; r < (mapped ? 3000 : 300); r++)
        {
            var fields = random.Next(1, 9);
            for (var f = 0; f < fields; f++)
            {
                if (f > 0) csv.Append(',');
                if (random.Next(3) == 0)
                {
                    csv.Append('"');
                    for (var k = random.Next(0, 6); k > 0; k--) csv.Append(pieces[random.Next(pieces.Length)]);
                    csv.Append('"');
                }
                else for (var k = random.Next(0, 3); k > 0; k--) csv.Append(pieces[random.Next(pieces.Length)].Replace("\"", "").Replace(",", "").Replace("\r", "").Replace("\n", ""));
            }
            csv.Append(random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" });
        }
        var text = csv.ToString();

        var expected = new List<(string Record, string F0, string F3)>();
        using (var sep = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false }).FromText(text))
            foreach (var row in sep)
                expected.Add((row.Span.ToString(), row[0].ToString(), row.ColCount > 3 ? row[3].ToString() : ""));
        var bytes = Encoding.UTF8.GetBytes(text);
        var actual = new List<(string, string, string)>();
        using var file = new TempFile(bytes);
        using (ScanInput input = mapped ? MappedScanInput.TryOpen(file.Path, "t.csv", window: buffer)! : new StreamScanInput(new MemoryStream(bytes), buffer))
        {
            var scanner = new CsvRecordScanner(input, [0, 3]);
            while (scanner.MoveNext())
                actual.Add((Encoding.UTF8.GetString(scanner.Record), Encoding.UTF8.GetString(scanner.Field(0)), Encoding.UTF8.GetString(scanner.Field(1))));
            if (mapped) Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), input.FinishAndGetSha256());
        }

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
    }

    [Fact]
    public void A_mapped_window_grows_for_a_record_longer_than_itself()
    {
        var longField = new string('y', 10_000); // two and a half pages, in one record
        var bytes = Encoding.UTF8.GetBytes($"id,note\n1,{longField}\n2,\"{longField}\"\n3,z");
        using var file = new TempFile(bytes);
        using var input = MappedScanInput.TryOpen(file.Path, "t.csv", window: 4096)!;
        var scanner = new CsvRecordScanner(input, [0, 1]);
        var records = new List<(string, int)>();
        while (scanner.MoveNext()) records.Add((Encoding.UTF8.GetString(scanner.Field(0)), scanner.Field(1).Length));

        Assert.Equal([("id", 4), ("1", 10_000), ("2", 10_002), ("3", 1)], records);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), input.FinishAndGetSha256());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_byte_that_is_not_UTF8_is_reported_at_its_offset_whether_mapped_or_read(bool mapped)
    {
        var bytes = Encoding.UTF8.GetBytes("id,name\n" + string.Concat(Enumerable.Range(0, 900).Select(i => $"{i},n{i}\n")));
        var at = bytes.Length - 5; // past the first page
        bytes[at] = 0xE9; // é in Windows-1252
        using var file = new TempFile(bytes);
        var error = Assert.Throws<KpiPipeline.Extract.DropRejectedException>(() =>
        {
            using ScanInput input = mapped ? MappedScanInput.TryOpen(file.Path, "t.csv", window: 4096)!
                : new StreamScanInput(new KpiPipeline.Extract.Csv.VerifyingFileStream(file.Path, "t.csv"), 4096);
            var scanner = new CsvRecordScanner(input, [0]);
            while (scanner.MoveNext()) { }
            input.FinishAndGetSha256();
        });
        Assert.Equal($"t.csv: not UTF-8 (looks like Windows-1252 at byte {at})", error.Message);
    }

    [Fact]
    public void A_drop_file_is_mapped_on_Linux_and_read_elsewhere()
    {
        using var file = new TempFile("a\n"u8.ToArray());
        using var input = ScanInput.OpenDropFile(file.Path, "t.csv");
        Assert.Equal(OperatingSystem.IsLinux(), input is MappedScanInput);
    }

    /// <summary>A file holding the given bytes, deleted on dispose.</summary>
    private sealed class TempFile : IDisposable
    {
        public TempFile(byte[] bytes)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"scan-{Guid.NewGuid():N}.csv");
            File.WriteAllBytes(Path, bytes);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
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
