using KpiPipeline.Cli;
using KpiPipeline.Cli.Commands;

// The kpi command: one small class per verb (Commands/). Exit codes: 0 success, 1 the work failed
// (message on stderr), 2 the command was called wrongly.
ICommand[] commands =
[
    new DemoCommand(),
    new RunCommand(),
    new GenerateCommand(),
    new ReportCommand(),
    new ReplayCommand(),
    new RunsCommand(),
    new ReferenceCommand(),
    new BenchCommand(),
];
// Verbs other verbs start as child processes: callable, but not listed in the help.
ICommand[] hidden = [new BenchSideCommand()];

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine("kpi — children's social care KPI pipeline\n");
    foreach (var c in commands) Console.WriteLine($"  {c.Name,-10} {c.Summary}");
    Console.WriteLine("\nkpi <verb> --help for a verb's options.");
    return args.Length == 0 ? 2 : 0;
}

var command = commands.Concat(hidden).FirstOrDefault(c => c.Name == args[0]);
if (command is null)
{
    Console.Error.WriteLine($"kpi: unknown verb '{args[0]}'. Try kpi --help.");
    return 2;
}
if (args.Skip(1).Any(a => a is "-h" or "--help"))
{
    Console.WriteLine(command.Usage);
    return 0;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
try
{
    return await command.RunAsync(new CommandLine(args.Skip(1)), cts.Token);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"kpi {command.Name}: {e.Message}\n\n{command.Usage}");
    return 2;
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or KpiPipeline.Calendar.CalendarCoverageException)
{
    Console.Error.WriteLine($"kpi {command.Name}: {e.Message}");
    return 1;
}
