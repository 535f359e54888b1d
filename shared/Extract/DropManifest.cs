using System.Text.Json;
using System.Text.Json.Serialization;

namespace KpiPipeline.Extract;

/// <summary>
/// manifest.json: written last into a drop folder, it completes the drop (extract-contract.md).
/// Lists every table file with its data-row count (header excluded) and SHA-256 (lower-case hex of the file bytes).
/// </summary>
public sealed record DropManifest
{
    public const string FileName = "manifest.json";

    [JsonPropertyName("la_code")] public required string LaCode { get; init; }
    [JsonPropertyName("extract_date")] public required string ExtractDate { get; init; }
    [JsonPropertyName("extracted_at")] public string? ExtractedAt { get; init; }
    [JsonPropertyName("source_system")] public string? SourceSystem { get; init; }
    [JsonPropertyName("contract_version")] public string ContractVersion { get; init; } = "1";
    [JsonPropertyName("tables")] public required SortedDictionary<string, ManifestTable> Tables { get; init; }

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Parses manifest JSON; throws <see cref="JsonException"/> or <see cref="InvalidDataException"/> with a clear message.</summary>
    public static DropManifest Parse(string json, string sourceName)
    {
        DropManifest? m;
        try { m = JsonSerializer.Deserialize<DropManifest>(json, Options); }
        catch (JsonException e) { throw new InvalidDataException($"{sourceName}: manifest is not valid JSON ({e.Message})", e); }
        if (m is null) throw new InvalidDataException($"{sourceName}: manifest is empty");
        if (!DateOnly.TryParseExact(m.ExtractDate, "yyyy-MM-dd", out _))
            throw new InvalidDataException($"{sourceName}: extract_date '{m.ExtractDate}' is not yyyy-MM-dd");
        // JSON null satisfies `required`, so check the members the reader relies on.
        if (string.IsNullOrEmpty(m.LaCode)) throw new InvalidDataException($"{sourceName}: la_code is empty");
        if (m.Tables is null) throw new InvalidDataException($"{sourceName}: tables is missing");
        return m;
    }

    public DateOnly ExtractDay => DateOnly.ParseExact(ExtractDate, "yyyy-MM-dd");
}

public sealed record ManifestTable
{
    [JsonPropertyName("file")] public required string File { get; init; }
    [JsonPropertyName("rows")] public required long Rows { get; init; }
    [JsonPropertyName("sha256")] public required string Sha256 { get; init; }
}
