namespace KpiPipeline.Extract;

/// <summary>
/// The drop cannot be used at all (missing manifest or file, checksum or row-count mismatch, missing required
/// column, not UTF-8...). The message is one line naming the file, and the column or row where relevant;
/// <see cref="Rule"/> is one of <see cref="DropRules"/>. Nothing from a rejected drop may be published.
/// </summary>
public sealed class DropRejectedException : Exception
{
    public DropRejectedException(string file, string rule, string message, long? row = null, string? column = null, Exception? inner = null)
        : base(message, inner)
    {
        File = file;
        Rule = rule;
        Row = row;
        Column = column;
    }

    /// <summary>The file at fault, as named in the drop (e.g. "ssd_contacts.csv" or "manifest.json").</summary>
    public string File { get; }
    public string Rule { get; }
    /// <summary>Source row (same numbering as <see cref="DataQualityIssue.SourceRow"/>) when one row is at fault.</summary>
    public long? Row { get; }
    public string? Column { get; }
}
