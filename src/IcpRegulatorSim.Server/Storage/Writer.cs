using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Time;
using Microsoft.Data.Sqlite;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// The single writer: every change of state goes through here, in order. Commands are applied in batches, one
/// transaction per batch on SQLite (group commit), each command inside its own savepoint so that a refused command
/// changes nothing. A command's task completes only after the commit that holds it. Before each command, the
/// deadlines of its world that are due on the world's clock are applied first, so every command sees a world
/// whose clock-driven work is done. On a database other nodes share, a batch commits one transaction per world,
/// each holding its world's lock from its first read to its commit: the nodes' writers act on a world one at a
/// time, each reading what the one before it committed. A batch that fails to commit (the database down, its
/// connection broken) fails each of its commands as a <see cref="StorageFailure"/>, and the next batch starts on a new
/// connection: the writer goes on once the database is back.
/// </summary>
public sealed class Writer : IAsyncDisposable
{
    private const int MaxBatch = 512;

    /// <summary>
    /// At most this many orders' deadlines are applied before one command. A world far behind its clock (a running
    /// clock after a long stop) catches up over several commands, the deadline worker nudging until it has.
    /// </summary>
    private const int CatchUpLimit = 1000;

    private readonly Channel<WorkItem> queue = Channel.CreateBounded<WorkItem>(
        new BoundedChannelOptions(16_384) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Database database;
    private DbConnection connection;
    private PreparedStatements? prepared;
    private WriteBatch? pending;
    private readonly WorldClocks clocks;
    private readonly Dictionary<TimerOwnerKind, IDeadlineHandler> deadlines;
    private readonly ChangeFeed feed;
    private readonly StorageOutage outage;
    private readonly NodeExit exit;
    private readonly ILogger<Writer> logger;
    private readonly List<Action> afterCommit = [];
    private readonly Dictionary<string, WorldState> worlds = new(StringComparer.Ordinal);
    private readonly WriteSession session;
    private readonly WriteCounts counts;
    private readonly Task loop;
    private int checkpointRequested;
    // Whether a command's writes wait, after its savepoint is released, to go with the next command's first read (see
    // Commit): on PostgreSQL, each release sent on its own is a round trip the world is held for.
    private bool pipelined;
    // The outages begun when the connection was opened (see Reconnect).
    private int connectionOutages;
    private bool configurationChanged;

    public Writer(
        Database database, WorldClocks clocks, IEnumerable<IDeadlineHandler> deadlines, ChangeFeed feed, RegulatorMetrics metrics, StorageOutage outage,
        NodeExit exit, ILogger<Writer> logger)
    {
        Metrics = metrics;
        metrics.ObserveQueue(() => Pending);
        this.database = database;
        connectionOutages = outage.Count;
        connection = database.OpenWriter();
        prepared = database.Prepare(connection);
        pending = Batches(connection);
        this.clocks = clocks;
        this.deadlines = deadlines.ToDictionary(h => h.Owner);
        this.feed = feed;
        this.outage = outage;
        this.exit = exit;
        this.logger = logger;
        counts = new WriteCounts(roundTrips: !database.InProcess);
        session = new WriteSession(this);
        loop = Task.Run(RunAsync);
    }

    internal RegulatorMetrics Metrics { get; }

    /// <summary>Commands waiting for the writer: the depth of its queue.</summary>
    public int Pending => queue.Reader.Count;

    /// <summary>Raised after a commit that changed a deadline or a clock, so the deadline worker can look again.</summary>
    public event Action? DeadlinesMayHaveChanged;

    /// <summary>
    /// Queues <paramref name="work"/> for world <paramref name="worldId"/> (null: a command about no world, e.g. creating
    /// one); completes after the commit that holds it.
    /// </summary>
    public async Task<T> RunAsync<T>(string? worldId, Func<WriteSession, T> work, CancellationToken cancellationToken = default)
    {
        var item = new WorkItem<T>(worldId, work, cancellationToken);
        if (!queue.Writer.TryWrite(item))
        {
            try
            {
                await queue.Writer.WriteAsync(item, cancellationToken);
            }
            catch (ChannelClosedException e)
            {
                // The node is stopping: nothing was applied, and the call can go to another node or come again.
                throw new StorageFailure(e);
            }
        }
        return await item.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
        prepared?.Dispose();
        connection.Dispose();
    }

    /// <summary>The writer's connection, in the current batch's transaction, with its prepared statements and its batch of writes.</summary>
    internal DbSession Db => new(connection, session.Transaction, prepared, pending, counts);

    /// <summary>A batch for the writes of a connection that sends several statements in one round trip (PostgreSQL's).</summary>
    private static WriteBatch? Batches(DbConnection connection) => connection.CanCreateBatch ? new WriteBatch(connection) : null;

    internal DateTimeOffset RealNow => clocks.RealNow;

    /// <summary>Lets the deadline worker look again: another node committed (see <see cref="Database.Shared"/>).</summary>
    internal void SignalDeadlines() => DeadlinesMayHaveChanged?.Invoke();

    /// <summary>The command under way changes a world's keys, faults or existence: other nodes are told to read them again.</summary>
    internal void ConfigurationChanged() => configurationChanged = true;

    internal void NoteDeadline(string worldId, long dueAtMs)
    {
        var state = worlds[worldId];
        state.NextDueMs = state.NextDueMs is { } n ? Math.Min(n, dueAtMs) : null;
        state.DeadlinesChanged = true;
    }

    private async Task RunAsync()
    {
        var batch = new List<WorkItem>(MaxBatch);
        var done = new List<WorkItem>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                done.Clear();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
                ApplyBatch(batch, done);
                if (Interlocked.Exchange(ref checkpointRequested, 0) == 1)
                {
                    FinishCheckpoint();
                }
            }
        }
        catch (Exception e)
        {
            // A fault of the writer itself, not of a command or of the database (those fail their batch): no command
            // could be applied again. Nothing waits for an answer that will not come, and the node stops, saying why.
            queue.Writer.TryComplete();
            var failure = new StorageFailure(e);
            foreach (var item in batch.Concat(done))
            {
                item.Fail(failure);
            }
            while (queue.Reader.TryRead(out var item))
            {
                item.Fail(failure);
            }
            exit.Stop("the writer", e);
        }
    }

    /// <summary>Asks the writer to checkpoint between two batches, when no commit can run ahead of it.</summary>
    internal void RequestCheckpoint() => Interlocked.Exchange(ref checkpointRequested, 1);

    private void FinishCheckpoint()
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var result = SqliteDatabase.Checkpoint((SqliteConnection)connection);
            logger.LogDebug("Writer checkpoint: {Pages} WAL pages, complete: {Complete}, {Elapsed:F1} ms",
                result.Pages, result.Complete, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // The WAL only grows until the next request; nothing committed is at stake.
            logger.LogWarning(e, "The writer's WAL checkpoint failed");
        }
    }

    private void ApplyBatch(List<WorkItem> batch, List<WorkItem> done)
    {
        if (!database.Shared)
        {
            Commit(batch, done, null);
            return;
        }
        // One world per transaction, in the order the commands came within each; what the writer learnt of a world
        // in an earlier transaction may since have been changed by another node.
        foreach (var world in batch.GroupBy(item => item.WorldId))
        {
            worlds.Clear();
            done.Clear();
            Commit(world.ToList(), done, world.Key);
        }
    }

    /// <summary>
    /// Applies the commands of <paramref name="batch"/> in one transaction and commits it. Where writes wait to go with
    /// the next read (PostgreSQL's), a command's writes go with the next command's first read: a statement that fails
    /// there may be an earlier command's, which has already released its savepoint. Then the transaction is rolled back
    /// and the batch applied again with each command's writes sent as its savepoint is released, so that the failure
    /// is its own command's alone. A command refused or cancelled the first time keeps its answer, and is not applied
    /// again; it changed nothing.
    /// </summary>
    private void Commit(List<WorkItem> batch, List<WorkItem> done, string? world)
    {
        var started = Stopwatch.GetTimestamp();
        var outages = outage.Count;
        pipelined = pending is not null;
        while (!TryCommit(batch, done, world, started, outages))
        {
            pipelined = false;
        }
    }

    /// <returns>False when the batch is to be applied again, without pipelining (see <see cref="Commit"/>).</returns>
    private bool TryCommit(List<WorkItem> batch, List<WorkItem> done, string? world, long started, int outages)
    {
        try
        {
            Reconnect();
            configurationChanged = false;
            using var tx = connection.BeginTransaction();
            session.Transaction = tx;
            foreach (var item in batch)
            {
                if (item.IsCompleted)
                {
                    // Refused the first time the batch was applied.
                    continue;
                }
                if (item.IsCancelled)
                {
                    item.Cancel();
                    continue;
                }
                if (Apply(item))
                {
                    done.Add(item);
                }
            }
            FlushCounters();
            database.Committing(Db, world, configurationChanged);
            database.Commit(Db, tx);
        }
        catch (DbException) when (pipelined && connection.State == ConnectionState.Open)
        {
            // A statement failed (the database answered, the connection stands), and the transaction, disposed, rolled
            // back: nothing of the batch happened.
            pending?.Discard();
            worlds.Clear();
            afterCommit.Clear();
            done.Clear();
            return false;
        }
        catch (Exception e)
        {
            // The batch did not commit: nothing of it happened. Forget what was learnt about the worlds during it.
            if (StorageFailure.Is(e))
            {
                outage.Failed(e, "the writer");
            }
            else
            {
                logger.LogError(e, "A batch of {Count} commands failed to commit", batch.Count);
            }
            pending?.Discard();
            worlds.Clear();
            afterCommit.Clear();
            // Every command of it fails, including the one under way when the failure struck (those already
            // answered, refused or cancelled, keep their answer): nothing of it is stored, and each may be sent again.
            var failure = e as StorageFailure ?? new StorageFailure(e);
            foreach (var item in batch)
            {
                item.Fail(failure);
            }
            return true;
        }
        finally
        {
            session.Transaction = null;
            CountWork();
        }
        outage.Succeeded(outages);
        Metrics.Batch(batch.Count, Stopwatch.GetElapsedTime(started));
        Publish();
        foreach (var action in afterCommit)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                // What follows a commit (a metric, a clock published) never takes the writer down with it: the commit stands.
                logger.LogError(e, "An action after a commit failed");
            }
        }
        afterCommit.Clear();
        feed.Committed();
        foreach (var item in done)
        {
            item.Succeed();
        }
        return true;
    }

    /// <summary>Adds what the batch asked of the database, committed or not, to the metrics.</summary>
    private void CountWork()
    {
        // Never throws: a connection that broke under the batch has written nothing more (see TakePagesWritten).
        Metrics.WriterWork(counts.Statements, counts.RoundTrips, counts.Rows, database.TakePagesWritten(connection));
        counts.Clear();
    }

    private bool Apply(WorkItem item)
    {
        if (item.WorldId is null)
        {
            return ApplyGlobal(item);
        }
        WorldState state;
        try
        {
            state = World(item.WorldId);
        }
        catch (RegulatorException e)
        {
            item.Fail(e);
            return false;
        }
        session.Begin(state, state.Clock.Now(clocks.RealNow));
        try
        {
            ApplyDueDeadlines(state, session.Now, CatchUpLimit);
            var mark = session.Mark;
            var savepoint = Save("command");
            try
            {
                item.Run(session);
                // What the command made due at once (a review decided the instant it starts) happens in the same batch.
                ApplyDueDeadlines(state, session.Now, CatchUpLimit);
                Release(savepoint);
            }
            catch (Exception e) when (!(pipelined && StorageFailure.Is(e)))
            {
                RollBack(savepoint, e);
                // The rollback may have restored deadlines this command had applied: look them up again;
                // and the numbers it took are free again. The deadlines applied before it stand, and so do their
                // actions for after the commit.
                state.NextDueMs = null;
                session.RollBackTo(mark);
                afterCommit.AddRange(session.AfterCommit);
                item.Fail(e);
                return false;
            }
            if (session.PendingClock is { } clock)
            {
                state.Clock = clock;
                state.ClockChanged = true;
            }
            afterCommit.AddRange(session.AfterCommit);
            return true;
        }
        finally
        {
            session.End();
        }
    }

    private bool ApplyGlobal(WorkItem item)
    {
        session.BeginGlobal();
        var savepoint = Save("command");
        try
        {
            item.Run(session);
            Release(savepoint);
            afterCommit.AddRange(session.AfterCommit);
            return true;
        }
        catch (Exception e) when (!(pipelined && StorageFailure.Is(e)))
        {
            RollBack(savepoint, e);
            item.Fail(e);
            return false;
        }
        finally
        {
            session.End();
        }
    }

    /// <summary>
    /// Applies, in deadline order, every deadline of the session's world due at or before <paramref name="upTo"/>,
    /// each at its own instant; returns how many.
    /// </summary>
    internal int ApplyDueDeadlines(WorldState state, DateTimeOffset upTo, int maxTimers = int.MaxValue)
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
                var mark = session.Mark;
                var savepoint = Save("deadline");
                try
                {
                    applied += deadlines[timer.Owner.Kind].Apply(session, timer);
                    TimerStore.Delete(db, state.WorldId, timer);
                    Release(savepoint);
                    var lag = commandNow - timer.DueAt;
                    session.OnCommitted(() => Metrics.DeadlineApplied(lag));
                }
                catch (Exception e) when (!StorageFailure.Is(e))
                {
                    // A deadline that cannot be applied must not wedge its world: drop it, and say so loudly. (A failure of
                    // the database is not the deadline's: it fails the batch, and the deadline is applied once it is back.)
                    RollBack(savepoint, e);
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

    /// <summary>Writes the counters the batch advanced, in its transaction.</summary>
    private void FlushCounters()
    {
        var db = Db;
        foreach (var state in worlds.Values.Where(w => w.CountersDirty))
        {
            WorldStore.SaveCounters(db, state.WorldId, state.Counters);
            state.CountersDirty = false;
        }
    }

    internal WorldState World(string worldId)
    {
        if (worlds.TryGetValue(worldId, out var state))
        {
            return state;
        }
        var locked = database.LockWorld(Db, worldId)
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

    /// <summary>Forgets a world deleted by the command under way, keeping what its counters reached in the transaction.</summary>
    internal void Retire(WorldState state)
    {
        if (state.CountersDirty)
        {
            WorldStore.SaveCounters(Db, state.WorldId, state.Counters);
        }
        worlds.Remove(state.WorldId);
    }

    /// <summary>Takes back a world retired by a command that then rolled back.</summary>
    internal void Restore(WorldState state) => worlds[state.WorldId] = state;

    private void Publish()
    {
        var signal = false;
        foreach (var state in worlds.Values)
        {
            if (state.ClockChanged)
            {
                clocks.Publish(state.WorldId, state.Clock);
                state.ClockChanged = false;
                signal = true;
            }
            if (state.DeadlinesChanged)
            {
                state.DeadlinesChanged = false;
                signal = true;
            }
        }
        if (signal)
        {
            DeadlinesMayHaveChanged?.Invoke();
        }
    }

    private void Exec(string sql) => Db.Execute(sql);

    /// <summary>Opens a savepoint: on PostgreSQL it waits, with the writes after it, to go with the next statement read.</summary>
    private Savepoint Save(string name)
    {
        var savepoint = new Savepoint(name, pending?.Mark ?? default);
        Db.Write($"SAVEPOINT {name}");
        return savepoint;
    }

    /// <summary>
    /// Releases a savepoint: pipelined, it waits with the command's writes for the next read (a failure among them fails
    /// the batch, see <see cref="Commit"/>); else it goes at once, so that a failed write fails its own command.
    /// </summary>
    private void Release(Savepoint savepoint)
    {
        if (pipelined)
        {
            Db.Write($"RELEASE {savepoint.Name}");
        }
        else
        {
            Exec($"RELEASE {savepoint.Name}");
        }
    }

    /// <summary>
    /// Undoes what was done since <paramref name="savepoint"/>, for a command or deadline that failed with
    /// <paramref name="failure"/>. Still waiting to be sent, the savepoint and what followed it are dropped, and nothing
    /// reaches the database (what waits before it, of the commands before, still goes); once sent, the writes still
    /// waiting are dropped and the database rolls back to it. A transaction that cannot roll back (its connection broke,
    /// or the database ended it) is lost with its whole batch: that is a <see cref="StorageFailure"/>.
    /// </summary>
    private void RollBack(Savepoint savepoint, Exception failure)
    {
        if (pending?.DropSince(savepoint.Mark) == true)
        {
            return;
        }
        try
        {
            Exec($"ROLLBACK TO {savepoint.Name}; RELEASE {savepoint.Name}");
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            throw new StorageFailure(StorageFailure.Is(failure) ? failure : e);
        }
    }

    /// <summary>A savepoint of the writer's transaction, and where in the batch of writes its statement went.</summary>
    private readonly record struct Savepoint(string Name, WriteBatch.Position Mark);

    /// <summary>
    /// Opens the writer's connection again after it broke (a PostgreSQL server restarted, a network cut); or after an
    /// outage of the database began since it was opened, even if it looks open: a connection left idle through a
    /// restart of the server is closed at the other end, and would fail the first batch after it.
    /// </summary>
    private void Reconnect()
    {
        var outages = outage.Count;
        if (connection.State == ConnectionState.Open && outages == connectionOutages)
        {
            return;
        }
        connectionOutages = outages;
        prepared?.Dispose();
        prepared = null;
        connection.Dispose();
        connection = database.OpenWriter();
        prepared = database.Prepare(connection);
        pending = Batches(connection);
    }

    private abstract class WorkItem(string? worldId, CancellationToken cancellationToken)
    {
        public string? WorldId { get; } = worldId;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public bool IsCancelled => CancellationToken.IsCancellationRequested;
        public abstract bool IsCompleted { get; }
        public abstract void Run(WriteSession session);
        public abstract void Succeed();
        public abstract void Fail(Exception e);
        public abstract void Cancel();
    }

    private sealed class WorkItem<T>(string? worldId, Func<WriteSession, T> work, CancellationToken cancellationToken)
        : WorkItem(worldId, cancellationToken)
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Task<T> Task => completion.Task;
        public override bool IsCompleted => completion.Task.IsCompleted;
        public override void Run(WriteSession session) => result = work(session);
        public override void Succeed() => completion.TrySetResult(result!);
        public override void Fail(Exception e) => completion.TrySetException(e);
        public override void Cancel() => completion.TrySetCanceled(CancellationToken);
    }
}

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

/// <summary>Applies the due deadlines of one kind of timer owner; implemented by the desks that own its rules.</summary>
public interface IDeadlineHandler
{
    /// <summary>The kind of owner whose timers this applies (one handler per kind).</summary>
    TimerOwnerKind Owner { get; }

    /// <summary>Applies what is due on the timer's owner by the timer's instant; returns how many deadlines that was.</summary>
    int Apply(WriteSession session, TimerRow timer);
}
