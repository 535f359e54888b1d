using KpiPipeline.Extract.Csv;

namespace KpiPipeline.Tests.Extract;

public class CsvValuesTests
{
    [Theory]
    [InlineData("2023-05-31", 2023, 5, 31)]
    [InlineData("31/05/2023", 2023, 5, 31)]
    [InlineData("1/5/2023", 2023, 5, 1)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("0001-01-01", 1, 1, 1)]
    [InlineData("9999-12-31", 9999, 12, 31)]
    [InlineData("2000-02-29", 2000, 2, 29)]
    [InlineData("2023-05-31T14:03", 2023, 5, 31)] // a date-time where a date is expected keeps its date
    [InlineData("2023-05-31 23:59:59.997", 2023, 5, 31)]
    public void Parses_every_date_form(string text, int y, int m, int d)
    {
        Assert.True(CsvValues.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("2023-02-29")] // not a leap year
    [InlineData("2023-13-01")]
    [InlineData("2023-00-10")]
    [InlineData("2023-05-32")]
    [InlineData("31/13/2023")]
    [InlineData("2023/05/31")]
    [InlineData("05/31/2023")] // US order: month 31 does not exist
    [InlineData("2023-5-31")]
    [InlineData("2023-05-31X")]
    [InlineData("31/05/23")]
    [InlineData("0000-01-01")]
    [InlineData("2023-0a-01")]
    [InlineData("2023-01-0/")]
    [InlineData("20/3-01-01")]
    [InlineData("2023-06-31")]
    [InlineData("2023-05-3 ")]
    public void Rejects_what_is_not_a_date(string text) => Assert.False(CsvValues.TryParseDate(text, out _));

    [Theory]
    [InlineData("2023-05-31T14:03", 14, 3, 0, 0)]
    [InlineData("2023-05-31T14:03:27", 14, 3, 27, 0)]
    [InlineData("2023-05-31 14:03", 14, 3, 0, 0)]
    [InlineData("2023-05-31 14:03:27", 14, 3, 27, 0)]
    [InlineData("2023-05-31 14:03:27.5", 14, 3, 27, 500)]
    [InlineData("2023-05-31 14:03:27.123", 14, 3, 27, 123)]
    [InlineData("2023-05-31", 0, 0, 0, 0)] // a bare date is midnight
    [InlineData("31/05/2023 09:15", 9, 15, 0, 0)]
    [InlineData("2023-05-31T00:00:00", 0, 0, 0, 0)]
    [InlineData("2023-05-31T23:59:59", 23, 59, 59, 0)]
    public void Parses_every_datetime_form(string text, int h, int min, int s, int ms)
    {
        Assert.True(CsvValues.TryParseDateTime(text, out var value));
        Assert.Equal(new DateTime(2023, 5, 31, h, min, s, ms), value);
    }

    [Theory]
    [InlineData("2023-05-31T24:00")]
    [InlineData("2023-05-31T12:60")]
    [InlineData("2023-05-31T12:00:60")]
    [InlineData("2023-05-31T12")]
    [InlineData("2023-05-31T12:00:00.12345678")]
    [InlineData("2023-05-31T12:00Z")]
    [InlineData("2023-05-31_12:00")]
    [InlineData("2023-02-29T10:00")]
    [InlineData("2023-02-29T10:00:00")]
    [InlineData("2023-05-31T1a:00")]
    [InlineData("2023-05-31T12:0a")]
    [InlineData("2023-05-31T12:00:5x")]
    [InlineData("2023-05-31T12:00-00")]
    [InlineData("2023-05-31T12-00:00")]
    [InlineData("x023-05-31T12:00:00")]
    public void Rejects_what_is_not_a_datetime(string text) => Assert.False(CsvValues.TryParseDateTime(text, out _));

    [Theory]
    [InlineData("Y", true)]
    [InlineData("y", true)]
    [InlineData("Yes", true)]
    [InlineData("YES", true)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("N", false)]
    [InlineData("n", false)]
    [InlineData("No", false)]
    [InlineData("no", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    public void Parses_every_boolean_form(string text, bool expected)
    {
        Assert.True(CsvValues.TryParseBool(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("T")]
    [InlineData("yess")]
    public void Rejects_unknown_booleans(string text) => Assert.False(CsvValues.TryParseBool(text, out _));
}
