using KpiPipeline.Model;

namespace KpiPipeline.Extract;

/// <param name="Data">The typed model, every table grouped by child.</param>
/// <param name="Manifest">The drop's manifest as read.</param>
/// <param name="Issues">data_quality rows: drop-level issues first, then each table's in contract order and source-row order.</param>
/// <param name="InputSha256">Lower-case hex SHA-256 of manifest.json's bytes; the manifest holds every file's checksum, so this fingerprints the whole drop.</param>
/// <param name="RowsIn">Data rows read over all tables (blank lines excluded).</param>
/// <param name="RowsRejected">Rows left out of the model (one per Error issue, including those beyond the issue cap).</param>
public sealed record DropReadResult(
    CaseData Data,
    DropManifest Manifest,
    IReadOnlyList<DataQualityIssue> Issues,
    string InputSha256,
    long RowsIn,
    long RowsRejected);
