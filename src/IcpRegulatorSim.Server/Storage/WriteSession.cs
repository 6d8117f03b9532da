using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Time;
using IcpRegulatorSim.Server.Time;
using Microsoft.Data.Sqlite;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// What a command sees inside the writer: the transaction, its world, and the world's time — read once when the
/// command starts (or the deadline's own instant while a deadline is applied).
/// </summary>
public sealed class WriteSession
{
    private readonly Writer writer;
    private WorldState? state;

    internal WriteSession(Writer writer) => this.writer = writer;

    public DbSession Db => new(writer.Connection, Transaction);
    public string WorldId => State.WorldId;
    public long Seed => State.Seed;
    public DateTimeOffset Now { get; internal set; }
    public WorldClock Clock => PendingClock ?? State.Clock;

    internal SqliteTransaction? Transaction { get; set; }
    internal WorldClock? PendingClock { get; private set; }
    internal List<Action> AfterCommit { get; } = [];

    /// <summary>Runs <paramref name="action"/> once the command's batch has committed (never if it does not).</summary>
    public void OnCommitted(Action action) => AfterCommit.Add(action);

    /// <summary>Drops the writer's knowledge of a world, once the command that deleted it has committed.</summary>
    public void ForgetWorldOnCommit(string worldId) => OnCommitted(() => writer.Forget(worldId));

    private WorldState State => state ?? throw new InvalidOperationException("No command is being applied.");

    public ReviewPlanner Planner(RuleBook rules) => ReviewPlanner.For(rules, Seed);

    /// <summary>Saves an order and everything derived from it, and lets the writer know of its deadlines.</summary>
    public void Save(FilingOrder order, bool isNew)
    {
        if (OrderStore.Save(Db, WorldId, order, isNew) is { } earliest)
        {
            writer.NoteDeadline(WorldId, earliest);
        }
    }

    /// <summary>Moves the world's clock to <paramref name="target"/>, applying every deadline on the way in order; returns how many.</summary>
    public int AdvanceClockTo(DateTimeOffset target)
    {
        var applied = writer.ApplyDueDeadlines(State, target);
        SetClock(Clock.SetTo(target, writer.RealNow));
        Now = target;
        return applied;
    }

    public void SetClock(WorldClock clock)
    {
        PendingClock = clock;
        WorldStore.SaveClock(Db, WorldId, clock);
    }

    /// <summary>Empties the world and returns its clock to where it started.</summary>
    public void ResetWorld()
    {
        WorldStore.Clear(Db, WorldId);
        State.NextDueMs = null;
        var clock = Clock;
        SetClock(clock.SetTo(DateTimeOffset.FromUnixTimeMilliseconds(clock.StartMs), writer.RealNow));
    }

    internal void Begin(WorldState world, DateTimeOffset now)
    {
        state = world;
        Now = now;
    }

    internal void BeginGlobal()
    {
        state = null;
        Now = writer.RealNow;
    }

    internal void End()
    {
        PendingClock = null;
        state = null;
        AfterCommit.Clear();
    }
}
