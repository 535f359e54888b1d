namespace KpiPipeline.Cli;

/// <summary>
/// Parsed arguments of one verb: <c>--name value</c> options and <c>--flag</c> switches. Small on purpose:
/// every verb declares what it reads, and unknown options are an error rather than silently ignored.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) { Positionals.Add(a); continue; }
            var name = a[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal)) value = list[++i];
            _options[name] = value;
        }
    }

    public List<string> Positionals { get; } = new();

    public string? Optional(string name)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out var v) ? v : null;
    }

    public string Required(string name) =>
        Optional(name) ?? throw new UsageException($"--{name} is required");

    public bool Flag(string name)
    {
        _read.Add(name);
        return _options.ContainsKey(name);
    }

    public DateOnly? Date(string name)
    {
        var text = Optional(name);
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", out var d) ? d : throw new UsageException($"--{name} '{text}' is not a yyyy-MM-dd date");
    }

    public double? Number(string name)
    {
        var text = Optional(name);
        if (text is null) return null;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v : throw new UsageException($"--{name} '{text}' is not a number");
    }

    public int? Integer(string name)
    {
        var text = Optional(name);
        if (text is null) return null;
        return int.TryParse(text, out var v) ? v : throw new UsageException($"--{name} '{text}' is not a whole number");
    }

    /// <summary>Call after reading: any option the verb did not ask for is a mistake worth reporting.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException("unknown option(s): " + string.Join(", ", unknown.Select(u => "--" + u)));
    }
}

/// <summary>A mistake in how the command was called: printed with the verb's usage, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>One verb of the kpi command.</summary>
public interface ICommand
{
    string Name { get; }
    string Summary { get; }
    string Usage { get; }
    Task<int> RunAsync(CommandLine args, CancellationToken ct);
}
