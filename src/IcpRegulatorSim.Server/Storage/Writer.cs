using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Time;

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
    private readonly WriterConnection connection;
    private readonly WriterWorlds worlds;
    private readonly DeadlineCatchUp deadlines;
    private readonly WorldClocks clocks;
    private readonly ChangeFeed feed;
    private readonly StorageOutage outage;
    private readonly NodeExit exit;
    private readonly ILogger<Writer> logger;
    private readonly List<Action> afterCommit = [];
    private readonly WriteSession session;
    private readonly Task loop;
    private int checkpointRequested;

    public Writer(
        Database database, WorldClocks clocks, IEnumerable<IDeadlineHandler> deadlines, ChangeFeed feed, RegulatorMetrics metrics, StorageOutage outage,
        NodeExit exit, ILogger<Writer> logger)
    {
        Metrics = metrics;
        metrics.ObserveQueue(() => Pending);
        this.database = database;
        connection = new WriterConnection(database, outage);
        worlds = new WriterWorlds(database, clocks);
        this.deadlines = new DeadlineCatchUp(deadlines, connection, metrics, logger);
        this.clocks = clocks;
        this.feed = feed;
        this.outage = outage;
        this.exit = exit;
        this.logger = logger;
        session = new WriteSession(connection, worlds, this.deadlines, metrics, clocks);
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
    public Task<T> RunAsync<T>(string? worldId, Func<WriteSession, T> work, CancellationToken cancellationToken = default) =>
        RunAsync(worldId, work, read: null, cancellationToken);

    /// <summary>
    /// Queues <paramref name="work"/> as <see cref="RunAsync{T}(string?, Func{WriteSession, T}, CancellationToken)"/>
    /// does, with the read it makes first declared (<see cref="DeclaredRead"/>), so that the writer can make it with
    /// its batch's others.
    /// </summary>
    public async Task<T> RunAsync<T>(string? worldId, Func<WriteSession, T> work, DeclaredRead? read, CancellationToken cancellationToken = default)
    {
        var item = new WorkItem<T>(worldId, work, read, cancellationToken);
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
        connection.Dispose();
    }

    /// <summary>Lets the deadline worker look again: another node committed (see <see cref="Database.Shared"/>).</summary>
    internal void SignalDeadlines() => DeadlinesMayHaveChanged?.Invoke();

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
            var result = connection.Checkpoint();
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
        connection.Pipelined = connection.CanPipeline;
        while (!TryCommit(batch, done, world, started, outages))
        {
            connection.Pipelined = false;
        }
    }

    /// <returns>False when the batch is to be applied again, without pipelining (see <see cref="Commit"/>).</returns>
    private bool TryCommit(List<WorkItem> batch, List<WorkItem> done, string? world, long started, int outages)
    {
        try
        {
            session.ConfigurationChanged = false;
            using var tx = connection.Begin();
            session.BeginTransaction();
            if (connection.Pipelined)
            {
                ReadAhead(batch);
            }
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
            worlds.FlushCounters(connection.Db);
            database.Committing(connection.Db, world, session.ConfigurationChanged);
            database.Commit(connection.Db, tx);
        }
        catch (DbException) when (connection.Pipelined && connection.IsOpen)
        {
            // A statement failed (the database answered, the connection stands), and the transaction, disposed, rolled
            // back: nothing of the batch happened.
            connection.Discard();
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
            connection.Discard();
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
            connection.End();
            CountWork();
        }
        outage.Succeeded(outages);
        Metrics.Batch(batch.Count, Stopwatch.GetElapsedTime(started));
        if (worlds.Publish())
        {
            DeadlinesMayHaveChanged?.Invoke();
        }
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

    /// <summary>
    /// Makes the reads the batch's commands declared (<see cref="DeclaredRead"/>) in one round trip, once their world
    /// is locked (the lock is the transaction's first read: what is read after it, no other node changes until the
    /// commit). A world that does not exist is left to its commands to find.
    /// </summary>
    private void ReadAhead(List<WorkItem> batch)
    {
        foreach (var item in batch)
        {
            // Read in a transaction that did not commit, or not at all.
            item.Read?.Forget();
        }
        var world = batch[0].WorldId;
        var reads = batch
            .Where(item => item.Read is not null && item.WorldId == world && !item.IsCompleted && !item.IsCancelled)
            .Select(item => item.Read!)
            .ToList();
        // A single read gains nothing: it goes with its own command's writes before it.
        if (world is null || reads.Count < 2)
        {
            return;
        }
        try
        {
            worlds.World(connection.Db, world);
        }
        catch (RegulatorException)
        {
            return;
        }
        connection.Db.ReadTogether([.. reads.Select(r => (r.Sql, r.Args))], (i, reader) => reads[i].Load(reader));
        session.ReadAhead();
    }

    /// <summary>Adds what the batch asked of the database, committed or not, to the metrics.</summary>
    private void CountWork()
    {
        // Never throws: a connection that broke under the batch has written nothing more (see TakePagesWritten).
        var counts = connection.Counts;
        Metrics.WriterWork(counts.Statements, counts.RoundTrips, counts.Rows, connection.TakePagesWritten());
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
            state = worlds.World(connection.Db, item.WorldId);
        }
        catch (RegulatorException e)
        {
            item.Fail(e);
            return false;
        }
        session.Begin(state, state.Clock.Now(clocks.RealNow));
        if (item.Read is null)
        {
            // What it reads and writes has no name: a later command's read ahead may no longer hold.
            session.TouchAll();
        }
        try
        {
            deadlines.Apply(session, state, session.Now, CatchUpLimit);
            var mark = session.Mark;
            var savepoint = connection.Save("command");
            try
            {
                item.Run(session);
                // What the command made due at once (a review decided the instant it starts) happens in the same batch.
                deadlines.Apply(session, state, session.Now, CatchUpLimit);
                connection.Release(savepoint);
            }
            catch (Exception e) when (!(connection.Pipelined && StorageFailure.Is(e)))
            {
                connection.RollBack(savepoint, e);
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
            if (item.Read is { } read)
            {
                session.Touch(read);
            }
            session.End();
        }
    }

    private bool ApplyGlobal(WorkItem item)
    {
        session.BeginGlobal();
        session.TouchAll();
        var savepoint = connection.Save("command");
        try
        {
            item.Run(session);
            connection.Release(savepoint);
            afterCommit.AddRange(session.AfterCommit);
            return true;
        }
        catch (Exception e) when (!(connection.Pipelined && StorageFailure.Is(e)))
        {
            connection.RollBack(savepoint, e);
            item.Fail(e);
            return false;
        }
        finally
        {
            session.End();
        }
    }

    private abstract class WorkItem(string? worldId, DeclaredRead? read, CancellationToken cancellationToken)
    {
        public string? WorldId { get; } = worldId;
        public DeclaredRead? Read { get; } = read;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public bool IsCancelled => CancellationToken.IsCancellationRequested;
        public abstract bool IsCompleted { get; }
        public abstract void Run(WriteSession session);
        public abstract void Succeed();
        public abstract void Fail(Exception e);
        public abstract void Cancel();
    }

    private sealed class WorkItem<T>(string? worldId, Func<WriteSession, T> work, DeclaredRead? read, CancellationToken cancellationToken)
        : WorkItem(worldId, read, cancellationToken)
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
