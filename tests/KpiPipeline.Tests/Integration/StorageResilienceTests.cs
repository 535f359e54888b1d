using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Azure;
using KpiPipeline.Storage;
using Microsoft.Extensions.Time.Testing;

namespace KpiPipeline.Tests.Integration;

/// <summary>
/// The retry / timeout policy around storage calls, driven through the real Azure SDK clients by a scripted HTTP
/// handler, with time on a fake clock (so backoff waits cost no wall time and are observable).
/// </summary>
public sealed class StorageResilienceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2023, 5, 31, 2, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    private Polly.ResiliencePipeline Pipeline(int retries = 4) => StorageResilience.Create(new StorageResilienceOptions
    {
        MaxRetryAttempts = retries,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(8),
        AttemptTimeout = TimeSpan.FromSeconds(30),
        OnRetry = (_, delay, _) => _delays.Enqueue(delay),
    }, _time);

    /// <summary>Moves the fake clock forward until the operation completes (backoff waits and timeouts fire on it).</summary>
    private async Task<T> Drive<T>(Task<T> operation)
    {
        var guard = Stopwatch.StartNew();
        while (!operation.IsCompleted)
        {
            if (guard.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("operation did not finish");
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(1);
        }
        return await operation;
    }

    private async Task Drive(Task operation) => await Drive(operation.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }));

    [Fact]
    public async Task Retries_503_with_growing_jittered_delays_then_succeeds()
    {
        var http = new ScriptedHandler().Status(HttpStatusCode.ServiceUnavailable, "ServerBusy").Status(HttpStatusCode.ServiceUnavailable, "ServerBusy").Ok();
        var store = http.LakeStore(Pipeline());

        Assert.True(await Drive(store.ExistsAsync("a/b")));

        Assert.Equal(3, http.Count);
        Assert.Equal(2, _delays.Count);
        Assert.All(_delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(8)));
        // Waiting happened on the fake clock, not in real time.
        Assert.True(_time.GetUtcNow() > new DateTimeOffset(2023, 5, 31, 2, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Each_transient_status_is_retried(HttpStatusCode status)
    {
        var http = new ScriptedHandler().Status(status).Ok();
        Assert.True(await Drive(http.LakeStore(Pipeline()).ExistsAsync("a/b")));
        Assert.Equal(2, http.Count);
    }

    [Fact]
    public async Task Not_found_is_an_answer_not_a_failure_and_is_not_retried()
    {
        var http = new ScriptedHandler().Status(HttpStatusCode.NotFound, "BlobNotFound");
        Assert.Null(await Drive(http.LakeStore(Pipeline()).OpenReadAsync("a/b")));
        Assert.Equal(1, http.Count);
        Assert.Empty(_delays);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "AuthorizationPermissionMismatch")]
    [InlineData(HttpStatusCode.BadRequest, "InvalidHeaderValue")]
    [InlineData(HttpStatusCode.Unauthorized, "InvalidAuthenticationInfo")]
    [InlineData(HttpStatusCode.Conflict, "LeaseAlreadyPresent")]
    [InlineData(HttpStatusCode.PreconditionFailed, "ConditionNotMet")]
    public async Task Other_4xx_surface_at_once_without_retry(HttpStatusCode status, string errorCode)
    {
        var http = new ScriptedHandler().Status(status, errorCode);
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => Drive(http.LakeStore(Pipeline()).ExistsAsync("a/b")));
        Assert.Equal((int)status, e.Status);
        Assert.Equal(1, http.Count);
        Assert.Empty(_delays);
    }

    [Fact]
    public async Task Gives_up_after_the_retry_limit_with_the_last_error()
    {
        var http = new ScriptedHandler();
        for (var i = 0; i < 4; i++) http.Status(HttpStatusCode.InternalServerError, "InternalError");
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => Drive(http.LakeStore(Pipeline(retries: 3)).ExistsAsync("a/b")));
        Assert.Equal(500, e.Status);
        Assert.Equal(4, http.Count); // 1 + 3 retries
        Assert.Equal(3, _delays.Count);
    }

    [Fact]
    public async Task A_server_retry_after_is_honoured_up_to_the_cap()
    {
        var http = new ScriptedHandler().Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 3).Status(HttpStatusCode.ServiceUnavailable, retryAfterSeconds: 600).Ok();
        Assert.True(await Drive(http.LakeStore(Pipeline()).ExistsAsync("a/b")));
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8)], _delays);
    }

    [Fact]
    public async Task Transport_failures_are_retried()
    {
        var http = new ScriptedHandler().Throws(new HttpRequestException("connection reset")).Throws(new IOException("broken pipe")).Ok();
        Assert.True(await Drive(http.LakeStore(Pipeline()).ExistsAsync("a/b")));
        Assert.Equal(3, http.Count);
    }

    [Fact]
    public async Task A_hung_attempt_is_timed_out_and_retried()
    {
        var http = new ScriptedHandler().Hangs().Ok("hello"u8.ToArray());
        await using var s = await Drive(http.LakeStore(Pipeline()).OpenReadAsync("a/b"));
        Assert.Equal("hello", new StreamReader(s!).ReadToEnd());
        Assert.Equal(2, http.Count);
        Assert.True(_time.GetUtcNow() >= new DateTimeOffset(2023, 5, 31, 2, 0, 30, TimeSpan.Zero), "the attempt timeout (30 s) elapsed on the fake clock");
    }

    [Fact]
    public async Task A_write_is_resent_from_the_start_on_retry()
    {
        var bodies = new ConcurrentQueue<byte[]>();
        var http = new ScriptedHandler()
            .Then(async (req, ct) => { bodies.Enqueue(await req.Content!.ReadAsByteArrayAsync(ct)); return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable); })
            .Then(async (req, ct) =>
            {
                bodies.Enqueue(await req.Content!.ReadAsByteArrayAsync(ct));
                var r = new HttpResponseMessage(HttpStatusCode.Created) { Content = new ByteArrayContent([]) };
                r.Headers.Add("ETag", "\"0x2\"");
                return r;
            });
        await Drive(http.LakeStore(Pipeline()).WriteAsync("a/b", new MemoryStream("payload"u8.ToArray())));
        Assert.Equal(2, bodies.Count);
        Assert.All(bodies, b => Assert.Equal("payload"u8.ToArray(), b));
    }

    [Fact]
    public async Task Caller_cancellation_is_not_retried()
    {
        var http = new ScriptedHandler().Hangs();
        using var cts = new CancellationTokenSource();
        var op = http.LakeStore(Pipeline()).ExistsAsync("a/b", cts.Token);
        await Task.Delay(50);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => op);
        Assert.Equal(1, http.Count);
    }

    [Fact]
    public void Options_are_validated_up_front()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StorageResilience.Create(new StorageResilienceOptions { MaxRetryAttempts = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => StorageResilience.Create(new StorageResilienceOptions { AttemptTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => StorageResilience.Create(new StorageResilienceOptions { BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(1) }));
    }
}
