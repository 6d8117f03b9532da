using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Time;

/// <summary>
/// Wakes when a running clock reaches a world's next deadline and nudges the writer, which applies every due
/// deadline before its next command. Frozen clocks need no worker: AdvanceClock applies deadlines itself. It sleeps on
/// the real time the clocks read (<see cref="WorldClocks.RealTime"/>), so a test that moves that time wakes it. The
/// database failing under it (down, restarting) does not stop it: it notes the outage, tries again after a backoff
/// that grows to a bound, and applies what fell due meanwhile once the database is back.
/// </summary>
public sealed class DeadlineWorker : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);

    private readonly Writer writer;
    private readonly Database database;
    private readonly WorldClocks clocks;
    private readonly StorageOutage outage;
    private readonly ILogger<DeadlineWorker> logger;
    private readonly SemaphoreSlim wake = new(0, 1);

    public DeadlineWorker(Writer writer, Database database, WorldClocks clocks, StorageOutage outage, ILogger<DeadlineWorker> logger)
    {
        this.writer = writer;
        this.database = database;
        this.clocks = clocks;
        this.outage = outage;
        this.logger = logger;
        writer.DeadlinesMayHaveChanged += Wake;
    }

    public override void Dispose()
    {
        writer.DeadlinesMayHaveChanged -= Wake;
        wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failed = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                sleep = await PassAsync(stoppingToken);
                failed = 0;
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                outage.Failed(e, "the deadline worker");
                sleep = StorageOutage.Backoff(failed++);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            await SleepAsync(sleep, stoppingToken);
        }
    }

    /// <summary>Applies the due deadlines of every world whose clock runs; returns how long the worker may sleep.</summary>
    private async Task<TimeSpan> PassAsync(CancellationToken stoppingToken)
    {
        var sleep = MaxSleep;
        var outages = outage.Count;
        var running = clocks.All.Where(c => c.Value.Rate > 0).ToList();
        if (database.Shared)
        {
            // The clocks were read from the database.
            outage.Succeeded(outages);
        }
        foreach (var (world, clock) in running)
        {
            try
            {
                if (await NextWaitAsync(world, clock, stoppingToken) is { } wait && wait < sleep)
                {
                    sleep = wait;
                }
            }
            catch (RegulatorException e) when (e.Code == RegulatorErrorCode.WorldNotFound)
            {
                // Deleted since the clocks were read: nothing of it is due any more.
            }
            catch (Exception e) when (e is not OperationCanceledException && !StorageFailure.Is(e))
            {
                logger.LogError(e, "Applying the deadlines of world {World} failed", world);
            }
        }
        return sleep;
    }

    /// <summary>
    /// Sleeps until <paramref name="sleep"/> has passed on the clocks' real time (a test's fake one included) or the
    /// writer wakes the worker, whichever comes first.
    /// </summary>
    private async Task SleepAsync(TimeSpan sleep, CancellationToken stoppingToken)
    {
        using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(wake.WaitAsync(sleeping.Token), Task.Delay(sleep, clocks.RealTime, sleeping.Token));
        // The other one stops. A wake-up it took at the same instant is not lost work: the loop looks again at once.
        await sleeping.CancelAsync();
    }

    /// <summary>Applies the world's due deadlines, if any; returns the real time until its next one.</summary>
    private async Task<TimeSpan?> NextWaitAsync(string world, WorldClock clock, CancellationToken cancellationToken)
    {
        var outages = outage.Count;
        var due = database.Read(db => TimerStore.EarliestDue(db, world));
        outage.Succeeded(outages);
        if (due is null)
        {
            return null;
        }
        var wait = clock.RealDelayUntil(DateTimeOffset.FromUnixTimeMilliseconds(due.Value), clocks.RealNow);
        if (wait > TimeSpan.Zero)
        {
            return wait;
        }
        // An empty command: the writer applies every due deadline of the world before running it.
        await writer.RunAsync(world, _ => 0, cancellationToken);
        return TimeSpan.Zero;
    }

    private void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: one pending wake-up is enough.
        }
        catch (ObjectDisposedException)
        {
            // The worker is gone (the node stopping); a commit after it has no one to wake.
        }
    }
}
