using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using KpiPipeline.Extract;
using KpiPipeline.Lake;

namespace KpiPipeline.Tests.Integration;

/// <summary>Writes small synthetic drops into a landing container, CSVs first and manifest.json last, as an LA's extract would.</summary>
public static class TestDrops
{
    public static string PersonCsv(int rows, int seed) =>
        "pers_person_id,pers_sex,pers_dob\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"P{seed:000}{i:0000},{(i % 2 == 0 ? "F" : "M")},2015-0{1 + i % 9}-1{i % 10}\n"));

    public static string ContactsCsv(int rows, int seed) =>
        "cont_contact_id,cont_person_id,cont_contact_date\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"C{seed:000}{i:0000},P{seed:000}{i:0000},2023-04-0{1 + i % 9}T10:00\n"));

    public static DropManifest Manifest(string la, DateOnly date, IReadOnlyDictionary<string, string> files) => new()
    {
        LaCode = la,
        ExtractDate = date.ToString("yyyy-MM-dd"),
        ExtractedAt = date.ToString("yyyy-MM-dd") + "T23:10:00Z",
        SourceSystem = "TEST",
        Tables = new SortedDictionary<string, ManifestTable>(files.ToDictionary(
            f => Path.GetFileNameWithoutExtension(f.Key),
            f => new ManifestTable
            {
                File = f.Key,
                Rows = f.Value.Count(c => c == '\n') - 1,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(f.Value))),
            })),
    };

    /// <summary>Uploads a two-table drop; returns the manifest blob name.</summary>
    public static async Task<string> UploadAsync(BlobContainerClient landing, string la, DateOnly date, int seed = 1, int rows = 5,
        DropManifest? manifestOverride = null)
    {
        var files = new Dictionary<string, string>
        {
            ["ssd_person.csv"] = PersonCsv(rows, seed),
            ["ssd_contacts.csv"] = ContactsCsv(rows, seed),
        };
        var prefix = $"{la}/{date:yyyy-MM-dd}/";
        foreach (var (name, text) in files)
        {
            await landing.GetBlobClient(prefix + name).UploadAsync(BinaryData.FromString(text), overwrite: true);
        }
        var manifest = manifestOverride ?? Manifest(la, date, files);
        await landing.GetBlobClient(prefix + DropManifest.FileName).UploadAsync(BinaryData.FromString(manifest.ToJson()), overwrite: true);
        return prefix + DropManifest.FileName;
    }

    /// <summary>Every object in the lake under a prefix with its SHA-256, for byte-identity comparisons.</summary>
    public static async Task<SortedDictionary<string, string>> HashesAsync(ILakeStore lake, string prefix = "")
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var path in lake.ListAsync(prefix))
        {
            await using var s = (await lake.OpenReadAsync(path))!;
            result[path] = Convert.ToHexStringLower(await SHA256.HashDataAsync(s));
        }
        return result;
    }
}
