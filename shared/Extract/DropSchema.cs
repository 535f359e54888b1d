using KpiPipeline.Extract.Readers;
using KpiPipeline.Model;

namespace KpiPipeline.Extract;

/// <summary>
/// The columns the reader uses from each contract table (extract-contract.md), in one place: which are
/// required, which is the row's key and which its child. Other columns a drop carries are ignored.
/// Only ssd_person is a required <i>table</i>: every other table may be absent, and a KPI that needs it then
/// reports the gap (CaseData.TablesPresent) instead of a silent zero.
/// </summary>
public static class DropSchema
{
    public static readonly IReadOnlySet<string> RequiredTables = new HashSet<string>(StringComparer.Ordinal) { Tables.Person };

    internal static readonly IReadOnlyList<TableSpec> Specs =
    [
        PersonReader.Definition, DepartmentReader.Definition, ProfessionalsReader.Definition, InvolvementsReader.Definition,
        ContactsReader.Definition, ReferralsReader.Definition, AssessmentsReader.Definition, S47Reader.Definition,
        IcpcReader.Definition, CinPlansReader.Definition, CpPlansReader.Definition, ClaEpisodesReader.Definition,
        PlacementsReader.Definition, LegalStatusReader.Definition, VisitsReader.Cin, VisitsReader.Cp, VisitsReader.Cla,
        CareLeaversReader.Definition, SupervisionReader.Definition, WorkforceReader.Definition, AuditsReader.Definition,
        CinReviewsReader.Definition,
    ];

    private static readonly Dictionary<string, (TableSpec Spec, int Order)> ByName =
        Specs.Select((s, i) => (s, i)).ToDictionary(x => x.s.Name, x => (x.s, x.i), StringComparer.Ordinal);

    internal static bool TryGet(string table, out TableSpec spec, out int order)
    {
        var found = ByName.TryGetValue(table, out var entry);
        spec = entry.Spec;
        order = entry.Order;
        return found;
    }

    public static bool IsContractTable(string table) => ByName.ContainsKey(table);

    /// <summary>Column names the reader uses, in declaration order.</summary>
    public static IReadOnlyList<string> Columns(string table) => Spec(table).Columns.Select(c => c.Name).ToArray();

    /// <summary>Columns that must be in the file's header (clap_person_id may instead be derived from clap_cla_id).</summary>
    public static IReadOnlyList<string> RequiredColumns(string table) => Spec(table).Columns.Where(c => c.Required).Select(c => c.Name).ToArray();

    /// <summary>The column holding the row's own id (the record id in data_quality rows).</summary>
    public static string KeyColumn(string table) => Spec(table).Columns[Spec(table).KeyColumn].Name;

    /// <summary>The column holding the child's person id, or null for tables not about one child.</summary>
    public static string? PersonColumn(string table) => Spec(table).PersonColumn is var i and >= 0 ? Spec(table).Columns[i].Name : null;

    private static TableSpec Spec(string table) =>
        ByName.TryGetValue(table, out var e) ? e.Spec : throw new ArgumentException($"'{table}' is not a contract table", nameof(table));
}
