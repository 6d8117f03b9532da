using Grpc.Core;

namespace IcpRegulatorSim.Server.Api;

/// <summary>
/// Server streams that follow the database until the client goes away or the server stops. On stop a stream ends
/// cleanly, so shutdown does not wait on it, and the client resumes from its last sequence on the next server. The
/// response starts at once, before the first item: over HTTP/JSON a quiet stream would otherwise send nothing, not
/// even its status line, and a client waiting for the headers (Python's urlopen, Java's HttpClient, Go's Do) would
/// take it for a dead server.
/// </summary>
public static class Streams
{
    public static async Task UntilStoppedAsync<TKey, TItem>(
        Func<TKey, long, CancellationToken, IAsyncEnumerable<TItem>> watch, TKey key, long after, ServerCallContext context,
        IHostApplicationLifetime lifetime, Func<TItem, Task> write)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            await context.WriteResponseHeadersAsync(new Metadata());
            await foreach (var item in watch(key, after, stop.Token))
            {
                await write(item);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The server is stopping: end the stream; the client reconnects to the next one.
        }
        catch (Exception e) when (context.CancellationToken.IsCancellationRequested && e is OperationCanceledException or InvalidOperationException or IOException)
        {
            // The client went away, maybe while an item was being written ("the request is complete"): there is no one
            // left to answer, and nothing failed on the server's side.
        }
    }
}
