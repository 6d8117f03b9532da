using IcpRegulatorSim.Server.Hosting;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// Applies a world's due deadlines in the writer, each at its own instant and inside a savepoint of its own, by the
/// handler of its timer owner's kind. A deadline that cannot be applied is dropped, so that it cannot wedge its world.
/// </summary>
internal sealed class DeadlineCatchUp(
    IEnumerable<IDeadlineHandler> handlers, WriterConnection connection, RegulatorMetrics metrics, ILogger logger)
{
    private readonly Dictionary<TimerOwnerKind, IDeadlineHandler> handlers = handlers.ToDictionary(h => h.Owner);

    /// <summary>
    /// Applies, in deadline order, every deadline of the session's world due at or before <paramref name="upTo"/>, at
    /// most <paramref name="maxTimers"/> timers; returns how many deadlines.
    /// </summary>
    public int Apply(WriteSession session, WorldState state, DateTimeOffset upTo, int maxTimers = int.MaxValue)
    {
        var upToMs = upTo.ToUnixTimeMilliseconds();
        var commandNow = session.Now;
        var applied = 0;
        var timers = 0;
        var db = session.Db;
        try
        {
            while ((state.NextDueMs is not { } next || next <= upToMs) && timers++ < maxTimers)
            {
                var timer = TimerStore.NextDue(db, state.WorldId, upToMs);
                if (timer is null)
                {
                    state.NextDueMs = TimerStore.EarliestDue(db, state.WorldId) ?? long.MaxValue;
                    break;
                }
                session.Now = timer.DueAt;
                // What a deadline changes has no name a declared read stands on (see DeclaredRead): the reads made
                // ahead for the commands after it are made again. (In a batch of submissions, rare: a code goes out
                // minutes after its order.)
                session.TouchAll();
                var mark = session.Mark;
                var savepoint = connection.Save("deadline");
                try
                {
                    applied += handlers[timer.Owner.Kind].Apply(session, timer);
                    TimerStore.Delete(db, state.WorldId, timer);
                    connection.Release(savepoint);
                    var lag = commandNow - timer.DueAt;
                    session.OnCommitted(() => metrics.DeadlineApplied(lag));
                }
                catch (Exception e) when (!StorageFailure.Is(e))
                {
                    // A deadline that cannot be applied must not wedge its world: drop it, and say so loudly. (A failure of
                    // the database is not the deadline's: it fails the batch, and the deadline is applied once it is back.)
                    connection.RollBack(savepoint, e);
                    session.RollBackTo(mark);
                    TimerStore.Delete(db, state.WorldId, timer);
                    logger.LogError(e, "Deadline {Kind} of {Owner} in world {World} failed and was dropped",
                        timer.DeadlineKind, timer.Owner, state.WorldId);
                }
                state.DeadlinesChanged = true;
            }
        }
        finally
        {
            session.Now = commandNow;
        }
        return applied;
    }
}
