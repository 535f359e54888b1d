using Azure.Storage.Blobs.Specialized;
using KpiPipeline.Pipeline;
using KpiPipeline.Storage;
using Microsoft.Extensions.Time.Testing;

namespace KpiPipeline.Tests.Integration;

/// <summary>The per-day blob lease on Azurite. Renewal timing runs on a fake clock; the lease itself is real.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DropLeaseTests(AzuriteFixture azurite)
{
    private static readonly DropKey Day = new("343", new DateOnly(2023, 5, 31));

    [Fact]
    public async Task Only_one_holder_at_a_time_and_release_frees_the_day()
    {
        var leases = new DropLeases(await azurite.NewContainerAsync("ops"), StorageResilience.Create());

        await using var first = await leases.TryAcquireAsync(Day);
        Assert.NotNull(first);
        Assert.Null(await leases.TryAcquireAsync(Day));
        await using (var otherDay = await leases.TryAcquireAsync(new DropKey("343", new DateOnly(2023, 6, 1))))
        {
            Assert.NotNull(otherDay); // days lock independently
        }

        await first.ReleaseAsync();
        await using var second = await leases.TryAcquireAsync(Day);
        Assert.NotNull(second);
    }

    [Fact]
    public async Task Concurrent_acquires_give_exactly_one_lease()
    {
        var leases = new DropLeases(await azurite.NewContainerAsync("ops"), StorageResilience.Create());
        var attempts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => leases.TryAcquireAsync(Day))));
        Assert.Single(attempts, l => l is not null);
        foreach (var l in attempts) if (l is not null) await l.DisposeAsync();
    }

    [Fact]
    public async Task A_held_lease_is_renewed_on_schedule_and_loss_is_signalled()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var container = await azurite.NewContainerAsync("ops");
        var leases = new DropLeases(container, StorageResilience.Create(), time,
            new DropLeaseOptions { Duration = TimeSpan.FromSeconds(15), RenewEvery = TimeSpan.FromSeconds(5) });

        await using var lease = await leases.TryAcquireAsync(Day);
        Assert.NotNull(lease);

        time.Advance(TimeSpan.FromSeconds(5));
        await WaitUntil(() => lease.Renewals == 1);
        time.Advance(TimeSpan.FromSeconds(5));
        await WaitUntil(() => lease.Renewals == 2);
        Assert.False(lease.Lost.IsCancellationRequested);

        // Another party breaks the lease (what an operator would do to a stuck day): the next renewal is refused.
        await container.GetBlobClient(DropLeases.LockBlobName(Day)).GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        time.Advance(TimeSpan.FromSeconds(5));
        await WaitUntil(() => lease.Lost.IsCancellationRequested);
        Assert.Equal(2, lease.Renewals);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached in 10 s");
            await Task.Delay(10);
        }
    }
}
