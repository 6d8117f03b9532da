using System.Collections.Concurrent;
using IcpRegulatorSim.Domain.Errors;

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

    /// <summary>The world's clock; a world deleted while a call about it was under way is not found, like any other.</summary>
    public WorldClock Get(string worldId) =>
        clocks.TryGetValue(worldId, out var clock)
            ? clock
            : throw new RegulatorException(RegulatorErrors.WorldNotFound, detailEn: $"('{worldId}')", detailZh: $"（{worldId}）");

    public bool TryGet(string worldId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out WorldClock clock) =>
        clocks.TryGetValue(worldId, out clock);

    public bool Exists(string worldId) => clocks.ContainsKey(worldId);

    public DateTimeOffset Now(string worldId) => Get(worldId).Now(RealNow);

    public IReadOnlyCollection<KeyValuePair<string, WorldClock>> All => clocks.ToArray();

    public void Publish(string worldId, WorldClock clock) => clocks[worldId] = clock;

    public void Remove(string worldId) => clocks.TryRemove(worldId, out _);
}
