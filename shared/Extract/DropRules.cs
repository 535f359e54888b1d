namespace KpiPipeline.Extract;

/// <summary>
/// Rule ids used in <see cref="DropRejectedException.Rule"/> (fatal) and <see cref="DataQualityIssue.Rule"/>
/// (row level). Stable strings: they land in the lake's data_quality table and in quarantine reasons.
/// </summary>
public static class DropRules
{
    // ---- Fatal: the whole drop is rejected ----
    /// <summary>The drop folder does not exist.</summary>
    public const string DropMissing = "drop_missing";
    /// <summary>manifest.json is absent: the drop is not complete.</summary>
    public const string ManifestMissing = "manifest_missing";
    /// <summary>manifest.json is not valid (JSON, dates, file names, row counts, checksums).</summary>
    public const string ManifestInvalid = "manifest_invalid";
    /// <summary>The folder is laid out {la_code}/{extract_date}/ but the names disagree with the manifest.</summary>
    public const string ManifestFolderMismatch = "manifest_folder_mismatch";
    /// <summary>A required table (ssd_person) is not in the manifest.</summary>
    public const string RequiredTableMissing = "required_table_missing";
    /// <summary>The manifest lists a file that is not in the folder.</summary>
    public const string FileMissing = "file_missing";
    /// <summary>A file could not be read (I/O error, permissions).</summary>
    public const string FileUnreadable = "file_unreadable";
    /// <summary>A file is not UTF-8 (Windows-1252 and UTF-16 are recognised and named).</summary>
    public const string NotUtf8 = "not_utf8";
    /// <summary>A file has no header row.</summary>
    public const string HeaderMissing = "header_missing";
    /// <summary>A required column is missing from a present table.</summary>
    public const string ColumnMissing = "column_missing";
    /// <summary>A column name appears twice in a header (names compare case-insensitively).</summary>
    public const string ColumnDuplicate = "column_duplicate";
    /// <summary>The file's data-row count differs from the manifest's.</summary>
    public const string RowCountMismatch = "row_count_mismatch";
    /// <summary>The file's SHA-256 differs from the manifest's.</summary>
    public const string ChecksumMismatch = "checksum_mismatch";

    // ---- Drop-level warnings (SourceRow 0) ----
    /// <summary>The folder is not laid out {la_code}/{extract_date}/, so those names could not be checked.</summary>
    public const string FolderLayout = "folder_layout";
    /// <summary>The manifest lists a table the contract does not define: ignored.</summary>
    public const string UnknownTable = "unknown_table";
    /// <summary>A CSV file in the folder is not listed in the manifest: ignored.</summary>
    public const string FileNotInManifest = "file_not_in_manifest";

    // ---- Row level: Error = row rejected ----
    /// <summary>The row has a different number of fields than the header (usually an unquoted comma).</summary>
    public const string RowShape = "row_shape";
    /// <summary>A required field is empty.</summary>
    public const string MissingValue = "missing_value";
    /// <summary>An id is longer than 48 characters (Error for the row's key or person, Warning and blanked for other ids).</summary>
    public const string IdTooLong = "id_too_long";
    /// <summary>The row's key repeats an earlier row's key: the first row is kept.</summary>
    public const string DuplicateKey = "duplicate_key";
    /// <summary>A date or date-time does not parse (Error in a required column, Warning and blanked in an optional one).</summary>
    public const string BadDate = "bad_date";
    /// <summary>A number does not parse or is out of range (Error if required, Warning and blanked if optional).</summary>
    public const string BadNumber = "bad_number";
    /// <summary>A coded value is not one the contract allows (Error if required, Warning and blanked if optional).</summary>
    public const string BadCode = "bad_code";
    /// <summary>An end (close, cease, authorisation) date is before the start date: the row is rejected.</summary>
    public const string EndBeforeStart = "end_before_start";
    /// <summary>A cla placement has no person id and its clap_cla_id matches no ssd_cla_episodes row.</summary>
    public const string PersonUnresolved = "person_unresolved";

    // ---- Row level: Warning = row kept ----
    /// <summary>A boolean is not Y/N, Yes/No, true/false or 1/0: treated as blank.</summary>
    public const string BadBoolean = "bad_boolean";
    /// <summary>An outcome JSON field does not parse: its flags are treated as blank.</summary>
    public const string BadJson = "bad_json";
    /// <summary>The person id is not in ssd_person: the row is kept (the child exists only through it).</summary>
    public const string UnknownPerson = "unknown_person";
    /// <summary>A worker id is not in ssd_professionals (only checked when that table is present).</summary>
    public const string UnknownWorker = "unknown_worker";
    /// <summary>A team id is neither a dept_team_id nor a dept_team_name (only checked when ssd_department is present).</summary>
    public const string UnknownTeam = "unknown_team";
    /// <summary>cont_decision_date is before cont_contact_date: the decision time is blanked.</summary>
    public const string DecisionBeforeContact = "decision_before_contact";
    /// <summary>wf_month is not the first day of a month: moved to the first day.</summary>
    public const string MonthNotFirstDay = "month_not_first_day";
    /// <summary>Two ssd_cla_episodes rows give one clae_cla_id different people: it cannot place a placement.</summary>
    public const string ClaIdConflict = "cla_id_conflict";
}
