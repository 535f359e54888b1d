using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using KpiPipeline.Extract;
using KpiPipeline.Pipeline;

namespace KpiPipeline.Tests.Integration;

/// <summary>
/// Stands in for the real SnapshotRunner in the ops tests. It does what the contract promises, in miniature:
/// reads the drop folder, copies it to raw/ on first ingest, and publishes one deterministic object derived from
/// the input bytes — so "replay gives identical blobs" and "a failed day publishes nothing" are checked against
/// what actually reached the runner. <see cref="FailWith"/> makes every run fail; <see cref="Gate"/> holds runs.
/// </summary>
public sealed class FakeSnapshotRunner : ISnapshotRunner
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);
    public ConcurrentQueue<RunRequest> Requests { get; } = new();
    /// <summary>Snapshot of each run's input files (relative name → SHA-256), in call order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Inputs { get; } = new();

    /// <summary>When set, runs return a failure with this error and publish nothing.</summary>
    public string? FailWith { get; set; }

    /// <summary>When set, each run signals <see cref="Entered"/> and then waits for this before doing anything.</summary>
    public TaskCompletionSource? Gate { get; set; }
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static string OutputPath(string la, DateOnly date) => $"curated/fake/la_code={la}/snapshot_date={date:yyyy-MM-dd}/part-00000.txt";

    public async Task<RunResult> RunAsync(RunRequest request, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _calls);
        Requests.Enqueue(request);
        var clock = Stopwatch.StartNew();
        if (Gate is { } gate)
        {
            Entered.TrySetResult();
            await gate.Task.WaitAsync(ct);
        }

        var manifest = DropManifest.Parse(await File.ReadAllTextAsync(Path.Combine(request.DropFolder, DropManifest.FileName), ct), "manifest.json");
        var date = request.SnapshotDate ?? manifest.ExtractDay;
        var files = Directory.GetFiles(request.DropFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(request.DropFolder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in files) hashes[f] = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(request.DropFolder, f), ct)));
        Inputs.Enqueue(hashes);
        var listing = string.Join("\n", hashes.Select(h => $"{h.Key} {h.Value}")) + "\n";
        var inputSha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing)));
        var rowsIn = manifest.Tables.Values.Sum(t => t.Rows);

        if (FailWith is { } error)
        {
            return new RunResult(request.RunId ?? "fake", manifest.LaCode, date, false, error, inputSha, rowsIn, 0, new Dictionary<string, long>(), clock.Elapsed);
        }

        if (request.Trigger != RunTrigger.Replay)
        {
            foreach (var f in files)
            {
                var rawPath = $"raw/{manifest.LaCode}/{date:yyyy-MM-dd}/{f}";
                if (await request.Lake.ExistsAsync(rawPath, ct)) continue; // raw is immutable
                await using var source = File.OpenRead(Path.Combine(request.DropFolder, f));
                await request.Lake.WriteAsync(rawPath, source, ct);
            }
        }

        await request.Lake.WriteAsync(OutputPath(manifest.LaCode, date), new MemoryStream(Encoding.UTF8.GetBytes(listing)), ct);
        return new RunResult(request.RunId ?? "fake", manifest.LaCode, date, true, null, inputSha, rowsIn, 0,
            new Dictionary<string, long> { ["fake"] = files.Count }, clock.Elapsed);
    }
}
