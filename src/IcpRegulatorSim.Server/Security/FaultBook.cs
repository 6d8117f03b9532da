using System.Collections.Concurrent;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Security;

/// <summary>The faults injected in each world's calls, as committed: the fault interceptor reads them on every call.</summary>
public sealed class FaultBook
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<FaultRow>> faults = new(StringComparer.Ordinal);

    // Kept beside the dictionary: its own emptiness check takes every lock, and every call asks.
    private volatile int worldsWithFaults;

    /// <summary>Whether any world has faults: when none has (the usual case), a call need not even look up its world.</summary>
    public bool Any => worldsWithFaults > 0;

    public IReadOnlyList<FaultRow> For(string worldId) => faults.GetValueOrDefault(worldId) ?? [];

    public void Set(string worldId, IReadOnlyList<FaultRow> worldFaults)
    {
        if (worldFaults.Count == 0)
        {
            faults.TryRemove(worldId, out _);
        }
        else
        {
            faults[worldId] = worldFaults;
        }
        worldsWithFaults = faults.Count;
    }
}
