using System.Text;
using KpiPipeline.Extract.Csv;
using KpiPipeline.Model;
using nietras.SeparatedValues;

namespace KpiPipeline.Extract;

/// <summary>
/// One data row as a table reader sees it: typed accessors by spec column index that parse straight from the
/// CSV buffer and log a data_quality issue when a value is bad. Accessors for required values return false
/// after logging an Error (the reader then rejects the row: <c>return false</c>); accessors for optional values
/// log a Warning and return null (the row is kept, the value blanked).
/// </summary>
internal ref struct Row
{
    public const int MaxIdLength = 48;
    private const int MaxQuoted = 40;

    private readonly SepReader.Row _row;
    private readonly TableReader _table;
    private ReadOnlySpan<char> _key;
    private bool _keyRead;
    private int _keyColumn = -1;
    private long _keyNumber = -1; // LongSet.PlainNumber of the key checked by Key
    private long _keyHash;        // LinkKey of the key, computed on first use

    private readonly bool _keyTakenElsewhere;

    /// <param name="keyTakenElsewhere">The splitter found the row's key on an earlier row of a child in another partition
    /// (see <see cref="ClaimKey"/>).</param>
    public Row(SepReader.Row row, TableReader table, long sourceRow, bool keyTakenElsewhere = false)
    {
        _row = row;
        _table = table;
        SourceRow = sourceRow;
        _keyTakenElsewhere = keyTakenElsewhere;
        // The person look-up comes last in a reader (after the key and dates are checked) and in a big map is a
        // cache miss: start the load now so it overlaps that parsing.
        var person = table.Spec.PersonColumn;
        if (person >= 0) table.People.Prefetch(this[person]);
    }

    public long SourceRow { get; }

    /// <summary>Set when an id got a provisional code: the record must wait for <see cref="TableReader.Commit"/>.</summary>
    public bool HasProvisionalIds { get; private set; }

    /// <summary>The field's text (trimmed, unquoted); empty when the column is absent from the file.</summary>
    public ReadOnlySpan<char> this[int column]
    {
        get
        {
            var i = _table.Map[column];
            return i < 0 ? default : _table.Fields.Unquote(i, _row[i].Span);
        }
    }

    private string Name(int column) => _table.Spec.Columns[column].Name;

    // ---------- issues ----------

    public string? RecordId
    {
        get
        {
            if (!_keyRead)
            {
                _key = this[_table.Spec.KeyColumn];
                _keyRead = true;
            }
            return RecordIdText(_key);
        }
    }

    /// <summary>A record id as data_quality shows it: null when empty, cut to <see cref="MaxIdLength"/> characters and marked "…" when longer.</summary>
    public static string? RecordIdText(ReadOnlySpan<char> key) =>
        key.IsEmpty ? null : key.Length <= MaxIdLength ? key.ToString() : string.Concat(key[..MaxIdLength], "…");

    /// <summary>Logs an Error for this row and returns false, so readers can <c>return row.Reject(...)</c>.</summary>
    public bool Reject(string rule, string message)
    {
        _table.Issues.Add(SourceRow, RecordId, rule, Severity.Error, message);
        // Turned away before claiming its key: the key still belongs to this row's child (see ClaimKey).
        if (_keyColumn >= 0)
        {
            _keyColumn = -1;
            if (!_keyTakenElsewhere) _table.ClaimForRejectedRow(_key, Child);
        }
        return false;
    }

    /// <summary>The row's child as a hash of its person id text (0: none), to tell whose a key is.</summary>
    private long Child => _table.Spec.PersonColumn >= 0 ? LinkKey.Of(this[_table.Spec.PersonColumn]) : LinkKey.None;

    public void Warn(string rule, string message) => _table.Issues.Add(SourceRow, RecordId, rule, Severity.Warning, message);

    /// <summary>A value quoted for a message: at most 40 characters, control characters replaced, withheld for sensitive columns.</summary>
    public string Quote(int column, ReadOnlySpan<char> value)
    {
        if (_table.Spec.Columns[column].Sensitive) return "(value withheld)";
        var shown = value.Length <= MaxQuoted ? value : value[..MaxQuoted];
        var sb = new StringBuilder(shown.Length + 3).Append('\'');
        foreach (var c in shown) sb.Append(char.IsControl(c) ? '?' : c);
        if (value.Length > MaxQuoted) sb.Append('…');
        return sb.Append('\'').ToString();
    }

    // ---------- ids ----------

    /// <summary>The key field's text, remembered for issue messages (for readers that check keys their own way).</summary>
    public ReadOnlySpan<char> ReadKey(int column)
    {
        _key = this[column];
        _keyRead = true;
        _keyHash = LinkKey.None;
        return _key;
    }

    /// <summary>
    /// The row's own key: required and at most 48 characters. Whether it repeats an earlier row's key is decided
    /// by <see cref="ClaimKey"/> once the rest of the row has parsed (so the first <i>valid</i> row with a key wins,
    /// and the duplicate-set lookup overlaps the parsing, see <see cref="LongSet.Prefetch"/>).
    /// </summary>
    public bool Key(int column)
    {
        var id = ReadKey(column);
        if (id.IsEmpty) return Reject(DropRules.MissingValue, $"{Name(column)} is empty");
        if (id.Length > MaxIdLength) return Reject(DropRules.IdTooLong, $"{Name(column)} is longer than {MaxIdLength} characters");
        _keyColumn = column;
        // Trimmed as LinkKey trims, so a key goes to the same place in the set as its hash would.
        _keyNumber = LongSet.PlainNumber(id.Trim());
        if (_keyNumber < 0) _table.Keys.Prefetch(KeyHash);
        return true;
    }

    /// <summary>
    /// Records the key checked by <see cref="Key"/> as taken; false (and an Error) when an earlier row has it.
    /// Readers call it just before resolving the row's ids, so a duplicate row adds no unknown id to the maps;
    /// calling it again is harmless (the table reader base calls it for every accepted row as a safety net).
    /// <para>The rule: a key belongs to the child of the first row that has it, valid or not. A later row of another
    /// child with the key is a duplicate; among one child's rows the first valid one wins (a corrected resend of a
    /// rejected row is kept). The splitter sees every row's key and child but not whether the row is valid, so this
    /// rule, unlike "the first valid row wins" across children, comes out the same however a drop is split: a row
    /// whose key a child in another partition had first is marked there (the constructor's keyTakenElsewhere) and
    /// stays with its own child.</para>
    /// </summary>
    public bool ClaimKey()
    {
        if (_keyColumn < 0) return true;
        var column = _keyColumn;
        _keyColumn = -1;
        if (_keyTakenElsewhere) return RejectDuplicate(column);
        var keys = _table.Keys;
        if (_keyNumber >= 0 ? keys.AddNumber(_keyNumber, _key.Trim()) : keys.Add(KeyHash)) return true;
        // Taken already: by a valid row, or by a rejected one, whose child's first valid row may still take it.
        if (_table.HasRejectedKeys && _table.TryTakeRejectedKey(_key, Child)) return true;
        return RejectDuplicate(column);
    }

    private bool RejectDuplicate(int column) =>
        Reject(DropRules.DuplicateKey, $"duplicate key: {Name(column)} {Quote(column, _key)} is already on an earlier row");

    /// <summary>LinkKey of the key checked by <see cref="Key"/> (the record's own id, as other tables link to it).</summary>
    public long KeyHash => _keyHash != LinkKey.None ? _keyHash : _keyHash = LinkKey.Of(_key);

    /// <summary>Checks a key made of several fields (hash computed by the reader) has not been seen before.</summary>
    public bool UniqueKey(long hash, string description) =>
        _table.Keys.Add(hash == 0 ? 1 : hash) || Reject(DropRules.DuplicateKey, $"duplicate key: {description} is already on an earlier row");

    /// <summary>The child the row belongs to (required). An id missing from ssd_person is kept, with a warning.</summary>
    public bool Person(int column, out int person)
    {
        person = IdMap.None;
        var id = this[column];
        if (id.IsEmpty) return Reject(DropRules.MissingValue, $"{Name(column)} is empty");
        if (id.Length > MaxIdLength) return Reject(DropRules.IdTooLong, $"{Name(column)} is longer than {MaxIdLength} characters");
        person = _table.People.Resolve(id, out var known);
        if (!known) Warn(DropRules.UnknownPerson, $"{Name(column)} {Quote(column, id)}: person id not in ssd_person");
        if (IdScope.IsProvisional(person)) HasProvisionalIds = true;
        return true;
    }

    /// <summary>A required worker id (ssd_involvements).</summary>
    public bool RequiredWorker(int column, out int worker)
    {
        worker = IdMap.None;
        var id = this[column];
        if (id.IsEmpty) return Reject(DropRules.MissingValue, $"{Name(column)} is empty");
        if (id.Length > MaxIdLength) return Reject(DropRules.IdTooLong, $"{Name(column)} is longer than {MaxIdLength} characters");
        worker = Worker(column);
        return true;
    }

    /// <summary>A required team id (ext_workforce).</summary>
    public bool RequiredTeam(int column, out int team)
    {
        team = IdMap.None;
        var id = this[column];
        if (id.IsEmpty) return Reject(DropRules.MissingValue, $"{Name(column)} is empty");
        if (id.Length > MaxIdLength) return Reject(DropRules.IdTooLong, $"{Name(column)} is longer than {MaxIdLength} characters");
        team = Team(column);
        return true;
    }

    /// <summary>An optional person id (ext_audits): None when blank or too long.</summary>
    public int OptionalPerson(int column)
    {
        var id = OptionalId(column);
        if (id.IsEmpty) return IdMap.None;
        var person = _table.People.Resolve(id, out var known);
        if (!known) Warn(DropRules.UnknownPerson, $"{Name(column)} {Quote(column, id)}: person id not in ssd_person");
        if (IdScope.IsProvisional(person)) HasProvisionalIds = true;
        return person;
    }

    /// <summary>An optional worker id (IdMap.None when blank).</summary>
    public int Worker(int column)
    {
        var id = OptionalId(column);
        if (id.IsEmpty) return IdMap.None;
        var worker = _table.Workers.Resolve(id, out var known);
        if (!known && _table.Context.CheckWorkers)
            Warn(DropRules.UnknownWorker, $"{Name(column)} {Quote(column, id)} is not in ssd_professionals");
        if (IdScope.IsProvisional(worker)) HasProvisionalIds = true;
        return worker;
    }

    /// <summary>An optional team: a dept_team_id, or failing that a dept_team_name (IdMap.None when blank).</summary>
    public int Team(int column)
    {
        var id = OptionalId(column);
        if (id.IsEmpty) return IdMap.None;
        var team = _table.Teams.Resolve(id, out var known);
        if (!known && _table.Context.CheckTeams)
            Warn(DropRules.UnknownTeam, $"{Name(column)} {Quote(column, id)} is not a team in ssd_department");
        if (IdScope.IsProvisional(team)) HasProvisionalIds = true;
        return team;
    }

    /// <summary>An optional link to another record of the same child (referral id, S47 id...), as a LinkKey.</summary>
    public long Link(int column) => LinkKey.Of(OptionalId(column));

    /// <summary>An optional id's text; empty (with a warning) when longer than 48 characters.</summary>
    public ReadOnlySpan<char> OptionalId(int column)
    {
        var id = this[column];
        if (id.Length <= MaxIdLength) return id;
        Warn(DropRules.IdTooLong, $"{Name(column)} is longer than {MaxIdLength} characters; treated as blank");
        return default;
    }

    // ---------- dates ----------

    public bool RequiredDate(int column, out DateOnly date)
    {
        var s = this[column];
        if (CsvValues.TryParseDate(s, out date)) return true;
        return s.IsEmpty
            ? Reject(DropRules.MissingValue, $"{Name(column)} is empty")
            : Reject(DropRules.BadDate, $"{Name(column)} {Quote(column, s)} is not a date");
    }

    public DateOnly? Date(int column)
    {
        var s = this[column];
        if (s.IsEmpty) return null;
        if (CsvValues.TryParseDate(s, out var date)) return date;
        Warn(DropRules.BadDate, $"{Name(column)} {Quote(column, s)} is not a date; treated as blank");
        return null;
    }

    public bool RequiredDateTime(int column, out DateTime value)
    {
        var s = this[column];
        if (CsvValues.TryParseDateTime(s, out value)) return true;
        return s.IsEmpty
            ? Reject(DropRules.MissingValue, $"{Name(column)} is empty")
            : Reject(DropRules.BadDate, $"{Name(column)} {Quote(column, s)} is not a date");
    }

    public DateTime? DateTime(int column)
    {
        var s = this[column];
        if (s.IsEmpty) return null;
        if (CsvValues.TryParseDateTime(s, out var value)) return value;
        Warn(DropRules.BadDate, $"{Name(column)} {Quote(column, s)} is not a date; treated as blank");
        return null;
    }

    /// <summary>Rejects the row when an end date precedes its start date (an episode cannot end before it begins).</summary>
    public bool EndNotBeforeStart(int startColumn, DateOnly start, int endColumn, DateOnly? end) =>
        end is not { } e || e >= start
            || Reject(DropRules.EndBeforeStart, $"end date before start date: {Name(endColumn)} {e:yyyy-MM-dd} is before {Name(startColumn)} {start:yyyy-MM-dd}");

    // ---------- other values ----------

    public bool? Bool(int column)
    {
        var s = this[column];
        if (s.IsEmpty) return null;
        if (CsvValues.TryParseBool(s, out var b)) return b;
        Warn(DropRules.BadBoolean, $"unknown boolean {Quote(column, s)} in {Name(column)}; treated as blank");
        return null;
    }

    public bool RequiredNonNegative(int column, out double value)
    {
        var s = this[column];
        if (CsvValues.TryParseDouble(s, out value) && value >= 0) return true;
        return s.IsEmpty
            ? Reject(DropRules.MissingValue, $"{Name(column)} is empty")
            : Reject(DropRules.BadNumber, $"{Name(column)} {Quote(column, s)} is not a non-negative number");
    }

    public double? NonNegative(int column)
    {
        var s = this[column];
        if (s.IsEmpty) return null;
        if (CsvValues.TryParseDouble(s, out var value) && value >= 0) return value;
        Warn(DropRules.BadNumber, $"{Name(column)} {Quote(column, s)} is not a non-negative number; treated as blank");
        return null;
    }

    public int? NonNegativeInt(int column)
    {
        var s = this[column];
        if (s.IsEmpty) return null;
        if (CsvValues.TryParseInt(s, out var value) && value >= 0) return value;
        Warn(DropRules.BadNumber, $"{Name(column)} {Quote(column, s)} is not a whole number ≥ 0; treated as blank");
        return null;
    }

    /// <summary>An optional code, upper-cased and shared (see <see cref="CodeInterner"/>); null when blank.</summary>
    public string? Code(int column)
    {
        var s = this[column];
        return s.IsEmpty ? null : _table.Codes.Intern(s);
    }

    public bool RequiredCode(int column, out string code)
    {
        code = "";
        var s = this[column];
        if (s.IsEmpty) return Reject(DropRules.MissingValue, $"{Name(column)} is empty");
        code = _table.Codes.Intern(s);
        return true;
    }

    public bool RequiredText(int column, out string text)
    {
        var s = this[column];
        text = s.IsEmpty ? "" : s.ToString();
        return !s.IsEmpty || Reject(DropRules.MissingValue, $"{Name(column)} is empty");
    }

    /// <summary>Free text (names, emails) as a string; null when blank. Only for small dimension tables.</summary>
    public string? Text(int column)
    {
        var s = this[column];
        return s.IsEmpty ? null : s.ToString();
    }
}
