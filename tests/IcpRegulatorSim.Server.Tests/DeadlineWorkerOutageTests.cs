using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// The deadline worker rides through a failure of the database under it, on either store: it tries again after a
/// backoff that doubles up to a bound, on the real time the clocks read; the outage is logged once, not on every pass;
/// the node goes on; and once the database is back the worker applies what fell due meanwhile. (On PostgreSQL the
/// worker's first read of the clocks failed outside its error handling, and the host stopped.)
/// </summary>
public sealed class DeadlineWorkerOutageTests
{
    public static TheoryData<string> Stores => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_deadline_worker_backs_off_through_a_failing_database_logs_it_once_and_then_applies_what_fell_due(string store)
    {
        var clock = new FakeClock();
        var log = new LogCapture();
        var data = store == "postgres" ? await TestStore.SchemaAsync("t_" + Guid.NewGuid().ToString("N")) : ":memory:";
        await using var server = await RegulatorServer.StartAsync(clock, services => services.AddSingleton<ILoggerProvider>(log), data);
        var gateway = server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var writer = server.Services.GetRequiredService<Writer>();
        var filing = new SampleFilings(seed: 73).Individual();
        var mobile = filing.Subject.Leader.Mobile;

        // A simulated hour per real second: the order's codes fall due five simulated minutes after it, 84 ms of real time.
        await gateway.SetClockRateAsync(3_600);
        await gateway.SubmitAsync(filing);
        // The tables the worker reads go away under it (on PostgreSQL the clocks are read from the database too).
        var (away, back) = store == "postgres"
            ? ("ALTER TABLE timers RENAME TO timers_away; ALTER TABLE worlds RENAME TO worlds_away",
               "ALTER TABLE timers_away RENAME TO timers; ALTER TABLE worlds_away RENAME TO worlds")
            : ("ALTER TABLE timers RENAME TO timers_away", "ALTER TABLE timers_away RENAME TO timers");
        await writer.RunAsync(null, s => s.Db.Execute(away));

        // Time passes for as long as the worker keeps failing, until it waits the longest backoff twice.
        IReadOnlyList<TimeSpan> backoffs = [.. Enumerable.Range(0, 7).Select(StorageOutage.Backoff)];
        Assert.Equal(StorageOutage.LongestRetry, backoffs[^1]);
        Assert.Equal(StorageOutage.LongestRetry, backoffs[^2]);
        await clock.RunAsync(UntilAsync(() => IsSubsequence(backoffs, clock.Waits), "the worker to back off up to its longest wait, twice", server));
        Assert.False(server.Stopping.IsCancellationRequested, "The node stopped.");
        var outage = Assert.Single(log.Of(nameof(StorageOutage), LogLevel.Error));
        Assert.Contains("the deadline worker", outage.Message, StringComparison.Ordinal);
        Assert.Empty(log.Of(nameof(Time.DeadlineWorker), LogLevel.Warning));

        // Back: what fell due meanwhile is applied, by the worker alone.
        await writer.RunAsync(null, s => s.Db.Execute(back));
        await clock.RunAsync(Streams.FirstAsync(gateway.WatchMessagesAsync(mobile), m => m.VerificationCode() is not null)
            .Within("the worker to send the codes that fell due during the failure"));
        Assert.Contains(log.Of(nameof(StorageOutage), LogLevel.Warning), e => e.Message.StartsWith("The database is back", StringComparison.Ordinal));
        Assert.Single(log.Of(nameof(StorageOutage), LogLevel.Error));
    }

    /// <summary>Whether <paramref name="wanted"/> appears in <paramref name="waits"/> in order, other waits between.</summary>
    private static bool IsSubsequence(IReadOnlyList<TimeSpan> wanted, IReadOnlyList<TimeSpan> waits)
    {
        var next = 0;
        foreach (var wait in waits)
        {
            if (next < wanted.Count && wait == wanted[next])
            {
                next++;
            }
        }
        return next == wanted.Count;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; the node stopping meanwhile, or a minute without it, fails.</summary>
    private static async Task UntilAsync(Func<bool> condition, string what, RegulatorServer server)
    {
        using var patience = Patience.Token();
        while (!condition())
        {
            Assert.False(server.Stopping.IsCancellationRequested, $"The node stopped while waiting for {what}.");
            await Task.Delay(10, patience.Token).ContinueWith(t =>
            {
                if (t.IsCanceled)
                {
                    throw new TimeoutException($"Waited {Patience.Limit.TotalSeconds:0} s for {what}.");
                }
            }, TaskScheduler.Default);
        }
    }
}
