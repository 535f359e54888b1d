using System.Globalization;
using System.Text;

namespace KpiPipeline.Benchmarks;

/// <summary>
/// The file layout of a reference pack, shared by the importer (writer) and <see cref="ReferencePack"/>
/// (reader) so the two cannot drift. Every CSV is UTF-8 without BOM, comma-separated, "\n" line ends,
/// invariant culture, sorted, with a header row.
/// </summary>
internal static class PackFormat
{
    /// <summary>Bumped when a file or column changes meaning; the loader refuses other formats.</summary>
    public const int FormatVersion = 1;

    public const string Attribution =
        "Contains public sector information licensed under the Open Government Licence v3.0";

    public const string Manifest = "pack.json";
    public const string Areas = "areas.csv";
    public const string Measures = "measures.csv";
    public const string SnLists = "sn_lists.csv";
    public const string LaitValues = "lait_values.csv";
    public const string Population = "population.csv";
    public const string BankHolidays = "bank_holidays_england_and_wales.csv";

    public const string AreasHeader = "area_code,area_name,kind,region_code";
    public const string MeasuresHeader = "measure_code,polarity,year_type,title";
    public const string SnListsHeader = "model,la_code,rank,sn_la_code";
    public const string LaitValuesHeader = "measure_code,year_ending,area_code,value";
    public const string PopulationHeader = "la_code,mid_year,population_0_17";
    public const string BankHolidaysHeader = "date,title";

    /// <summary>The data files in the order pack.json lists them.</summary>
    public static readonly string[] DataFiles = [Areas, Measures, SnLists, LaitValues, Population, BankHolidays];

    /// <summary>LAIT's area number for England.</summary>
    public const string EnglandCode = "970";

    public const string KindLa = "la";
    public const string KindRegion = "region";
    public const string KindEngland = "england";

    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Shortest round-trip text of a double, invariant culture (0.1 stays "0.1", not "0.1000000000000001").</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting, only where needed (titles may hold commas or quotes).</summary>
    public static string CsvField(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) return value;
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

/// <summary>Builds one pack CSV in memory with "\n" line ends so the bytes do not depend on the OS.</summary>
internal sealed class PackCsvBuilder
{
    private readonly StringBuilder _text = new();

    public PackCsvBuilder(string header) => _text.Append(header).Append('\n');

    public int Rows { get; private set; }

    public void Row(params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) _text.Append(',');
            _text.Append(PackFormat.CsvField(fields[i]));
        }
        _text.Append('\n');
        Rows++;
    }

    public byte[] ToBytes() => PackFormat.Utf8NoBom.GetBytes(_text.ToString());
}
