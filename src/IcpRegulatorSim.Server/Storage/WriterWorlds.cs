using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Server.Time;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// What the writer has learnt of the worlds its batch acts on: each world's state, read (and on a shared database
/// locked) by the first command that needs it, its counters written once per batch, and its clock and deadlines
/// published after the commit. Forgotten when a batch fails, or at the start of each world's transaction on a database
/// other nodes share.
/// </summary>
internal sealed class WriterWorlds(Database database, WorldClocks clocks)
{
    private readonly Dictionary<string, WorldState> worlds = new(StringComparer.Ordinal);

    /// <summary>The world's state, locking and reading the world in the batch's transaction the first time.</summary>
    public WorldState World(DbSession db, string worldId)
    {
        if (worlds.TryGetValue(worldId, out var state))
        {
            return state;
        }
        var locked = database.LockWorld(db, worldId)
            ?? throw RegulatorErrors.UnknownWorld(worldId);
        state = new WorldState(worldId, locked.Row.Seed, locked.Row.Clock)
        {
            NextDueMs = locked.EarliestDueMs,
            MayHaveRegistryFixtures = locked.MayHaveRegistryFixtures,
        };
        if (locked.NextOrder is { } order)
        {
            state.Counters[WorldStore.OrderCounter] = order;
        }
        if (locked.NextMessage is { } message)
        {
            state.Counters[WorldStore.MessageCounter] = message;
        }
        worlds[worldId] = state;
        return state;
    }

    /// <summary>A deadline due at <paramref name="dueAtMs"/> was set in the world: its earliest may have moved.</summary>
    public void NoteDeadline(string worldId, long dueAtMs)
    {
        var state = worlds[worldId];
        state.NextDueMs = state.NextDueMs is { } n ? Math.Min(n, dueAtMs) : null;
        state.DeadlinesChanged = true;
    }

    /// <summary>Forgets a world deleted by the command under way, keeping what its counters reached in the transaction.</summary>
    public void Retire(DbSession db, WorldState state)
    {
        if (state.CountersDirty)
        {
            WorldStore.SaveCounters(db, state.WorldId, state.Counters);
        }
        worlds.Remove(state.WorldId);
    }

    /// <summary>Takes back a world retired by a command that then rolled back.</summary>
    public void Restore(WorldState state) => worlds[state.WorldId] = state;

    /// <summary>Writes the counters the batch advanced, in its transaction.</summary>
    public void FlushCounters(DbSession db)
    {
        foreach (var state in worlds.Values.Where(w => w.CountersDirty))
        {
            WorldStore.SaveCounters(db, state.WorldId, state.Counters);
            state.CountersDirty = false;
        }
    }

    /// <summary>
    /// After a commit: publishes the clocks the batch moved; returns whether a clock or a deadline changed, so the
    /// deadline worker can look again.
    /// </summary>
    public bool Publish()
    {
        var changed = false;
        foreach (var state in worlds.Values)
        {
            if (state.ClockChanged)
            {
                clocks.Publish(state.WorldId, state.Clock);
                state.ClockChanged = false;
                changed = true;
            }
            if (state.DeadlinesChanged)
            {
                state.DeadlinesChanged = false;
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>Forgets every world: what was learnt may since have changed (a batch that failed, another node's commit).</summary>
    public void Clear() => worlds.Clear();
}
