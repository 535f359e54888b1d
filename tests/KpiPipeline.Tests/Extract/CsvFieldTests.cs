using KpiPipeline.Extract.Csv;

namespace KpiPipeline.Tests.Extract;

/// <summary>CsvField unquotes and trims outer spaces itself (Sep is asked not to trim).</summary>
public class CsvFieldTests
{
    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("  abc  ", "abc")]
    [InlineData(" a b ", "a b")]
    [InlineData("\"abc\"", "abc")]
    [InlineData("  \"abc\"  ", "abc")]
    [InlineData("\" abc \"", "abc")]
    [InlineData("\"a\"\"b\"", "a\"b")]
    [InlineData(" \"a\"\"b\" ", "a\"b")]
    [InlineData("\"\"", "")]
    [InlineData("\"", "\"")]
    [InlineData("!x!", "!x!")]
    [InlineData("\tabc", "\tabc")] // only spaces are trimmed outside quotes, as Sep's Trim.Outer did
    [InlineData("a\"", "a\"")]
    public void Unquotes_and_trims(string raw, string expected)
    {
        var field = new CsvField();
        Assert.Equal(expected, field.Unquote(0, raw).ToString());
        Assert.Equal(expected, field.Unquote(0, raw).ToString()); // a second read gives the same answer
    }
}
