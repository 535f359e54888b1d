using System.Text.Json;
using System.Text.Json.Serialization;

namespace KpiPipeline.Lake;

/// <summary>
/// The quarantine zone: a drop (or some of its files) that failed validation, copied to
/// quarantine/{la_code}/{date}/{runId}/ with a reason.json beside it. reason.json is written last,
/// so its presence means the folder is complete.
/// </summary>
public static class Quarantine
{
    public const string ReasonFileName = "reason.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Copies <paramref name="files"/> (local paths; stored by file name) and writes reason.json.
    /// Returns the quarantine folder's lake path. Messages must not contain child names, dates of
    /// birth or identifiers beyond the pseudonymous person id: reason.json is read by operators.
    /// </summary>
    public static async Task<string> WriteAsync(ILakeStore lake, string laCode, DateOnly date, string runId,
        QuarantineReason reason, IEnumerable<string> files, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(files);
        var folder = LakePath.QuarantineRun(laCode, date, runId);

        var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (name == ReasonFileName) throw new ArgumentException($"A quarantined file may not be called {ReasonFileName}.", nameof(files));
            LakePath.ValidateObject(folder + name);
            if (!byName.TryAdd(name, file)) throw new ArgumentException($"Two quarantined files are both called '{name}'.", nameof(files));
        }

        var copied = new List<QuarantinedFile>();
        foreach (var (name, local) in byName)
        {
            await using var source = new FileStream(local, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            var sha = await LakeHash.Sha256HexAsync(source, ct);
            source.Position = 0;
            await lake.WriteAsync(folder + name, source, ct);
            copied.Add(new QuarantinedFile(name, sha, source.Length));
        }

        var document = new ReasonDocument(laCode, LakePath.Date(date), runId, reason.Summary, copied, reason.Issues);
        using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document, Json));
        await lake.WriteAsync(folder + ReasonFileName, json, ct);
        return folder;
    }

    /// <summary>Reads a quarantine folder's reason.json, or null when there is none.</summary>
    public static async Task<ReasonDocument?> ReadReasonAsync(ILakeStore lake, string laCode, DateOnly date, string runId, CancellationToken ct = default)
    {
        await using var stream = await lake.OpenReadAsync(LakePath.QuarantineRun(laCode, date, runId) + ReasonFileName, ct);
        return stream is null ? null : await JsonSerializer.DeserializeAsync<ReasonDocument>(stream, Json, ct);
    }

    /// <summary>The content of reason.json.</summary>
    public sealed record ReasonDocument(
        [property: JsonPropertyName("la_code")] string LaCode,
        [property: JsonPropertyName("date")] string Date,
        [property: JsonPropertyName("run_id")] string RunId,
        [property: JsonPropertyName("summary")] string Summary,
        [property: JsonPropertyName("files")] IReadOnlyList<QuarantinedFile> Files,
        [property: JsonPropertyName("issues")] IReadOnlyList<QuarantineIssue> Issues);
}

/// <summary>Why a drop was quarantined: a one-line summary and the individual problems.</summary>
public sealed record QuarantineReason(string Summary, IReadOnlyList<QuarantineIssue> Issues)
{
    public QuarantineReason(string summary, params QuarantineIssue[] issues) : this(summary, (IReadOnlyList<QuarantineIssue>)issues) { }
}

/// <summary>One problem: which file, data row (1-based, header excluded) and column, and what is wrong.</summary>
public sealed record QuarantineIssue(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("row")] long? Row,
    [property: JsonPropertyName("column")] string? Column,
    [property: JsonPropertyName("message")] string Message);

public sealed record QuarantinedFile(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("bytes")] long Bytes);
