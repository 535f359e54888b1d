using System.Globalization;

namespace KpiPipeline.Extract.Csv;

/// <summary>
/// Parses the contract's value forms straight from a field's characters, without allocating a string per
/// field (the reader calls these tens of millions of times at national scale).
/// Dates: <c>yyyy-MM-dd</c> or <c>dd/MM/yyyy</c> (day and month may have one digit, as spreadsheets write them).
/// Date-times: a date, then <c>T</c> or a space, then <c>HH:mm</c>, optional <c>:ss</c> and an optional
/// fraction of up to 7 digits (SQL Server writes <c>2023-05-30 14:03:00.000</c>). A bare date where a
/// date-time is expected means midnight; a date-time where a date is expected keeps its date (SSD columns are
/// SQL DATETIME, so extracts often write dates that way). Booleans: Y/N, Yes/No, true/false, 1/0, any case.
/// </summary>
public static class CsvValues
{
    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        // Fast path for the form nearly every date field has (yyyy-MM-dd, nothing after it): no DateTime on the way.
        if (s.Length == 10 && s[4] == '-' && s[7] == '-')
        {
            if (Digits4(s, out var y) & Digits2(s, 5, out var m) & Digits2(s, 8, out var d) && IsValidDate(y, m, d))
            {
                date = new DateOnly(y, m, d);
                return true;
            }
            date = default;
            return false;
        }
        if (TryParseDateTime(s, out var dt))
        {
            date = DateOnly.FromDateTime(dt);
            return true;
        }
        date = default;
        return false;
    }

    public static bool TryParseDateTime(ReadOnlySpan<char> s, out DateTime value)
    {
        // Fast path for yyyy-MM-ddTHH:mm[:ss] (T or space), the form of nearly every date-time field; it accepts and
        // rejects exactly what the general parse below does for these lengths and separators.
        if (s.Length is 16 or 19 && s[4] == '-' && s[7] == '-' && s[10] is 'T' or ' ' && s[13] == ':' && (s.Length == 16 || s[16] == ':'))
        {
            var sec = 0;
            var ok = Digits4(s, out var y) & Digits2(s, 5, out var mo) & Digits2(s, 8, out var d)
                     & Digits2(s, 11, out var h) & Digits2(s, 14, out var mi) & (s.Length == 16 || Digits2(s, 17, out sec));
            if (ok && IsValidDate(y, mo, d) && h <= 23 && mi <= 59 && sec <= 59)
            {
                value = new DateTime(y, mo, d, h, mi, sec);
                return true;
            }
            value = default;
            return false;
        }
        value = default;
        if (!TryParseDatePart(s, out var year, out var month, out var day, out var used)) return false;
        if (!IsValidDate(year, month, day)) return false;
        var ticks = 0L;
        if (used < s.Length)
        {
            var sep = s[used];
            if (sep != 'T' && sep != ' ') return false;
            if (!TryParseTime(s[(used + 1)..], out ticks)) return false;
        }
        value = new DateTime(year, month, day).AddTicks(ticks);
        return true;
    }

    public static bool TryParseBool(ReadOnlySpan<char> s, out bool value)
    {
        switch (s.Length)
        {
            case 1:
                switch (s[0])
                {
                    case 'Y' or 'y' or '1': value = true; return true;
                    case 'N' or 'n' or '0': value = false; return true;
                }
                break;
            case 2 when s.Equals("no", StringComparison.OrdinalIgnoreCase): value = false; return true;
            case 3 when s.Equals("yes", StringComparison.OrdinalIgnoreCase): value = true; return true;
            case 4 when s.Equals("true", StringComparison.OrdinalIgnoreCase): value = true; return true;
            case 5 when s.Equals("false", StringComparison.OrdinalIgnoreCase): value = false; return true;
        }
        value = false;
        return false;
    }

    public static bool TryParseDouble(ReadOnlySpan<char> s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryParseInt(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    // yyyy-MM-dd (exactly) or d/M/yyyy with 1–2 digit day and month. `used` = characters consumed.
    private static bool TryParseDatePart(ReadOnlySpan<char> s, out int year, out int month, out int day, out int used)
    {
        year = month = day = used = 0;
        if (s.Length >= 10 && s[4] == '-' && s[7] == '-')
        {
            if (!Digits(s[..4], out year) || !Digits(s.Slice(5, 2), out month) || !Digits(s.Slice(8, 2), out day)) return false;
            used = 10;
            return true;
        }
        var slash1 = s.IndexOf('/');
        if (slash1 is < 1 or > 2 || !Digits(s[..slash1], out day)) return false;
        var rest = s[(slash1 + 1)..];
        var slash2 = rest.IndexOf('/');
        if (slash2 is < 1 or > 2 || !Digits(rest[..slash2], out month)) return false;
        rest = rest[(slash2 + 1)..];
        if (rest.Length < 4 || !Digits(rest[..4], out year)) return false;
        used = slash1 + 1 + slash2 + 1 + 4;
        return true;
    }

    // HH:mm[:ss[.fffffff]]
    private static bool TryParseTime(ReadOnlySpan<char> s, out long ticks)
    {
        ticks = 0;
        if (s.Length < 5 || s[2] != ':' || !Digits(s[..2], out var h) || !Digits(s.Slice(3, 2), out var m)) return false;
        var sec = 0;
        long fraction = 0;
        var rest = s[5..];
        if (rest.Length > 0)
        {
            if (rest.Length < 3 || rest[0] != ':' || !Digits(rest.Slice(1, 2), out sec)) return false;
            rest = rest[3..];
            if (rest.Length > 0)
            {
                if (rest[0] != '.' || rest.Length is < 2 or > 8 || !Digits(rest[1..], out var f)) return false;
                fraction = f;
                for (var i = rest.Length - 1; i < 7; i++) fraction *= 10; // scale to 100 ns ticks
            }
        }
        if (h > 23 || m > 59 || sec > 59) return false;
        ticks = h * TimeSpan.TicksPerHour + m * TimeSpan.TicksPerMinute + sec * TimeSpan.TicksPerSecond + fraction;
        return true;
    }

    private static bool IsValidDate(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    // Digit checks for the fixed-width forms without a loop or early exit.
    private static bool Digits4(ReadOnlySpan<char> s, out int value)
    {
        uint a = (uint)(s[0] - '0'), b = (uint)(s[1] - '0'), c = (uint)(s[2] - '0'), d = (uint)(s[3] - '0');
        value = (int)(a * 1000 + b * 100 + c * 10 + d);
        return (a <= 9) & (b <= 9) & (c <= 9) & (d <= 9);
    }

    private static bool Digits2(ReadOnlySpan<char> s, int at, out int value)
    {
        uint a = (uint)(s[at] - '0'), b = (uint)(s[at + 1] - '0');
        value = (int)(a * 10 + b);
        return (a <= 9) & (b <= 9);
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.IsEmpty) return false;
        foreach (var c in s)
        {
            var d = c - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }
}
