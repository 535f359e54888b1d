using System.Text.Json;

namespace KpiPipeline.Benchmarks;

/// <summary>Writes and reads pack.json with a fixed property order and "\n" line ends (byte-stable across OSes).</summary>
internal static class ManifestJson
{
    public static byte[] Write(ReferencePackManifest m)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteNumber("format", m.Format);
            w.WriteString("version", m.Version);
            w.WriteString("attribution", m.Attribution);
            w.WriteStartArray("measures");
            foreach (var code in m.Measures) w.WriteStringValue(code);
            w.WriteEndArray();
            w.WriteStartObject("coverage");
            w.WriteNumber("lait_first_year", m.Coverage.LaitFirstYear);
            w.WriteNumber("lait_last_year", m.Coverage.LaitLastYear);
            w.WriteNumber("population_first_mid_year", m.Coverage.PopulationFirstMidYear);
            w.WriteNumber("population_last_mid_year", m.Coverage.PopulationLastMidYear);
            w.WriteNumber("bank_holiday_first_year", m.Coverage.BankHolidayFirstYear);
            w.WriteNumber("bank_holiday_last_year", m.Coverage.BankHolidayLastYear);
            w.WriteEndObject();
            w.WriteStartArray("sources");
            foreach (var s in m.Sources)
            {
                w.WriteStartObject();
                w.WriteString("path", s.Path);
                w.WriteString("sha256", s.Sha256);
                w.WriteNumber("bytes", s.Bytes);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("files");
            foreach (var f in m.Files)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteString("sha256", f.Sha256);
                w.WriteNumber("rows", f.Rows);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static ReferencePackManifest Read(byte[] json, string where)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var format = root.GetProperty("format").GetInt32();
            if (format != PackFormat.FormatVersion)
                throw new InvalidDataException($"{where}: pack format {format} is not supported (this build reads format {PackFormat.FormatVersion}); re-import the pack");
            var coverage = root.GetProperty("coverage");
            return new ReferencePackManifest(
                format,
                root.GetProperty("version").GetString()!,
                root.GetProperty("attribution").GetString()!,
                root.GetProperty("measures").EnumerateArray().Select(e => e.GetString()!).ToList(),
                root.GetProperty("sources").EnumerateArray().Select(e => new PackSource(
                    e.GetProperty("path").GetString()!, e.GetProperty("sha256").GetString()!, e.GetProperty("bytes").GetInt64())).ToList(),
                root.GetProperty("files").EnumerateArray().Select(e => new PackFile(
                    e.GetProperty("name").GetString()!, e.GetProperty("sha256").GetString()!, e.GetProperty("rows").GetInt32())).ToList(),
                new PackCoverage(
                    coverage.GetProperty("lait_first_year").GetInt32(), coverage.GetProperty("lait_last_year").GetInt32(),
                    coverage.GetProperty("population_first_mid_year").GetInt32(), coverage.GetProperty("population_last_mid_year").GetInt32(),
                    coverage.GetProperty("bank_holiday_first_year").GetInt32(), coverage.GetProperty("bank_holiday_last_year").GetInt32()));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{where}: not a valid pack manifest ({e.Message})", e);
        }
    }
}
