namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// Tells the streams (order events, outbox) that a batch has committed. A watcher takes <see cref="NextChange"/>
/// before it reads, and waits on it when it found nothing new: no commit slips between its read and its wait.
/// </summary>
public sealed class ChangeFeed
{
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task NextChange => Volatile.Read(ref signal).Task;

    /// <summary>
    /// The rows <paramref name="page"/> finds after <paramref name="after"/>, then those of each commit as it comes: a page
    /// is read, handed over, and only a page that was not full waits for the next commit.
    /// </summary>
    public async IAsyncEnumerable<T> FollowAsync<T>(
        Func<long, int, IReadOnlyList<T>> page, Func<T, long> sequenceOf, long after, int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var change = NextChange;
            var rows = page(after, pageSize);
            foreach (var row in rows)
            {
                yield return row;
                after = sequenceOf(row);
            }
            if (rows.Count < pageSize)
            {
                await change.WaitAsync(cancellationToken);
            }
        }
    }

    public void Committed() =>
        Interlocked.Exchange(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
