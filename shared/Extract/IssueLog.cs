using System.Runtime.InteropServices;

namespace KpiPipeline.Extract;

/// <summary>
/// Collects one table's data_quality issues (or the drop's own). Keeps the first
/// <see cref="DropReadOptions.MaxIssuesPerRule"/> per rule and severity, counts the rest, and summarises them
/// in one extra issue so a column broken on every row costs one line, not millions.
/// </summary>
internal sealed class IssueLog(string table, int cap)
{
    private readonly List<DataQualityIssue> _issues = new();
    private readonly Dictionary<(string Rule, Severity Severity), long> _counts = new();

    public string Table => table;

    public void Add(long sourceRow, string? recordId, string rule, Severity severity, string message)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, (rule, severity), out _);
        count++;
        if (count <= cap) _issues.Add(new DataQualityIssue(table, sourceRow, recordId, rule, severity, message));
    }

    /// <summary>
    /// Adds <paramref name="later"/>'s issues (a log of the same table, filled after every issue already here) as if each
    /// had been added here, in its order: the cap keeps the first issues of this log, then of <paramref name="later"/>.
    /// A partitioned read gives each partition its own logs, so partitions can be read at once, and absorbs them in
    /// partition order; the result is the same as one log filled partition after partition.
    /// </summary>
    public void Absorb(IssueLog later)
    {
        if (!string.Equals(later.Table, table, StringComparison.Ordinal)) throw new ArgumentException($"{later.Table} is not {table}", nameof(later));
        var listed = new Dictionary<(string Rule, Severity Severity), long>();
        foreach (var issue in later._issues)
        {
            var key = (issue.Rule, issue.Severity);
            ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(listed, key, out _);
            seen++;
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _);
            count++;
            if (count <= cap) _issues.Add(issue);
        }
        // Issues past the later log's own cap were only counted there: count them here too.
        foreach (var (key, total) in later._counts)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _);
            count += total - listed.GetValueOrDefault(key);
        }
    }

    /// <summary>Issues in source-row order (stable, so drop-level and per-row order is kept), then the cap summaries.</summary>
    public IEnumerable<DataQualityIssue> Finish()
    {
        var ordered = _issues.Select((issue, i) => (issue, i)).OrderBy(x => x.issue.SourceRow).ThenBy(x => x.i).Select(x => x.issue);
        var summaries = _counts.Where(kv => kv.Value > cap)
            .OrderBy(kv => kv.Key.Rule, StringComparer.Ordinal).ThenBy(kv => kv.Key.Severity)
            .Select(kv => new DataQualityIssue(table, 0, null, kv.Key.Rule, kv.Key.Severity,
                $"{kv.Value - cap} more rows broke rule {kv.Key.Rule} ({kv.Value} in all; only the first {cap} are listed)"));
        return ordered.Concat(summaries);
    }
}
