namespace IcpRegulatorSim.Testing;

/// <summary>
/// How long a test waits for something that should happen at once (an event on a stream, a wait beginning on a fake
/// clock) before it fails instead of hanging. It bounds a wait on an event, never a measured duration: a loaded machine
/// takes milliseconds longer, not a minute.
/// </summary>
public static class Patience
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    /// <summary>A token that gives up after <see cref="Limit"/>.</summary>
    public static CancellationTokenSource Token() => new(Limit);

    /// <summary><paramref name="task"/>, or a <see cref="TimeoutException"/> naming <paramref name="what"/> after <see cref="Limit"/>.</summary>
    public static async Task Within(this Task task, string what)
    {
        try
        {
            await task.WaitAsync(Limit);
        }
        catch (TimeoutException e) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Waited {Limit.TotalSeconds:0} s for {what}.", e);
        }
    }

    /// <inheritdoc cref="Within(Task, string)"/>
    public static async Task<T> Within<T>(this Task<T> task, string what)
    {
        await ((Task)task).Within(what);
        return await task;
    }
}
