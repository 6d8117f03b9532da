using System.Collections.Concurrent;
using IcpRegulatorSim.Domain.Errors;

namespace IcpRegulatorSim.Server.Time;

/// <summary>
/// The committed clock of every world. Only the writer changes a clock, and publishes it here after the commit
/// that holds it; everything else reads. On a database other nodes share, a clock is read from the database each
/// time instead (<see cref="ReadFrom"/>): any node may have moved it a moment ago. Real time comes from the injected
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class WorldClocks(TimeProvider realTime)
{
    private readonly ConcurrentDictionary<string, WorldClock> clocks = new(StringComparer.Ordinal);
    private ClockSource? source;
    // Worlds known to exist, when clocks are read from the database: a call about a world asks whether it exists
    // before anything else. Forgotten when another node deletes one (see Forget).
    private readonly ConcurrentDictionary<string, bool> existing = new(StringComparer.Ordinal);

    /// <summary>Reads every clock from the database, each time it is asked for: the one clock of a world for all nodes.</summary>
    public void ReadFrom(
        Func<string, WorldClock?> one, Func<string, CancellationToken, Task<WorldClock?>> oneAsync,
        Func<IReadOnlyCollection<KeyValuePair<string, WorldClock>>> all) => source = new(one, oneAsync, all);

    public TimeProvider RealTime => realTime;

    public DateTimeOffset RealNow => realTime.GetUtcNow();

    /// <summary>The world's clock; a world deleted while a call about it was under way is not found, like any other.</summary>
    public WorldClock Get(string worldId) =>
        TryGet(worldId, out var clock)
            ? clock
            : throw RegulatorErrors.UnknownWorld(worldId);

    public bool TryGet(string worldId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out WorldClock clock)
    {
        if (source is { } shared)
        {
            clock = shared.One(worldId);
            return clock is not null;
        }
        return clocks.TryGetValue(worldId, out clock);
    }

    public bool Exists(string worldId)
    {
        if (source is not { } shared)
        {
            return clocks.ContainsKey(worldId);
        }
        if (existing.ContainsKey(worldId))
        {
            return true;
        }
        if (shared.One(worldId) is null)
        {
            return false;
        }
        existing[worldId] = true;
        return true;
    }

    /// <summary>Forgets that the world exists: a node deleted it, or may have (asked again at the next call).</summary>
    public void Forget(string worldId) => existing.TryRemove(worldId, out _);

    /// <summary>Forgets every world known to exist.</summary>
    public void ForgetAll() => existing.Clear();

    public DateTimeOffset Now(string worldId) => Get(worldId).Now(RealNow);

    /// <summary>
    /// The world's time, as <see cref="Now"/>; read from a shared database without holding a thread while it answers
    /// (a call's thread held for each round trip is one the other calls wait for).
    /// </summary>
    public async ValueTask<DateTimeOffset> NowAsync(string worldId, CancellationToken cancellationToken)
    {
        if (source is not { } shared)
        {
            return Now(worldId);
        }
        var clock = await shared.OneAsync(worldId, cancellationToken) ?? throw RegulatorErrors.UnknownWorld(worldId);
        return clock.Now(RealNow);
    }

    public IReadOnlyCollection<KeyValuePair<string, WorldClock>> All => source is { } shared ? shared.All() : clocks.ToArray();

    public void Publish(string worldId, WorldClock clock) => clocks[worldId] = clock;

    public void Remove(string worldId)
    {
        clocks.TryRemove(worldId, out _);
        existing.TryRemove(worldId, out _);
    }

    /// <summary>Where the clocks are read on a database other nodes share: one world's, one world's without blocking, all.</summary>
    private sealed record ClockSource(
        Func<string, WorldClock?> One, Func<string, CancellationToken, Task<WorldClock?>> OneAsync,
        Func<IReadOnlyCollection<KeyValuePair<string, WorldClock>>> All);
}
