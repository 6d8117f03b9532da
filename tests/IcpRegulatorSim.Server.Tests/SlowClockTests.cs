using Grpc.Net.Client;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// A clock may run as slowly as its operator likes: at 1e-300 simulated seconds a second the next deadline is further
/// away in real time than any wait can say, and the deadline worker waits for it as for a frozen clock, without an error.
/// </summary>
public sealed class SlowClockTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("icp-slow-clock-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task A_clock_too_slow_to_ever_reach_a_deadline_is_not_an_error_of_the_deadline_worker()
    {
        var log = new StringWriter();
        await using var server = await ServerProcess.StartAsync(Path.Combine(directory.FullName, "slow.db"), log);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var gateway = new ProviderGatewayClient(channel, new GatewayOptions { Address = server.Address });
        var samples = new SampleFilings(seed: 31);

        await gateway.SetClockRateAsync(1e-300);
        // A new deadline (the codes' send time) wakes the worker, which then works out how long to wait for it.
        await gateway.SubmitAsync(samples.Company());

        // The worker runs on its own; give it real time to have its pass (an error shows within milliseconds).
        for (var waited = 0; waited < 20 && !Logged(log).Contains("fail:", StringComparison.Ordinal); waited++)
        {
            await Task.Delay(100);
        }
        Assert.DoesNotContain("fail:", Logged(log), StringComparison.Ordinal);
    }

    private static string Logged(StringWriter log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
