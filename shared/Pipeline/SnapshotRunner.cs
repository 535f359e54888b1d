using System.Diagnostics;
using System.Reflection;
using KpiPipeline.Extract;
using KpiPipeline.Extract.Partitioning;
using KpiPipeline.Kpis;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Lake;
using KpiPipeline.Lake.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KpiPipeline.Pipeline;

/// <summary>Options of a run that hosts may set (the CLI's flags, the function app's settings).</summary>
public sealed record SnapshotRunnerOptions
{
    /// <summary>Overrides the 0–17 population used for rates (otherwise from the reference data).</summary>
    public double? PopulationOverride { get; init; }

    /// <summary>SN model / benchmark year pins (CLI --sn-model, --benchmark-year); null = the settings file's.</summary>
    public Benchmarks.BenchmarkOptions? Benchmark { get; init; }

    /// <summary>Cores to use for the KPI pass; null = all.</summary>
    public int? DegreeOfParallelism { get; init; }

    /// <summary>How the drop is read: partition size, scratch folder (null = defaults: 256 MiB partitions, system temp).</summary>
    public DropReadOptions? Read { get; init; }
}

/// <summary>
/// The pipeline, end to end, for one drop: read and validate → copy to raw → compute KPIs and child
/// facts → publish the snapshot atomically → record the run. A rejected drop goes to quarantine with
/// its reason, and nothing is published (the previously published snapshot stays as it was).
/// Logs carry the LA, dates, counts and run id only — never child data.
/// </summary>
public sealed class SnapshotRunner : ISnapshotRunner
{
    private readonly ReferenceData _reference;
    private readonly SnapshotRunnerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    public SnapshotRunner(ReferenceData reference, SnapshotRunnerOptions? options = null, TimeProvider? time = null, ILogger<SnapshotRunner>? logger = null)
    {
        _reference = reference;
        _options = options ?? new SnapshotRunnerOptions();
        _time = time ?? TimeProvider.System;
        _log = logger ?? NullLogger<SnapshotRunner>.Instance;
    }

