using KpiPipeline.Model;
using static KpiPipeline.Extract.Column;

namespace KpiPipeline.Extract.Readers;

/// <summary>ssd_department → <see cref="TeamInfo"/> (service = dept_team_parent_name). Read before the parallel phase.</summary>
internal sealed class DepartmentReader(TableSpec spec, ReadContext context) : TableReader(spec, context)
{
    private const int Id = 0, Name = 1, ParentName = 2;

    public static readonly TableSpec Definition = new(Tables.Department,
        [Req("dept_team_id"), Req("dept_team_name"), Opt("dept_team_parent_name")],
        KeyColumn: Id, PersonColumn: -1, IsDimension: true, (s, c) => new DepartmentReader(s, c));

    /// <summary>Indexed by team code.</summary>
    public List<TeamInfo?> Infos { get; } = new();

    public override bool TryAccept(ref Row row)
    {
        var id = row.ReadKey(Id);
        if (id.IsEmpty) return row.Reject(DropRules.MissingValue, "dept_team_id is empty");
        if (id.Length > Row.MaxIdLength) return row.Reject(DropRules.IdTooLong, $"dept_team_id is longer than {Row.MaxIdLength} characters");
        if (!row.RequiredText(Name, out var name)) return false;
        var service = row.Text(ParentName);
        var before = Context.Teams.Count;
        var team = Context.Teams.GetOrAdd(id);
        if (team < before)
            return row.Reject(DropRules.DuplicateKey, $"duplicate key: dept_team_id {row.Quote(Id, id)} is already on an earlier row");
        Slots.Set(Infos, team, new TeamInfo(team, name, service));
        Context.TeamNames.Add(name, team);
        return true;
    }
}

internal static class Slots
{
    /// <summary>Sets list[index], growing the list with nulls (ids used before their own row, or never given one).</summary>
    public static void Set<T>(List<T?> list, int index, T value) where T : class
    {
        while (list.Count <= index) list.Add(null);
        list[index] = value;
    }

    public static T?[] Padded<T>(List<T?> list, int count) where T : class
    {
        var result = new T?[count];
        for (var i = 0; i < list.Count && i < count; i++) result[i] = list[i];
        return result;
    }
}
