using System.Collections.Concurrent;
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
        var samples = new SampleFilings(seed: 21);
        var acknowledged = new ConcurrentDictionary<string, string>();
        await using (var server = await ServerProcess.StartAsync(Database, TextWriter.Null))
        {
            using var channel = GrpcChannel.ForAddress(server.Address);
            var gateway = Gateway(channel, server.Address);
            var killing = false;
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var filing = samples.CompanyInTurn();
                    try
                    {
                        var reply = await gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing });
                        acknowledged[reply.Order.OrderId] = filing.Subject.Leader.Mobile;
                        if (acknowledged.Count >= AcknowledgedBeforeKill)
                        {
                            enough.TrySetResult();
                        }
                    }
                    catch (Exception) when (Volatile.Read(ref killing))
                    {
                        // Unanswered: the call was under way when the process died, or came after.
                        return;
                    }
                }
            })).ToArray();
            // The kill comes once enough were answered, or at once if a worker failed before (its failure is reported below).
            await Task.WhenAny([enough.Task, .. workers]).Within($"{AcknowledgedBeforeKill} answered submissions");
            Volatile.Write(ref killing, true);
            await server.KillAsync();
            await Task.WhenAll(workers);
        }

        await using var restarted = await ServerProcess.StartAsync(Database, TextWriter.Null);
        using var again = GrpcChannel.ForAddress(restarted.Address);
        var regulator = Gateway(again, restarted.Address);
        foreach (var id in acknowledged.Keys)
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
        Assert.Subset(withCode, acknowledged.Values.ToHashSet(StringComparer.Ordinal));
    }

    private static ProviderGatewayClient Gateway(GrpcChannel channel, Uri address) =>
        new(channel, new GatewayOptions { Address = address, MaxAttempts = 1 });
}
