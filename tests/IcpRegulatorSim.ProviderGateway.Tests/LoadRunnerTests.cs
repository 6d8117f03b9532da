using Grpc.Core;
using IcpRegulatorSim.ProviderGateway.Load;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// The load runner's numbers: latency from when a call was due in an open loop, and every failure counted by its
/// status. The runner and the calls wait on a fake clock that the test moves to each wait as it begins, so every
/// figure is the same on any machine: how long a call takes is part of the test, not of the machine.
/// </summary>
public sealed class LoadRunnerTests
{
    private readonly FakeClock clock = new();

    [Fact]
    public async Task Open_loop_latency_counts_from_the_intended_send_time_so_a_stalled_server_shows_its_queue()
    {
        // A server that answers one call at a time (one in flight), each after 50 ms: 20 calls a second, asked for 100.
        LoadOperation operation = async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), clock, ct);
            return true;
        };
        var plan = new LoadPlan(null, 100, TimeSpan.Zero, TimeSpan.FromSeconds(0.5), MaxInFlight: 1);

        var result = await clock.RunAsync(new LoadRunner(clock).RunAsync(plan, operation));

        // Of the 50 calls due in the half second, the 10 sent in it went one after another: call k, due at 10k ms,
        // answered at 50(k+1) ms at the earliest, 40k + 50 ms late. Timed from its send, each would have taken 50 ms.
        // The 40 others could not be sent before the end: counted as such, not waited for.
        Assert.Equal(10, result.Calls);
        Assert.Equal(10, result.Succeeded);
        Assert.Equal(40, result.NotSent);
        Assert.Empty(result.Errors);
        Assert.InRange(result.PercentileMillis(50), 50 + (40 * 4), 50 + (40 * 4) + PacingSlack);
        Assert.InRange(result.MaxMillis, 50 + (40 * 9), 50 + (40 * 9) + PacingSlack);
    }

    [Fact]
    public async Task A_stall_of_the_first_call_is_charged_to_every_call_due_during_it()
    {
        var first = 1;
        LoadOperation operation = async (_, ct) =>
        {
            if (Interlocked.Exchange(ref first, 0) == 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(400), clock, ct);
            }
            return true;
        };
        var plan = new LoadPlan(null, 200, TimeSpan.Zero, TimeSpan.FromSeconds(1), MaxInFlight: 1);

        var result = await clock.RunAsync(new LoadRunner(clock).RunAsync(plan, operation));

        // Sent once the stall ends, the 79 calls due during it answer at once, but each was due 5 ms after the one
        // before: they are 395, 390, … 5 ms late at least. The 120 calls after them are on time. Timed from their
        // send, the p90 would be under a millisecond.
        Assert.Equal(200, result.Succeeded);
        Assert.InRange(result.MaxMillis, 400, 400 + PacingSlack);
        Assert.InRange(result.PercentileMillis(90), 300, 300 + PacingSlack);
    }

    [Fact]
    public async Task An_open_loop_ends_with_its_duration_counting_what_it_could_not_send_and_what_was_not_answered()
    {
        // A server that holds every answer for ten seconds: with at most 20 calls in flight, the 21st waits for a slot
        // that never comes in time.
        LoadOperation operation = async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), clock, ct);
            return true;
        };
        var plan = new LoadPlan(null, 100, TimeSpan.Zero, TimeSpan.FromSeconds(1), MaxInFlight: 20);
        var started = clock.GetUtcNow();

        var run = new LoadRunner(clock).RunAsync(plan, operation);
        // The clock moves only by the runner's own waits, as each begins: a call every 10 ms until the 21st finds no
        // slot at 200 ms, then a look every millisecond for one until the duration is up, then the drain.
        for (var sent = 1; sent <= 20; sent++)
        {
            await clock.WhenWaitingAsync(TimeSpan.FromMilliseconds(10));
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        while (clock.GetUtcNow() - started < plan.Duration)
        {
            await clock.WhenWaitingAsync(TimeSpan.FromMilliseconds(1));
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        await clock.WhenWaitingAsync(plan.Drain);
        clock.Advance(plan.Drain);
        var result = await run.Within("the run to end");

        // It ended when the drain was up, not when the held answers came: of the 100 calls due, 20 were sent and cut
        // off unanswered, 80 never sent. None succeeded.
        Assert.Equal(plan.Duration + plan.Drain, clock.GetUtcNow() - started);
        Assert.Equal(20, result.Unanswered);
        Assert.Equal(80, result.NotSent);
        Assert.Equal(0, result.Calls);
        Assert.Equal(0, result.Throughput);
    }

    [Fact]
    public async Task Late_answers_within_the_drain_count_and_calls_due_in_the_warmup_are_not_counted_as_not_sent()
    {
        // Each answer comes 500 ms after its call, 20 calls a second are asked for, and 15 may be in flight (10 would
        // keep up): all are sent, and the last ones answer after the end, within the drain.
        LoadOperation operation = async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), clock, ct);
            return true;
        };
        var plan = new LoadPlan(null, 20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), MaxInFlight: 15);
        var started = clock.GetUtcNow();

        var run = new LoadRunner(clock).RunAsync(plan, operation);
        // A call every 50 ms (the answers come on the same beat) until the end; then the drain begins, and the last
        // answers come within it.
        while (clock.GetUtcNow() - started < plan.Warmup + plan.Duration)
        {
            await clock.WhenWaitingAsync(TimeSpan.FromMilliseconds(50));
            clock.Advance(TimeSpan.FromMilliseconds(50));
        }
        await clock.WhenWaitingAsync(plan.Drain);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var result = await run.Within("the run to end");

        Assert.Equal(20, result.Succeeded);
        Assert.Equal(0, result.NotSent);
        Assert.Equal(0, result.Unanswered);
    }

    [Fact]
    public async Task Every_failure_is_counted_by_its_status_and_the_warmup_counts_nothing()
    {
        long calls = 0;
        // Each call takes a millisecond, then answers in turn: OK, refused, unavailable, a failed outcome.
        LoadOperation operation = async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), clock, ct);
            return (Interlocked.Increment(ref calls) % 4) switch
            {
                0 => true,
                1 => throw new RpcException(new Status(StatusCode.FailedPrecondition, "refused")),
                2 => throw new RpcException(new Status(StatusCode.Unavailable, "down")),
                _ => throw new WorkloadException("outcome Failed"),
            };
        };
        var plan = new LoadPlan(1, null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300));

        var result = await clock.RunAsync(new LoadRunner(clock).RunAsync(plan, operation));

        // 200 calls in the warm-up, 300 measured: a quarter of them of each kind. Only the successful quarter is
        // throughput, and only its latencies are in the percentiles.
        Assert.Equal(500, Interlocked.Read(ref calls));
        Assert.Equal(300, result.Calls);
        Assert.Equal(75, result.Succeeded);
        Assert.Equal(75, result.Latencies.TotalCount);
        Assert.Equal(TimeSpan.FromMilliseconds(300), result.Measured);
        Assert.Equal(250, result.Throughput);
        Assert.Equal(
            new Dictionary<string, long> { ["FailedPrecondition"] = 75, ["Unavailable"] = 75, ["outcome Failed"] = 75 },
            result.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary());
    }

    /// <summary>
    /// How much later than due the runner may send a call on the fake clock: each of its pauses (a millisecond when it
    /// is behind) can move time on before a call it just sent has begun its own wait, and the histogram keeps three
    /// significant digits. A call is never sent early.
    /// </summary>
    private const double PacingSlack = 60;
}
