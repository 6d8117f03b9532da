using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace IcpRegulatorSim.Server.Storage.Sqlite;

/// <summary>
/// The embedded SQLite database: one file in WAL mode, so reads on their own connections never wait for the writer.
/// <c>:memory:</c> means a temporary file deleted on shutdown (an in-memory SQLite database cannot be shared by
/// the writer and concurrent readers without shared-cache locking). One server process owns it, and holds it locked
/// (<see cref="SqliteFileLock"/>): a second server on the same file refuses to start.
/// </summary>
public sealed class SqliteDatabase : Database
{
    private readonly string connectionString;
    private readonly bool temporary;
    private readonly bool fullSync;
    private readonly SqliteFileLock? fileLock;
    private readonly System.Collections.Concurrent.ConcurrentBag<Reader> readers = [];
    // Counted beside the bag: its own Count takes every lock, on every read.
    private int idleReaders;

    /// <summary>Reader connections kept open for the next query; more are opened under a burst, and closed after it.</summary>
    private const int MaxIdleReaders = 16;

    public SqliteDatabase(string dataPath, bool fullSync)
    {
        temporary = dataPath == ":memory:";
        Path = temporary
            ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"icp-regulator-{Guid.NewGuid():N}.db")
            : System.IO.Path.GetFullPath(dataPath);
        // A temporary file is this server's alone by its name.
        fileLock = temporary ? null : SqliteFileLock.Acquire(Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        this.fullSync = fullSync;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>What the WAL file is cut back to whenever it starts over.</summary>
    public const long WalSizeLimit = 32L << 20;

    public string Path { get; }

    public override bool Shared => false;

    public override bool InProcess => true;

    /// <summary>The pages the connection wrote to the WAL since it was last asked: what its commits cost the disk.</summary>
    internal override long TakePagesWritten(DbConnection writer)
    {
        // A connection closed under the batch (lost, or by its failure) has no handle and wrote nothing more.
        if (((SqliteConnection)writer).Handle is not { } handle)
        {
            return 0;
        }
        var rc = SQLitePCL.raw.sqlite3_db_status(handle, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_WRITE, out var pages, out _, 1);
        return rc == SQLitePCL.raw.SQLITE_OK ? pages : 0;
    }

    internal override DbConnection OpenWriter() => OpenWriterConnection();

    internal override PreparedStatements Prepare(DbConnection writer) => new((SqliteConnection)writer);

    /// <summary>A connection set up for writing: WAL, the synchronous level, no automatic checkpoints.</summary>
    public SqliteConnection OpenWriterConnection()
    {
        var connection = Open();
        // NORMAL keeps every committed transaction across a crash of the process; FULL also across a power cut.
        // Checkpoints are left to the checkpointer's own connection, off the writer's path.
        connection.Execute($"PRAGMA journal_mode = WAL; PRAGMA synchronous = {(fullSync ? "FULL" : "NORMAL")}; PRAGMA temp_store = MEMORY; "
            + $"PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {WalSizeLimit};");
        return connection;
    }

    /// <summary>
    /// Copies committed WAL pages into the database file without blocking the writer or readers (PASSIVE), on a
    /// connection of its own; returns how many pages the WAL holds and whether all of them are now in the file.
    /// </summary>
    public WalCheckpoint Checkpoint()
    {
        using var connection = Open();
        return Checkpoint(connection);
    }

    /// <summary>A PASSIVE checkpoint on <paramref name="connection"/>: what it copied of the WAL.</summary>
    public static WalCheckpoint Checkpoint(SqliteConnection connection)
    {
        var (_, log, copied) = connection.QuerySingle<(long Busy, long Log, long Checkpointed)>("PRAGMA wal_checkpoint(PASSIVE)");
        return new WalCheckpoint(log, log == copied);
    }

    public SqliteConnection OpenReader() => Open();

    /// <summary>
    /// Runs <paramref name="query"/> on a reader connection of the database's own: kept open, with its statements
    /// prepared, and handed to one query at a time. Reads see the last commit and never wait for the writer.
    /// </summary>
    public override T Read<T>(Func<DbSession, T> query)
    {
        Reader reader;
        if (readers.TryTake(out var idle))
        {
            Interlocked.Decrement(ref idleReaders);
            reader = idle;
        }
        else
        {
            reader = new Reader(Open());
        }
        try
        {
            return query(new DbSession(reader.Connection, null, reader.Statements));
        }
        finally
        {
            if (Interlocked.Increment(ref idleReaders) <= MaxIdleReaders)
            {
                readers.Add(reader);
            }
            else
            {
                Interlocked.Decrement(ref idleReaders);
                reader.Dispose();
            }
        }
    }

    /// <summary>
    /// Applies the numbered migrations embedded in the server that the file has not seen yet; then gives the services
    /// of a file from before public records theirs, once.
    /// </summary>
    public override void Migrate()
    {
        using (var connection = OpenWriterConnection())
        {
            var version = connection.ExecuteScalar<long>("PRAGMA user_version");
            // SQLite's own: the PostgreSQL store's (Storage/Postgres/Migrations) are numbered on their own.
            foreach (var (number, sql) in Migrations.In(".Storage.Sqlite.Migrations.").Where(m => m.Number > version))
            {
                using var tx = connection.BeginTransaction();
                connection.Execute(sql, transaction: tx);
                connection.Execute($"PRAGMA user_version = {number}", transaction: tx);
                tx.Commit();
            }
        }
        Transact(db =>
        {
            RegistryStore.BackfillPublicRecords(db);
            return 0;
        });
    }

    public override T Transact<T>(Func<DbSession, T> work)
    {
        using var connection = OpenWriterConnection();
        using var tx = connection.BeginTransaction();
        var result = work(new DbSession(connection, tx));
        tx.Commit();
        return result;
    }

    public override void Dispose()
    {
        while (readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
        SqliteConnection.ClearAllPools();
        if (temporary)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(Path + suffix);
            }
        }
        fileLock?.Dispose();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }
}

/// <param name="Pages">Pages the WAL holds.</param>
/// <param name="Complete">Whether every one of them is in the database file: the next write starts the WAL over.</param>
public readonly record struct WalCheckpoint(long Pages, bool Complete);

/// <summary>A reader connection and its prepared statements.</summary>
internal sealed class Reader(SqliteConnection connection) : IDisposable
{
    public SqliteConnection Connection { get; } = connection;
    public PreparedStatements Statements { get; } = new(connection);

    public void Dispose()
    {
        Statements.Dispose();
        Connection.Dispose();
    }
}
