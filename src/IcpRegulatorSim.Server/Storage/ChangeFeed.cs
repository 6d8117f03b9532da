namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// Tells the streams (order events, outbox) that a batch has committed. A watcher takes <see cref="NextChange"/>
/// before it reads, and waits on it when it found nothing new: no commit slips between its read and its wait.
/// </summary>
public sealed class ChangeFeed
{
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task NextChange => Volatile.Read(ref signal).Task;

    public void Committed() =>
        Interlocked.Exchange(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
