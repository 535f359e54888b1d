namespace KpiPipeline.Synthetic;

/// <summary>
/// What to generate: a fictional local authority's full extract as at <paramref name="AsOf"/>.
/// <paramref name="Scale"/> multiplies the number of children (and so every volume and the
/// workforce) while keeping rates and timeliness the same; 1.0 is sized like the seed LA (Sefton).
/// The same options always produce byte-identical files.
/// </summary>
public sealed record GeneratorOptions(string LaCode, DateOnly AsOf, string OutDir, int Seed = 1, double Scale = 1.0);

/// <summary>The drop written: its folder, data rows per table (header excluded) and total bytes (CSVs + manifest).</summary>
public sealed record GeneratorResult(string Folder, IReadOnlyDictionary<string, long> RowsByTable, long Bytes);
