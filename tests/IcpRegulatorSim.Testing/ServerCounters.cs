using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace IcpRegulatorSim.Testing;

/// <summary>
/// The counters one in-process server records from now on, summed by name, from its own meters: the /metrics of a
/// server in a test process also counts the other servers the process runs at the same time.
/// </summary>
public sealed class ServerCounters : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> sums = new(StringComparer.Ordinal);

    public ServerCounters(RegulatorServer server)
    {
        var meters = server.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => sums.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        listener.Start();
    }

    /// <summary>The sum of what the counter named <paramref name="name"/> (e.g. <c>icp.orders.submitted</c>) recorded so far.</summary>
    public long this[string name] => sums.GetValueOrDefault(name);

    public void Dispose() => listener.Dispose();
}
