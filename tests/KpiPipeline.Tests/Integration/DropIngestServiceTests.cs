using System.Security.Cryptography;
using System.Text;
using KpiPipeline.Pipeline;
using KpiPipeline.Storage;

namespace KpiPipeline.Tests.Integration;

/// <summary>Ingest of landing drops through lease, ledger and runner, on Azurite with the fake runner.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DropIngestServiceTests(AzuriteFixture azurite)
{
    private static readonly DateOnly D = new(2023, 5, 31);

    [Fact]
    public async Task A_complete_drop_is_run_and_recorded()
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        var manifest = await TestDrops.UploadAsync(h.Ops.Landing, "343", D, rows: 5);

        var outcome = await h.Ops.Ingest.IngestAsync(manifest);

        Assert.Equal(RunOutcomeKind.Succeeded, outcome.Kind);
        Assert.Equal(1, h.Runner.Calls);
        var request = Assert.Single(h.Runner.Requests);
        Assert.Equal(RunTrigger.Blob, request.Trigger);
        Assert.Equal(D, request.SnapshotDate);
        Assert.Same(h.Ops.Lake, request.Lake);
        Assert.False(Directory.Exists(request.DropFolder), "the work folder is deleted after the run");

        // The runner saw exactly the landing bytes.
        var input = Assert.Single(h.Runner.Inputs);
        Assert.Equal(["manifest.json", "ssd_contacts.csv", "ssd_person.csv"], input.Keys);
        Assert.Equal(Sha(TestDrops.PersonCsv(5, 1)), input["ssd_person.csv"]);

        var row = await h.Ops.Ledger.GetAsync("343", D);
        Assert.Equal(RunStatus.Succeeded, row!.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("blob", row.Trigger);
        Assert.Equal(10, row.RowsIn);
        Assert.Equal(outcome.Result!.InputSha256, row.InputSha256);
        Assert.Equal(outcome.Result.RunId, row.LastRunId);
        Assert.NotNull(row.ManifestETag);
        Assert.True(await h.Ops.Lake.ExistsAsync(FakeSnapshotRunner.OutputPath("343", D)));
    }

    [Theory]
    [InlineData("343/2023-05-31/ssd_person.csv")]
    [InlineData("343/2023-05-31/sub/manifest.json")]
    [InlineData("343/31-05-2023/manifest.json")]
    [InlineData("manifest.json")]
    public async Task Blobs_that_are_not_drop_manifests_are_ignored(string blobName)
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        await h.Ops.Landing.GetBlobClient(blobName).UploadAsync(BinaryData.FromString("x"));

        var outcome = await h.Ops.Ingest.IngestAsync(blobName);

        Assert.Equal(RunOutcomeKind.Ignored, outcome.Kind);
        Assert.Equal(0, h.Runner.Calls);
        Assert.Empty(await h.Ops.Ledger.ListAsync("343"));
    }

    [Fact]
    public async Task An_empty_manifest_blob_is_ignored_until_it_is_filled()
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        var manifest = await TestDrops.UploadAsync(h.Ops.Landing, "343", D);
        var full = (await h.Ops.Landing.GetBlobClient(manifest).DownloadContentAsync()).Value.Content;
        await h.Ops.Landing.GetBlobClient(manifest).UploadAsync(BinaryData.Empty, overwrite: true); // Data Lake CreateFile

        Assert.Equal(RunOutcomeKind.Ignored, (await h.Ops.Ingest.IngestAsync(manifest)).Kind);
        Assert.Equal(0, h.Runner.Calls);

        await h.Ops.Landing.GetBlobClient(manifest).UploadAsync(full, overwrite: true); // FlushWithClose
        Assert.Equal(RunOutcomeKind.Succeeded, (await h.Ops.Ingest.IngestAsync(manifest)).Kind);
    }

    [Fact]
    public async Task The_same_manifest_processed_twice_concurrently_runs_once_and_the_other_records_a_skip()
    {
        var runner = new FakeSnapshotRunner { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var h = await new OpsHarness(azurite, runner).ReadyAsync();
        var manifest = await TestDrops.UploadAsync(h.Ops.Landing, "343", D);

        var first = Task.Run(() => h.Ops.Ingest.IngestAsync(manifest));
        await runner.Entered.Task.WaitAsync(TimeSpan.FromSeconds(20)); // the first run is inside the runner, holding the lease
        var second = await Task.Run(() => h.Ops.Ingest.IngestAsync(manifest));
        runner.Gate.SetResult();
        var firstOutcome = await first;

        Assert.Equal(RunOutcomeKind.Succeeded, firstOutcome.Kind);
        Assert.Equal(RunOutcomeKind.Skipped, second.Kind);
        Assert.Equal(LeasedRunExecutor.LeaseHeldReason, second.Reason);
        Assert.Equal(1, runner.Calls);

        var row = await h.Ops.Ledger.GetAsync("343", D);
        Assert.Equal(RunStatus.Succeeded, row!.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(1, row.Skips);
        Assert.Equal("skipped: another run holds the lease", row.SkipReason);
    }

    [Fact]
    public async Task A_redelivered_event_for_an_already_published_manifest_does_not_run_again()
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        var manifest = await TestDrops.UploadAsync(h.Ops.Landing, "343", D);
        Assert.Equal(RunOutcomeKind.Succeeded, (await h.Ops.Ingest.IngestAsync(manifest)).Kind);

        var again = await h.Ops.Ingest.IngestAsync(manifest);
        Assert.Equal(RunOutcomeKind.Skipped, again.Kind);
        Assert.Equal("already published from this manifest", again.Reason);
        Assert.Equal(1, h.Runner.Calls);

        // A corrected re-upload of the drop (new manifest ETag) does run.
        await TestDrops.UploadAsync(h.Ops.Landing, "343", D, seed: 2);
        Assert.Equal(RunOutcomeKind.Succeeded, (await h.Ops.Ingest.IngestAsync(manifest)).Kind);
        Assert.Equal(2, h.Runner.Calls);
        Assert.Equal(2, (await h.Ops.Ledger.GetAsync("343", D))!.Attempts);
    }

    [Fact]
    public async Task A_failing_day_is_recorded_as_failed_with_the_reason_and_publishes_nothing()
    {
        var runner = new FakeSnapshotRunner { FailWith = "ssd_person.csv row 3 column pers_dob: '2015-13-40' is not a date" };
        var h = await new OpsHarness(azurite, runner).ReadyAsync();
        var manifest = await TestDrops.UploadAsync(h.Ops.Landing, "343", D);

        var outcome = await h.Ops.Ingest.IngestAsync(manifest);

        Assert.Equal(RunOutcomeKind.Failed, outcome.Kind);
        var row = await h.Ops.Ledger.GetAsync("343", D);
        Assert.Equal(RunStatus.Failed, row!.Status);
        Assert.Equal("ssd_person.csv row 3 column pers_dob: '2015-13-40' is not a date", row.Error);
        Assert.NotNull(row.Finished);
        Assert.Empty(await TestDrops.HashesAsync(h.Ops.Lake, "curated/"));
    }

    [Fact]
    public async Task A_manifest_naming_another_la_fails_the_drop_without_running_it()
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        var wrong = TestDrops.Manifest("999", D, new Dictionary<string, string> { ["ssd_person.csv"] = TestDrops.PersonCsv(5, 1) });
        var manifest = await TestDrops.UploadAsync(h.Ops.Landing, "343", D, manifestOverride: wrong);

        var outcome = await h.Ops.Ingest.IngestAsync(manifest);

        Assert.Equal(RunOutcomeKind.Failed, outcome.Kind);
        Assert.Equal(0, h.Runner.Calls);
        var row = await h.Ops.Ledger.GetAsync("343", D);
        Assert.Equal(RunStatus.Failed, row!.Status);
        Assert.Contains("manifest says la_code '999'", row.Error);
        Assert.Empty(await TestDrops.HashesAsync(h.Ops.Lake));
    }

    [Fact]
    public async Task A_manifest_that_is_not_json_fails_with_a_clear_reason()
    {
        var h = await new OpsHarness(azurite).ReadyAsync();
        await h.Ops.Landing.GetBlobClient("343/2023-05-31/manifest.json").UploadAsync(BinaryData.FromString("{ not json"));

        var outcome = await h.Ops.Ingest.IngestAsync("343/2023-05-31/manifest.json");

        Assert.Equal(RunOutcomeKind.Failed, outcome.Kind);
        Assert.StartsWith("343/2023-05-31/manifest.json: manifest is not valid JSON", (await h.Ops.Ledger.GetAsync("343", D))!.Error);
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
