using System.Data.Common;
using IcpRegulatorSim.Server.Storage.Postgres;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// The store behind the desks: the embedded SQLite file (<see cref="SqliteDatabase"/>, one server process) or a
/// PostgreSQL database that several server processes share (<see cref="PostgresDatabase"/>). The stores' SQL runs on
/// either through <see cref="DbSession"/>; what differs between them is here.
/// </summary>
public abstract class Database : IDisposable
{
    /// <summary>
    /// Opens what <paramref name="data"/> names: a PostgreSQL database (<c>postgres://…</c>, <c>postgresql://…</c>, or
    /// Npgsql's <c>Host=…;…</c>), else a SQLite file (or <c>:memory:</c>).
    /// </summary>
    public static Database Open(string data, bool fullSync) =>
        PostgresDatabase.Names(data) ? new PostgresDatabase(data) : new SqliteDatabase(data, fullSync);

    /// <summary>
    /// Whether other server processes may write to it too. Then each of the writer's transactions holds one world,
    /// locked; and what a node keeps in memory (counters, clocks, keys) is read again or told of changes.
    /// </summary>
    public abstract bool Shared { get; }

    /// <summary>Runs <paramref name="query"/> on a connection of its own; reads see the last commit and never wait for the writer.</summary>
    public abstract T Read<T>(Func<DbSession, T> query);

    /// <summary>Runs <paramref name="work"/> in a transaction of its own, outside the writer (what a node does as it starts).</summary>
    public abstract T Transact<T>(Func<DbSession, T> work);

    /// <summary>Applies the numbered migrations the database has not seen yet.</summary>
    public abstract void Migrate();

    /// <summary>Whether each statement is a call into a library in this process (SQLite), not a round trip to a server.</summary>
    public abstract bool InProcess { get; }

    /// <summary>The writer's connection.</summary>
    internal abstract DbConnection OpenWriter();

    /// <summary>The database pages the writer's connection has written since it was last asked (SQLite's; none elsewhere).</summary>
    internal virtual long TakePagesWritten(DbConnection writer) => 0;

    /// <summary>The writer's statements, prepared once and kept; null where the driver keeps its own.</summary>
    internal virtual PreparedStatements? Prepare(DbConnection writer) => null;

    /// <summary>
    /// Reads the world a transaction of the writer is about to change, and on a shared database locks it until the
    /// commit: another node's transaction on the same world waits, then reads what this one wrote.
    /// </summary>
    internal virtual LockedWorld? LockWorld(DbSession db, string world) => WorldStore.Find(db, world) is { } row ? new LockedWorld(row) : null;

    /// <summary>
    /// Called in each of the writer's transactions just before it commits, with the world it changed (null: none);
    /// on a shared database it tells the other nodes, at the commit (<paramref name="configuration"/>: the world's
    /// keys, faults or existence changed too).
    /// </summary>
    internal virtual void Committing(DbSession db, string? world, bool configuration)
    {
    }

    /// <summary>Sends the writes that wait and commits the writer's transaction.</summary>
    internal virtual void Commit(DbSession db, DbTransaction transaction)
    {
        db.Flush();
        transaction.Commit();
    }

    public abstract void Dispose();
}
