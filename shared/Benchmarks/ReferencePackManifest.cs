namespace KpiPipeline.Benchmarks;

/// <summary>What pack.json records: provenance (source files and their SHA-256), the pack's own files and coverage.</summary>
public sealed record ReferencePackManifest(
    int Format,
    string Version,
    string Attribution,
    IReadOnlyList<string> Measures,
    IReadOnlyList<PackSource> Sources,
    IReadOnlyList<PackFile> Files,
    PackCoverage Coverage);

/// <summary>A public source file the pack was built from (path relative to the reference folder).</summary>
public sealed record PackSource(string Path, string Sha256, long Bytes);

/// <summary>A data file inside the pack, with its SHA-256 so a loader can tell a torn or hand-edited pack.</summary>
public sealed record PackFile(string Name, string Sha256, int Rows);

/// <summary>Years the pack covers: LAIT years (year ending 31 March N), ONS mid-years, bank-holiday calendar years.</summary>
public sealed record PackCoverage(
    int LaitFirstYear, int LaitLastYear,
    int PopulationFirstMidYear, int PopulationLastMidYear,
    int BankHolidayFirstYear, int BankHolidayLastYear);
