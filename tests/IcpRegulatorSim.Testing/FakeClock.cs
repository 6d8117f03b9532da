using Microsoft.Extensions.Time.Testing;

namespace IcpRegulatorSim.Testing;

/// <summary>
/// A fake real-time clock that knows who is waiting on it. Every timer made from it (<c>Task.Delay</c>, a
/// <c>PeriodicTimer</c>, a <c>CancellationTokenSource</c>'s delay) is a pending wait until it fires or is disposed, so a
/// test moves time to the very instant the code under test wakes, instead of sleeping and hoping the machine kept up.
/// It starts at the machine's time: a gRPC deadline computed from it is compared with the machine's clock.
/// </summary>
public sealed class FakeClock() : FakeTimeProvider(TimeProvider.System.GetUtcNow())
{
    private readonly Lock gate = new();
    private readonly List<Wait> pending = [];
    private readonly List<TimeSpan> begun = [];
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The length of every wait begun on this clock, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (gate)
            {
                return [.. begun];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var wait = new Wait();
        // A wait is seen pending only once its timer is set: a test that moves time as soon as it sees the wait must
        // fire it. (Shown first, a wait could be seen, time moved, and the timer set after, due a whole wait later.)
        // Firing takes the same lock, so a timer firing meanwhile is counted once it is shown, not before.
        lock (gate)
        {
            var timer = base.CreateTimer(s =>
            {
                Fired(wait);
                callback(s);
            }, state, dueTime, period);
            Schedule(wait, dueTime, period, firingsBefore: 0);
            return new TrackedTimer(this, wait, timer);
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> waits of exactly <paramref name="length"/> are pending.</summary>
    public async Task WhenWaitingAsync(TimeSpan length, int count = 1)
    {
        while (true)
        {
            Task change;
            lock (gate)
            {
                if (pending.Count(w => w.Length == length) >= count)
                {
                    return;
                }
                change = changed.Task;
            }
            await change.Within($"{count} wait(s) of {length.TotalMilliseconds} ms on the clock");
        }
    }

    /// <summary>
    /// Awaits <paramref name="work"/>, moving time to each wait as soon as one is pending: for a clock only the code
    /// under test waits on (a server's background workers would be woken too).
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> work)
    {
        await RunAsync((Task)work);
        return await work;
    }

    /// <inheritdoc cref="RunAsync{T}(Task{T})"/>
    public async Task RunAsync(Task work)
    {
        while (!work.IsCompleted)
        {
            DateTimeOffset? next;
            Task change;
            lock (gate)
            {
                next = pending.Count > 0 ? pending.Min(w => w.WakeAt) : null;
                change = changed.Task;
            }
            if (next is { } at)
            {
                SetUtcNow(at > GetUtcNow() ? at : GetUtcNow());
                continue;
            }
            await Task.WhenAny(work, change).Within("the work to finish or to wait on the clock");
        }
        await work;
    }

    /// <summary>
    /// Shows the wait of a timer just set (under the lock, right after the timer): a timer due at once has fired already
    /// (the fake provider fires it as it is set), and then only its period, if any, is still to wait.
    /// </summary>
    private void Schedule(Wait wait, TimeSpan dueTime, TimeSpan period, int firingsBefore)
    {
        lock (gate)
        {
            wait.Period = period;
            var firedAtOnce = wait.Firings > firingsBefore;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                begun.Add(Milliseconds(dueTime));
            }
            if (dueTime == Timeout.InfiniteTimeSpan || (firedAtOnce && period <= TimeSpan.Zero))
            {
                pending.Remove(wait);
            }
            else
            {
                // Timers of the fake clock, like the system's, count whole milliseconds.
                wait.Length = Milliseconds(firedAtOnce ? period : dueTime);
                wait.WakeAt = GetUtcNow() + wait.Length;
                if (!pending.Contains(wait))
                {
                    pending.Add(wait);
                }
            }
        }
        Changed();
    }

    private static TimeSpan Milliseconds(TimeSpan span) => TimeSpan.FromMilliseconds((long)span.TotalMilliseconds);

    private void Fired(Wait wait)
    {
        lock (gate)
        {
            wait.Firings++;
            if (wait.Period > TimeSpan.Zero)
            {
                wait.Length = Milliseconds(wait.Period);
                wait.WakeAt = GetUtcNow() + wait.Length;
            }
            else
            {
                pending.Remove(wait);
            }
        }
        Changed();
    }

    private void Forget(Wait wait)
    {
        lock (gate)
        {
            pending.Remove(wait);
        }
        Changed();
    }

    private void Changed()
    {
        TaskCompletionSource previous;
        lock (gate)
        {
            previous = changed;
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        previous.SetResult();
    }

    private sealed class Wait
    {
        public DateTimeOffset WakeAt { get; set; }
        public TimeSpan Length { get; set; }
        public TimeSpan Period { get; set; }
        public int Firings { get; set; }
    }

    private sealed class TrackedTimer(FakeClock clock, Wait wait, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                var firings = wait.Firings;
                var changed = inner.Change(dueTime, period);
                clock.Schedule(wait, dueTime, period, firings);
                return changed;
            }
        }

        public void Dispose()
        {
            clock.Forget(wait);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
