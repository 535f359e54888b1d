using System.Collections.Concurrent;
using System.Net;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using KpiPipeline.Storage;
using Polly;

namespace KpiPipeline.Tests.Integration;

/// <summary>
/// An HTTP handler that plays back a script of responses (or failures) to the real Azure SDK clients, so the
/// resilience tests exercise the production client options + pipeline without a network.
/// </summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    public ConcurrentQueue<string> Requests { get; } = new();
    public int Count => Requests.Count;

    public ScriptedHandler Status(HttpStatusCode code, string? errorCode = null, int? retryAfterSeconds = null)
    {
        _script.Enqueue((_, _) =>
        {
            var r = new HttpResponseMessage(code) { Content = new ByteArrayContent([]) };
            if (errorCode is not null) r.Headers.Add("x-ms-error-code", errorCode);
            if (retryAfterSeconds is { } s) r.Headers.Add("Retry-After", s.ToString());
            return Task.FromResult(r);
        });
        return this;
    }

    public ScriptedHandler Ok(byte[]? body = null) => Then((_, _) =>
    {
        var r = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body ?? []) };
        r.Headers.Add("ETag", "\"0x1\"");
        r.Content.Headers.ContentLength = body?.Length ?? 0;
        r.Headers.Add("x-ms-blob-type", "BlockBlob");
        return Task.FromResult(r);
    });

    public ScriptedHandler Throws(Exception e) => Then((_, _) => Task.FromException<HttpResponseMessage>(e));

    /// <summary>Never answers: the request hangs until the caller's token is cancelled (the per-attempt timeout).</summary>
    public ScriptedHandler Hangs() => Then(async (_, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    });

    public ScriptedHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step)
    {
        _script.Enqueue(step);
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        Requests.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
        return _script.TryDequeue(out var step)
            ? step(request, ct)
            : throw new InvalidOperationException($"Unscripted request #{Requests.Count}: {request.Method} {request.RequestUri}");
    }

    /// <summary>A lake container whose every request goes to this handler, with the production client options.</summary>
    public BlobLakeStore LakeStore(ResiliencePipeline pipeline) =>
        new(new BlobServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1"),
                StorageClients.BlobOptions(new HttpClientTransport(new HttpClient(this))))
            .GetBlobContainerClient("lake"), pipeline);
}
