using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// Nothing acknowledged is lost even when the process is killed outright in the middle of a stream of submissions:
/// the server, a process of its own, answers only after the commit that holds the order, so after a restart on the
/// same file every answered order is there, and the timers that send its codes still fire.
/// </summary>
[Collection(ServerProcess.UnderLoad)]
public sealed class KillTests : IDisposable
{
    private const int Workers = 16;
    private const int AcknowledgedBeforeKill = 600;

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("icp-kill-");

    private string Database => Path.Combine(directory.FullName, "kill.db");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task Every_order_answered_before_a_kill_is_there_after_a_restart_and_its_codes_go_out()
    {
        SubmitLoad load;
        await using (var server = await ServerProcess.StartAsync(Database, TextWriter.Null))
        {
            using var channel = GrpcChannel.ForAddress(server.Address);
            load = SubmitLoad.Start(Gateway(channel, server.Address), new SampleFilings(seed: 21), Workers);
            // The kill comes once enough were answered, or at once if a worker failed before (its failure is reported below).
            await load.UntilAcknowledgedAsync(AcknowledgedBeforeKill).Within($"{AcknowledgedBeforeKill} answered submissions");
            await load.KillAsync(server);
        }

        await using var restarted = await ServerProcess.StartAsync(Database, TextWriter.Null);
        using var again = GrpcChannel.ForAddress(restarted.Address);
        var regulator = Gateway(again, restarted.Address);
        foreach (var id in load.Acknowledged.Keys)
        {
            Assert.Equal(OrderStatus.AwaitingSmsValidation, (await regulator.GetFilingAsync(id)).Status);
        }

        var rules = await regulator.GetRulesAsync();
        await regulator.AdvanceClockAsync(rules.SmsSyncDelay.ToTimeSpan() + rules.SmsSendDelay.ToTimeSpan());
        var withCode = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var m in regulator.AllMessagesAsync())
        {
            if (m.VerificationCode() is not null)
            {
                withCode.Add(m.Recipient);
            }
        }
        Assert.Subset(withCode, load.Acknowledged.Values.SelectMany(o => o.Mobiles).ToHashSet(StringComparer.Ordinal));
    }

    private static ProviderGatewayClient Gateway(GrpcChannel channel, Uri address) =>
        new(channel, new GatewayOptions { Address = address, MaxAttempts = 1 });
}
