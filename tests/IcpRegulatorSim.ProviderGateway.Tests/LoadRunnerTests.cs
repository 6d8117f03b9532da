using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Load;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>The load runner's numbers: latency from when a call was due in an open loop, and every failure counted by its status.</summary>
public sealed class LoadRunnerTests : ServerTest
{
    [Fact]
    public async Task Open_loop_latency_counts_from_the_intended_send_time_so_a_stalled_server_shows_its_queue()
    {
        // The server answers one call at a time (one in flight), each 50 ms late: 20 calls a second at most, asked for 100.
        await Gateway.SetFaultsAsync([new Fault
        {
            Method = "icp.regulator.v1.FilingService/SubmitFiling", Kind = FaultKind.Latency, Probability = 1, Delay = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(50)),
        }]);
        var operation = await new Workloads([Gateway], TextWriter.Null).PrepareAsync("submit", new WorkloadOptions(), CancellationToken.None);
        var plan = new LoadPlan(null, 100, TimeSpan.Zero, TimeSpan.FromSeconds(0.5), MaxInFlight: 1);

        var result = await new LoadRunner(TimeProvider.System).RunAsync(plan, operation);

        // Every call due in the half second was made, and waited its turn: the last ~40 calls × 50 ms behind.
        Assert.InRange(result.Operations, 48, 51);
        Assert.Empty(result.Errors);
        Assert.True(result.PercentileMillis(50) >= 600, $"p50 {result.PercentileMillis(50):0} ms hides the queue");
        Assert.True(result.MaxMillis >= 1500, $"max {result.MaxMillis:0} ms hides the queue");
    }

    [Fact]
    public async Task A_stall_of_the_first_call_is_charged_to_every_call_due_during_it()
    {
        var stall = Task.Delay(400);
        var first = 1;
        LoadOperation operation = async (_, ct) =>
        {
            if (Interlocked.Exchange(ref first, 0) == 1)
            {
                await stall;
            }
            return true;
        };
        var plan = new LoadPlan(null, 200, TimeSpan.Zero, TimeSpan.FromSeconds(1), MaxInFlight: 1);

        var result = await new LoadRunner(TimeProvider.System).RunAsync(plan, operation);

        // Sent the instant the stall ends, the calls due in it answer at once, but each was due up to 400 ms earlier.
        Assert.InRange(result.Operations, 195, 201);
        Assert.True(result.MaxMillis >= 350, $"max {result.MaxMillis:0} ms");
        Assert.True(result.PercentileMillis(90) >= 100, $"p90 {result.PercentileMillis(90):0} ms: the calls behind the stall were timed from their send");
    }

    [Fact]
    public async Task Every_failure_is_counted_by_its_status_and_the_warmup_counts_nothing()
    {
        long calls = 0;
        LoadOperation operation = (_, _) => (Interlocked.Increment(ref calls) % 4) switch
        {
            0 => Task.FromResult(true),
            1 => throw new RpcException(new Status(StatusCode.FailedPrecondition, "refused")),
            2 => throw new RpcException(new Status(StatusCode.Unavailable, "down")),
            _ => throw new WorkloadException("outcome Failed"),
        };
        var plan = new LoadPlan(1, null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300));

        var result = await new LoadRunner(TimeProvider.System).RunAsync(plan, operation);

        Assert.True(result.Operations > 100, $"{result.Operations} calls");
        Assert.True(Interlocked.Read(ref calls) > result.Operations, "calls made in the warm-up were counted");
        Assert.Equal(["FailedPrecondition", "Unavailable", "outcome Failed"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(result.Errors.Values, n => Assert.InRange(n, (result.Operations / 4) - 1, (result.Operations / 4) + 1));
        Assert.Equal(result.Operations - (result.Operations / 4), result.ErrorCount, tolerance: 1);
    }
}
