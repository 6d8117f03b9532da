using System.Collections.Concurrent;

namespace IcpRegulatorSim.Server.Time;

/// <summary>
/// The committed clock of every world. Only the writer changes a clock, and publishes it here after the commit
/// that holds it; everything else reads. Real time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class WorldClocks(TimeProvider realTime)
{
    private readonly ConcurrentDictionary<string, WorldClock> clocks = new(StringComparer.Ordinal);

    public TimeProvider RealTime => realTime;

    public DateTimeOffset RealNow => realTime.GetUtcNow();

    public WorldClock Get(string worldId) =>
        clocks.TryGetValue(worldId, out var clock) ? clock : throw new KeyNotFoundException($"No clock for world '{worldId}'.");

    public bool Exists(string worldId) => clocks.ContainsKey(worldId);

    public DateTimeOffset Now(string worldId) => Get(worldId).Now(RealNow);

    public IReadOnlyCollection<KeyValuePair<string, WorldClock>> All => clocks.ToArray();

    public void Publish(string worldId, WorldClock clock) => clocks[worldId] = clock;

    public void Remove(string worldId) => clocks.TryRemove(worldId, out _);
}
