using IcpRegulatorSim.Server.Time;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// What the writer knows of a world while it works: its seed, its clock, its earliest deadline, and its counters
/// (order ids, each provider's event numbers, outbox numbers), taken in memory and written once per batch.
/// </summary>
internal sealed class WorldState(string worldId, long seed, WorldClock clock)
{
    public string WorldId { get; } = worldId;
    public long Seed { get; } = seed;
    public WorldClock Clock { get; set; } = clock;
    /// <summary>The next value of each counter loaded so far (see WorldStore.OrderCounter); one not here is read from the database.</summary>
    public Dictionary<string, long> Counters { get; } = new(StringComparer.Ordinal);
    public bool CountersDirty { get; set; }
    /// <summary>Whether the world may hold domain registrations or blacklist entries; null means look. True is always safe.</summary>
    public bool? MayHaveRegistryFixtures { get; set; }
    /// <summary>The earliest deadline, or null when unknown (look it up); never later than the real one.</summary>
    public long? NextDueMs { get; set; }
    public bool ClockChanged { get; set; }
    public bool DeadlinesChanged { get; set; }
}
