using KpiPipeline.Extract;

namespace KpiPipeline.Tests.Extract;

/// <summary>A partition's issue log absorbed into the drop's gives what one log filled partition after partition gives.</summary>
public sealed class IssueLogTests
{
    private const string Table = "ssd_contacts";

    private sealed record Added(long Row, string Rule, Severity Severity);

    private static void Fill(IssueLog log, IEnumerable<Added> issues)
    {
        foreach (var i in issues) log.Add(i.Row, $"C{i.Row}", i.Rule, i.Severity, $"row {i.Row} broke {i.Rule}");
    }

    [Theory]
    [InlineData(3, 0, 0)]   // nothing before, nothing after
    [InlineData(3, 2, 2)]   // under the cap on both sides
    [InlineData(3, 2, 5)]   // the later log crosses the cap: only the first one of it is listed
    [InlineData(3, 4, 5)]   // the cap is reached before the later log starts
    [InlineData(3, 0, 9)]   // the later log was capped itself: its unlisted issues are still counted
    [InlineData(0, 2, 2)]   // cap 0: everything is only counted
    public void Absorbing_a_later_log_equals_adding_its_issues_afterwards(int cap, int before, int after)
    {
        // Two rules and two severities, interleaved, so each (rule, severity) has its own count.
        var earlier = Enumerable.Range(1, before).Select(r => new Added(r * 10, r % 2 == 0 ? "R1" : "R2", Severity.Error)).ToList();
        var later = Enumerable.Range(1, after).Select(r => new Added(r * 7, r % 3 == 0 ? "R2" : "R1", r % 4 == 0 ? Severity.Warning : Severity.Error)).ToList();

        var sequential = new IssueLog(Table, cap);
        Fill(sequential, earlier.Concat(later));

        var merged = new IssueLog(Table, cap);
        Fill(merged, earlier);
        var partition = new IssueLog(Table, cap);
        Fill(partition, later);
        merged.Absorb(partition);

        Assert.Equal(sequential.Finish().ToList(), merged.Finish().ToList());
    }

    [Fact]
    public void A_summary_row_counts_every_issue_of_both_logs()
    {
        var drop = new IssueLog(Table, 1);
        drop.Add(5, "C5", "R1", Severity.Error, "first");
        var partition = new IssueLog(Table, 1);
        partition.Add(2, "C2", "R1", Severity.Error, "second");
        partition.Add(9, "C9", "R1", Severity.Error, "third");

        drop.Absorb(partition);

        var issues = drop.Finish().ToList();
        Assert.Equal(["first", "2 more rows broke rule R1 (3 in all; only the first 1 are listed)"], issues.Select(i => i.Message));
    }

    [Fact]
    public void Only_a_log_of_the_same_table_can_be_absorbed() =>
        Assert.Throws<ArgumentException>(() => new IssueLog(Table, 5).Absorb(new IssueLog("ssd_person", 5)));
}
