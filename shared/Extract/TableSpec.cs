namespace KpiPipeline.Extract;

/// <summary>
/// A column a table reader uses. <paramref name="Sensitive"/> columns (dates of birth and death) never have
/// their values quoted in messages. <paramref name="DerivableFrom"/> names a column that can stand in when
/// this required column is absent (clap_person_id can be derived from clap_cla_id).
/// </summary>
internal readonly record struct Column(string Name, bool Required, bool Sensitive = false, string? DerivableFrom = null)
{
    public static Column Req(string name) => new(name, true);
    public static Column Opt(string name) => new(name, false);
}

/// <summary>
/// How one contract table is read: its columns (only those the model needs; others are ignored), which
/// column is the row's key and which its person, whether it is a dimension read before the parallel phase,
/// and the reader that maps a row to the model.
/// </summary>
internal sealed record TableSpec(
    string Name,
    Column[] Columns,
    int KeyColumn,
    int PersonColumn,
    bool IsDimension,
    Func<TableSpec, ReadContext, TableReader> CreateReader)
{
    public int IndexOf(string column) => Array.FindIndex(Columns, c => c.Name == column);

    /// <summary>Maps this spec's columns to positions in a file's header; throws for a missing required or duplicated column.</summary>
    public int[] MapHeader(IReadOnlyList<string> header, string fileName)
    {
        var map = new int[Columns.Length];
        Array.Fill(map, -1);
        for (var i = 0; i < header.Count; i++)
        {
            var j = Array.FindIndex(Columns, c => string.Equals(c.Name, header[i], StringComparison.OrdinalIgnoreCase));
            if (j < 0) continue; // unknown extra column: ignored (it stays in the raw zone)
            if (map[j] >= 0)
                throw new DropRejectedException(fileName, DropRules.ColumnDuplicate,
                    $"{fileName}: column '{Columns[j].Name}' appears twice in the header (columns {map[j] + 1} and {i + 1})", row: 1, column: Columns[j].Name);
            map[j] = i;
        }
        for (var j = 0; j < Columns.Length; j++)
        {
            var c = Columns[j];
            if (!c.Required || map[j] >= 0) continue;
            if (c.DerivableFrom is { } alt && map[IndexOf(alt)] >= 0) continue;
            var also = c.DerivableFrom is { } a ? $" (nor is '{a}', from which it could be derived)" : "";
            throw new DropRejectedException(fileName, DropRules.ColumnMissing,
                $"{fileName}: required column '{c.Name}' is missing{also}", row: 1, column: c.Name);
        }
        return map;
    }
}
