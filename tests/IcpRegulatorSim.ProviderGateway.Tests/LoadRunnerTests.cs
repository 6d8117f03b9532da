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

        // The 50 calls due in the half second were all made, one after another: call k, due at 10k ms, answered at
        // 50(k+1) ms at the earliest, 40k + 50 ms late. Timed from its send, each would have taken 50 ms.
        Assert.Equal(50, result.Operations);
        Assert.Empty(result.Errors);
        Assert.InRange(result.PercentileMillis(50), 50 + (40 * 24), 50 + (40 * 24) + PacingSlack);
        Assert.InRange(result.MaxMillis, 50 + (40 * 49), 50 + (40 * 49) + PacingSlack);
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
        Assert.Equal(200, result.Operations);
        Assert.InRange(result.MaxMillis, 400, 400 + PacingSlack);
        Assert.InRange(result.PercentileMillis(90), 300, 300 + PacingSlack);
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

        // 200 calls in the warm-up, 300 measured: a quarter of them of each kind.
        Assert.Equal(500, Interlocked.Read(ref calls));
        Assert.Equal(300, result.Operations);
        Assert.Equal(TimeSpan.FromMilliseconds(300), result.Measured);
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
