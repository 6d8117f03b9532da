using System.Data;
using System.Data.Common;
using IcpRegulatorSim.Server.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// The writer's connection to its database: the transaction of the batch under way, the statements prepared on it,
/// the writes that wait to go with the next read (PostgreSQL's), and the savepoints that make each command's writes
/// its own. It opens again after the database broke it.
/// </summary>
internal sealed class WriterConnection : IDisposable
{
    private readonly Database database;
    private readonly StorageOutage outage;
    private DbConnection connection;
    private PreparedStatements? prepared;
    private WriteBatch? pending;
    // The outages begun when the connection was opened (see Reconnect).
    private int connectionOutages;

    public WriterConnection(Database database, StorageOutage outage)
    {
        this.database = database;
        this.outage = outage;
        connectionOutages = outage.Count;
        connection = database.OpenWriter();
        prepared = database.Prepare(connection);
        pending = Batches(connection);
        Counts = new WriteCounts(roundTrips: !database.InProcess);
    }

    /// <summary>What the batch under way asked of the database: statements, round trips, rows.</summary>
    public WriteCounts Counts { get; }

    /// <summary>The transaction of the batch under way, or null between batches.</summary>
    public DbTransaction? Transaction { get; private set; }

    /// <summary>
    /// Whether a command's writes wait, after its savepoint is released, to go with the next command's first read (see
    /// Writer.Commit): on PostgreSQL, each release sent on its own is a round trip the world is held for.
    /// </summary>
    public bool Pipelined { get; set; }

    /// <summary>Whether writes can wait to go with the next read at all (a connection that batches statements).</summary>
    public bool CanPipeline => pending is not null;

    /// <summary>Whether the connection still stands (a statement failed on it, rather than the connection breaking).</summary>
    public bool IsOpen => connection.State == ConnectionState.Open;

    /// <summary>The connection, in the current batch's transaction, with its prepared statements and its batch of writes.</summary>
    public DbSession Db => new(connection, Transaction, prepared, pending, Counts);

    /// <summary>Begins the batch's transaction, on a connection opened again if it broke.</summary>
    public DbTransaction Begin()
    {
        Reconnect();
        Transaction = connection.BeginTransaction();
        return Transaction;
    }

    /// <summary>The batch's transaction is over (committed, or disposed and so rolled back).</summary>
    public void End() => Transaction = null;

    /// <summary>Drops the writes still waiting to be sent: their transaction did not commit.</summary>
    public void Discard() => pending?.Discard();

    /// <summary>The pages the connection wrote since the last call (SQLite's); never throws.</summary>
    public long TakePagesWritten() => database.TakePagesWritten(connection);

    /// <summary>Checkpoints SQLite's WAL on the writer's own connection, when no commit can run ahead of it.</summary>
    public WalCheckpoint Checkpoint() => SqliteDatabase.Checkpoint((SqliteConnection)connection);

    /// <summary>Opens a savepoint: on PostgreSQL it waits, with the writes after it, to go with the next statement read.</summary>
    public Savepoint Save(string name)
    {
        var savepoint = new Savepoint(name, pending?.Mark ?? default);
        Db.Write($"SAVEPOINT {name}");
        return savepoint;
    }

    /// <summary>
    /// Releases a savepoint: pipelined, it waits with the command's writes for the next read (a failure among them fails
    /// the batch, see Writer.Commit); else it goes at once, so that a failed write fails its own command.
    /// </summary>
    public void Release(Savepoint savepoint)
    {
        if (Pipelined)
        {
            Db.Write($"RELEASE {savepoint.Name}");
        }
        else
        {
            Db.Execute($"RELEASE {savepoint.Name}");
        }
    }

    /// <summary>
    /// Undoes what was done since <paramref name="savepoint"/>, for a command or deadline that failed with
    /// <paramref name="failure"/>. Still waiting to be sent, the savepoint and what followed it are dropped, and nothing
    /// reaches the database (what waits before it, of the commands before, still goes); once sent, the writes still
    /// waiting are dropped and the database rolls back to it. A transaction that cannot roll back (its connection broke,
    /// or the database ended it) is lost with its whole batch: that is a <see cref="StorageFailure"/>.
    /// </summary>
    public void RollBack(Savepoint savepoint, Exception failure)
    {
        if (pending?.DropSince(savepoint.Mark) == true)
        {
            return;
        }
        try
        {
            Db.Execute($"ROLLBACK TO {savepoint.Name}; RELEASE {savepoint.Name}");
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            throw new StorageFailure(StorageFailure.Is(failure) ? failure : e);
        }
    }

    public void Dispose()
    {
        prepared?.Dispose();
        connection.Dispose();
    }

    /// <summary>A batch for the writes of a connection that sends several statements in one round trip (PostgreSQL's).</summary>
    private static WriteBatch? Batches(DbConnection connection) => connection.CanCreateBatch ? new WriteBatch(connection) : null;

    /// <summary>
    /// Opens the connection again after it broke (a PostgreSQL server restarted, a network cut); or after an outage of
    /// the database began since it was opened, even if it looks open: a connection left idle through a restart of the
    /// server is closed at the other end, and would fail the first batch after it.
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
}