    public static string CodeVersion { get; } =
        typeof(SnapshotRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    public async Task<RunResult> RunAsync(RunRequest request, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var started = _time.GetUtcNow();
        var runId = request.RunId ?? RunTable.NewRunId(started);
        var manifest = TryReadManifest(request.DropFolder);
        var la = manifest?.LaCode ?? "unknown";
        var snapshotDate = request.SnapshotDate ?? manifest?.ExtractDay ?? DateOnly.FromDateTime(started.UtcDateTime);
        var run = new RunRow
        {
            RunId = runId, LaCode = la, SnapshotDate = snapshotDate, Trigger = TriggerText(request.Trigger),
            StartedAt = started.UtcDateTime, Status = RunRow.Statuses.Running, CodeVersion = CodeVersion,
        };

        var phases = new List<RunPhase>();
        var phaseStart = clock.Elapsed;
        void EndPhase(string name)
        {
            var now = clock.Elapsed;
            phases.Add(new RunPhase(name, now - phaseStart));
            phaseStart = now;
        }

        async Task<RunResult> QuarantineAsync(DropRejectedException e)
        {
            _log.LogWarning("Run {RunId}: drop for {La} {Date} rejected ({Rule})", runId, la, snapshotDate, e.Rule);
            if (manifest is not null)
            {
                var issue = new QuarantineIssue(e.File, e.Row, e.Column, e.Message);
                await Quarantine.WriteAsync(request.Lake, la, snapshotDate, runId, new QuarantineReason(e.Message, issue),
                    Directory.EnumerateFiles(request.DropFolder), ct);
            }
            return await FinishAsync(request, run, RunRow.Statuses.Quarantined, e.Message, null, clock, phases, ct);
        }

        // Checks the manifest and headers; a large drop is split by child here, verifying every split file.
        PartitionedDropReader drop;
        try
        {
            drop = await Task.Run(() => PartitionedDropReader.Open(request.DropFolder, _options.Read), ct);
            EndPhase(drop.Count > 1 ? "split" : "check");
        }
        catch (DropRejectedException e)
        {
            return await QuarantineAsync(e);
        }

        using (drop)
        {
            Task? rawCopy = null;
            try
            {
                run.InputSha256 = drop.InputSha256;
                PartitionedResult computed;
                try
                {
                    // The raw copy (hash + write of every file: I/O bound) overlaps the KPI pass (CPU bound). It starts once
                    // partition 0 is read, when every file has been verified; it must finish before anything is published,
                    // and its failure is reported ahead of a compute failure, as when the two ran one after the other.
                    computed = await Task.Run(() => PartitionedComputation.Run(drop, _reference, new SnapshotDates(snapshotDate),
                        d => _options.PopulationOverride ?? _reference.Population(la, d), _options.DegreeOfParallelism,
                        afterFirstPartition: () => rawCopy = Task.Run(() =>
                            RawZone.CopyDropAsync(request.Lake, la, drop.Manifest.ExtractDay, request.DropFolder, ct, drop.VerifiedSha256), ct),
                        ct), ct);
                }
                catch (DropRejectedException e) when (rawCopy is null)
                {
                    return await QuarantineAsync(e);
                }
                catch
                {
                    if (rawCopy is not null) await rawCopy;
                    throw;
                }
                phases.Add(new RunPhase("read", computed.ReadTime));
                phases.Add(new RunPhase("compute", computed.ComputeTime));
                phaseStart = clock.Elapsed;
                await rawCopy!;
                EndPhase("raw copy (wait after compute)");
                run.RowsIn = drop.RowsIn;
                run.RowsRejected = drop.RowsRejected;
                var output = SnapshotOutputBuilder.Build(computed.Computation, computed.ChildRows, drop.Issues(), _reference.Calendar);
                // The series and child facts are in the output's rows now. This async method's locals live until it returns,
                // so drop the reference: at national scale they are ~0.5 GB the publish step can reuse once collected.
                computed = null!;
                if (drop.Count > 1) PartitionedComputation.CompactHeap();
                if (_reference.Pack is { } pack && _reference.KpiSettings is { } kpiSettings)
                    new KpiBenchmarking(pack, kpiSettings, _options.Benchmark).Apply(output.Kpi, la, snapshotDate);
                EndPhase("build output");
                var published = await new SnapshotPublisher(request.Lake).PublishAsync(output, runId, ct);
                EndPhase("publish");
                var written = published.Files.ToDictionary(f => f.Table, f => f.RowCount);
                _log.LogInformation("Run {RunId}: published {La} {Date}: {Kpis} KPI rows, {Children} children, {Issues} data-quality rows, {Partitions} partition(s), in {Ms} ms",
                    runId, la, snapshotDate, output.Kpi.Count, output.ChildSnapshot.Count, output.DataQuality.Count, drop.Count, clock.ElapsedMilliseconds);
                return await FinishAsync(request, run, RunRow.Statuses.Succeeded, null, written, clock, phases, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _log.LogError("Run {RunId}: {La} {Date} failed: {Error}", runId, la, snapshotDate, e.Message);
                return await FinishAsync(request, run, RunRow.Statuses.Failed, e.Message, null, clock, phases, ct);
            }
        }
    }

    /// <summary>Runs the KPI engine for one snapshot date over an already-read drop.</summary>
    public KpiComputation Compute(DropReadResult read, DateOnly snapshotDate)
    {
        var env = new KpiEnvironment(_reference.Calendar, _reference.Settings, new Organisation(read.Data));
        var la = read.Data.LaCode;
        return new KpiEngine(env).Compute(new SnapshotDates(snapshotDate),
            d => _options.PopulationOverride ?? _reference.Population(la, d), _options.DegreeOfParallelism);
    }

    private async Task<RunResult> FinishAsync(RunRequest request, RunRow run, string status, string? error,
        IReadOnlyDictionary<string, long>? written, Stopwatch clock, List<RunPhase> phases, CancellationToken ct)
    {
        var ledgerStart = clock.Elapsed;
        run.Status = status;
        run.Message = error;
        run.FinishedAt = _time.GetUtcNow().UtcDateTime;
        if (run.FinishedAt < run.StartedAt) run.FinishedAt = run.StartedAt;
        if (run.LaCode != "unknown") await RunTable.WriteAsync(request.Lake, run, ct);
        phases.Add(new RunPhase("ledger", clock.Elapsed - ledgerStart));
        return new RunResult(run.RunId, run.LaCode, run.SnapshotDate, status == RunRow.Statuses.Succeeded, error,
            run.InputSha256 ?? "", run.RowsIn ?? 0, run.RowsRejected ?? 0,
            written ?? new Dictionary<string, long>(), clock.Elapsed, phases);
    }

    private static DropManifest? TryReadManifest(string folder)
    {
        var path = Path.Combine(folder, DropManifest.FileName);
        if (!File.Exists(path)) return null;
        try { return DropManifest.Parse(File.ReadAllText(path), DropManifest.FileName); }
        catch (InvalidDataException) { return null; }
    }

    private static string TriggerText(RunTrigger t) => t switch
    {
        RunTrigger.Blob => RunRow.Triggers.Blob,
        RunTrigger.Timer => RunRow.Triggers.Timer,
        RunTrigger.Replay => RunRow.Triggers.Replay,
        _ => RunRow.Triggers.Cli,
    };
}
