using BenchmarkDotNet.Running;

// Micro-benchmarks of the pipeline's hot paths. The end-to-end numbers come from `kpi bench`;
// these say which of the per-field operations is worth optimising. Pass BenchmarkDotNet options
// after `--`, e.g. `--filter '*Calendar*'` or `--job short`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program;
