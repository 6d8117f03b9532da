using System.Collections.Concurrent;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.Testing;

/// <summary>What the regulator answered for one order: the facts that must survive the process.</summary>
public sealed record AcknowledgedOrder(string OrderId, OrderStatus Status, DateTimeOffset? ValidationDeadline, IReadOnlyList<string> Mobiles);

/// <summary>
/// Workers that submit a new company each, call after call, until the server is killed under them: every answer is
/// recorded, and a call that fails before the kill fails the load.
/// </summary>
public sealed class SubmitLoad
{
    private readonly ConcurrentDictionary<string, AcknowledgedOrder> acknowledged = new(StringComparer.Ordinal);
    private readonly Task[] workers;
    private readonly List<(int Count, TaskCompletionSource Reached)> waiters = [];
    private bool killing;
    private bool stopping;

    private SubmitLoad(ProviderGatewayClient gateway, SampleFilings samples, int workers) =>
        this.workers = Enumerable.Range(0, workers).Select(_ => Task.Run(() => SubmitUntilKilledAsync(gateway, samples))).ToArray();

    /// <summary>Starts <paramref name="workers"/> workers; give the gateway no retries, so that an answer is one commit.</summary>
    public static SubmitLoad Start(ProviderGatewayClient gateway, SampleFilings samples, int workers) => new(gateway, samples, workers);

    public IReadOnlyDictionary<string, AcknowledgedOrder> Acknowledged => acknowledged;

    public bool Faulted => workers.Any(w => w.IsFaulted);

    /// <summary>Completes once <paramref name="count"/> orders are acknowledged, or at once when a worker fails (the failure is then the load's).</summary>
    public Task UntilAcknowledgedAsync(int count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiters)
        {
            waiters.Add((count, reached));
        }
        Notify();
        return Task.WhenAny([reached.Task, .. workers]);
    }

    /// <summary>Kills the server under the workers and waits for them: calls under way then are unanswered, not failed.</summary>
    public async Task KillAsync(ServerProcess server)
    {
        Volatile.Write(ref killing, true);
        await server.KillAsync();
        await Task.WhenAll(workers);
    }

    /// <summary>Lets each worker finish the call it has under way, then stop; completes when all have.</summary>
    public async Task StopAsync()
    {
        Volatile.Write(ref stopping, true);
        await Task.WhenAll(workers);
    }

    private void Notify()
    {
        lock (waiters)
        {
            foreach (var waiter in waiters.Where(w => acknowledged.Count >= w.Count))
            {
                waiter.Reached.TrySetResult();
            }
            waiters.RemoveAll(w => w.Reached.Task.IsCompleted);
        }
    }

    private async Task SubmitUntilKilledAsync(ProviderGatewayClient gateway, SampleFilings samples)
    {
        while (!Volatile.Read(ref stopping))
        {
            var filing = samples.CompanyInTurn();
            try
            {
                var order = (await gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing })).Order;
                acknowledged[order.OrderId] = new AcknowledgedOrder(order.OrderId, order.Status, order.ValidationDeadline?.ToDateTimeOffset(),
                    order.SmsValidations.Select(v => v.Mobile).ToArray());
                Notify();
            }
            catch (Exception) when (Volatile.Read(ref killing))
            {
                // Unanswered: the call was under way when the process died, or came after.
                return;
            }
        }
    }
}
