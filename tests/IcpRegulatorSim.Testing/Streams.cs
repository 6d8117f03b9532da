namespace IcpRegulatorSim.Testing;

/// <summary>
/// Reading the server's streams (order events, the outbox) in a test: what is expected arrives at once, and a stream
/// that falls short fails the test after <see cref="Patience.Limit"/> instead of hanging it.
/// </summary>
public static class Streams
{
    /// <summary>The first <paramref name="count"/> items of <paramref name="stream"/>.</summary>
    public static async Task<List<T>> TakeAsync<T>(IAsyncEnumerable<T> stream, int count)
    {
        var items = new List<T>();
        if (count > 0)
        {
            await ReadAsync(stream, item =>
            {
                items.Add(item);
                return items.Count == count;
            }, $"{count} items");
        }
        return items;
    }

    /// <summary>The first item of <paramref name="stream"/> that <paramref name="wanted"/> picks.</summary>
    public static async Task<T> FirstAsync<T>(IAsyncEnumerable<T> stream, Func<T, bool> wanted)
    {
        T found = default!;
        await ReadAsync(stream, item =>
        {
            found = item;
            return wanted(item);
        }, "the item wanted");
        return found;
    }

    private static async Task ReadAsync<T>(IAsyncEnumerable<T> stream, Func<T, bool> enough, string what)
    {
        using var patience = Patience.Token();
        try
        {
            await foreach (var item in stream.WithCancellation(patience.Token))
            {
                if (enough(item))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            throw new TimeoutException($"Waited {Patience.Limit.TotalSeconds:0} s on a stream for {what}.");
        }
        throw new InvalidOperationException($"The stream ended before {what}.");
    }
}
