namespace KpiPipeline.Extract;

/// <summary>Error = the row was rejected (left out of the model); Warning = the row was kept, possibly repaired.</summary>
public enum Severity : byte { Error, Warning }

/// <summary>
/// One row of the lake's data_quality table: a rejected or repaired source record.
/// <para><b>SourceRow</b> numbers CSV <i>records</i>, not text lines, counting the header as row 1, so the first
/// data row is 2 — the row number a spreadsheet shows when it opens the file. A quoted field holding line
/// breaks does not advance it; a blank line does (it is a record, though not a data row). 0 means the issue is
/// about the table or drop as a whole (or summarises issues left out by <see cref="DropReadOptions.MaxIssuesPerRule"/>).</para>
/// <para><b>RecordId</b> is the row's own key (e.g. cont_contact_id), pseudonymous, or null when it is missing.
/// Messages never quote names or the values of date-of-birth/death columns.</para>
/// </summary>
public sealed record DataQualityIssue(string Table, long SourceRow, string? RecordId, string Rule, Severity Severity, string Message);
