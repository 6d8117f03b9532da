using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Time;

/// <summary>
/// Wakes when a running clock reaches a world's next deadline and nudges the writer, which applies every due
/// deadline before its next command. Frozen clocks need no worker: AdvanceClock applies deadlines itself. It sleeps on
/// the real time the clocks read (<see cref="WorldClocks.RealTime"/>), so a test that moves that time wakes it.
/// </summary>
public sealed class DeadlineWorker : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);

    private readonly Writer writer;
    private readonly Database database;
    private readonly WorldClocks clocks;
    private readonly ILogger<DeadlineWorker> logger;
    private readonly SemaphoreSlim wake = new(0, 1);

    public DeadlineWorker(Writer writer, Database database, WorldClocks clocks, ILogger<DeadlineWorker> logger)
    {
        this.writer = writer;
        this.database = database;
        this.clocks = clocks;
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
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = MaxSleep;
            foreach (var (world, clock) in clocks.All.Where(c => c.Value.Rate > 0))
            {
                try
                {
                    if (await NextWaitAsync(world, clock, stoppingToken) is { } wait && wait < sleep)
                    {
                        sleep = wait;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Applying the deadlines of world {World} failed", world);
                }
            }
            await SleepAsync(sleep, stoppingToken);
        }
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
        var due = database.Read(db => TimerStore.EarliestDue(db, world));
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
    }
}
