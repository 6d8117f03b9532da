using System.Data.Common;
using Npgsql;

namespace IcpRegulatorSim.Server.Storage.Postgres;

/// <summary>
/// A PostgreSQL database that any number of server nodes share. Each writer transaction holds one world, locked
/// from its first read to its commit (<see cref="LockWorld"/>), and tells the other nodes of its commit on a
/// channel they listen to (<see cref="Committing"/>, <see cref="ClusterListener"/>). A search path in the connection
/// string puts the tables in a schema of their own, created at the first start.
/// </summary>
public sealed class PostgresDatabase : Database
{
    private const string LockSql = """
        SELECT world_id, seed, clock_base_real_ms, clock_base_sim_ms, clock_rate, clock_start_ms FROM worlds WHERE world_id = @World FOR UPDATE
        """;

    private readonly NpgsqlDataSource source;

    public PostgresDatabase(string data)
    {
        var builder = Parse(data);
        // Npgsql prepares a statement on a connection the second time it runs there, and keeps it: the writer runs
        // the same few dozen again and again.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 128;
            builder.AutoPrepareMinUsages = 2;
        }
        // A writer's transaction runs its statements back to back. One left open longer than this belongs to a node
        // that stopped (a machine cut off without its connection closing): the server ends it, and the world's lock
        // is free for the others. A node that died outright is noticed at once, its connection closed.
        if (builder.Options?.Contains("idle_in_transaction_session_timeout", StringComparison.Ordinal) != true)
        {
            builder.Options = $"{builder.Options} -c idle_in_transaction_session_timeout={IdleInTransactionTimeout.TotalMilliseconds:0}".Trim();
        }
        // The nodes' sessions keep no state of their own between uses (no temporary tables, no session settings):
        // a connection back in the pool needs no reset before its next use.
        builder.NoResetOnClose = true;
        Schema = builder.SearchPath?.Split(',')[0].Trim() is { Length: > 0 } schema ? schema : null;
        Channel = Schema is null ? "icp_regulator" : $"icp_regulator_{Schema}".ToLowerInvariant();
        ConnectionString = builder.ConnectionString;
        var sourceBuilder = new NpgsqlDataSourceBuilder(ConnectionString);
        // The store reads and writes PostgreSQL's built-in types only: a node need not load the server's type catalogue.
        sourceBuilder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        source = sourceBuilder.Build();
    }

    /// <summary>How long a node's transaction may wait between two statements before the server gives up on the node.</summary>
    public static readonly TimeSpan IdleInTransactionTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Threads the pool keeps ready on a node: each read blocks one for its round trip to the database server.</summary>
    public const int MinThreads = 128;

    /// <summary>Whether <paramref name="data"/> names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool Names(string data) =>
        data.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || data.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || data.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A URL (<c>postgres://user:password@host:port/database?search_path=team_a</c>; a query parameter is any Npgsql
    /// keyword, its spaces written as underscores) or Npgsql's own <c>Host=…;Database=…</c>.
    /// </summary>
    public static NpgsqlConnectionStringBuilder Parse(string data)
    {
        if (!data.Contains("://", StringComparison.Ordinal))
        {
            return new NpgsqlConnectionStringBuilder(data);
        }
        var url = new Uri(data);
        var builder = new NpgsqlConnectionStringBuilder { Host = url.Host, Port = url.IsDefaultPort || url.Port < 0 ? 5432 : url.Port };
        var database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }
        if (url.UserInfo.Length > 0)
        {
            var parts = url.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, v) : (pair, "");
            builder[Uri.UnescapeDataString(key).Replace('_', ' ')] = Uri.UnescapeDataString(value);
        }
        return builder;
    }

    /// <summary>The connection string as Npgsql reads it.</summary>
    public string ConnectionString { get; }

    /// <summary>The schema the tables live in, when the connection string names one (its search path).</summary>
    public string? Schema { get; }

    /// <summary>The channel commits are announced on: one per schema, so that several simulators can share a database.</summary>
    public string Channel { get; }

    public override bool Shared => true;

    public override bool InProcess => false;

    public override T Read<T>(Func<DbSession, T> query)
    {
        using var connection = source.OpenConnection();
        return query(new DbSession(connection, null));
    }

    public override T Transact<T>(Func<DbSession, T> work)
    {
        using var connection = source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var result = work(new DbSession(connection, transaction));
        transaction.Commit();
        return result;
    }

    public override void Migrate()
    {
        if (Schema is not null)
        {
            using var connection = source.OpenConnection();
            using var command = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {Quote(Schema)}", connection);
            try
            {
                command.ExecuteNonQuery();
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateSchema)
            {
                // Another node created it at the same instant (IF NOT EXISTS does not lock against that).
            }
        }
        PostgresMigrations.ApplyAsync(source).GetAwaiter().GetResult();
    }

    internal override DbConnection OpenWriter() => source.OpenConnection();

    /// <summary>A connection of its own for listening to the channel (held as long as it listens).</summary>
    internal NpgsqlConnection OpenListener() => source.OpenConnection();

    // The lock and the transaction's first reads go in one round trip: each is a round trip the world is held for.
    internal override LockedWorld? LockWorld(DbSession db, string world) => WorldStore.LockWithFirstReads(db, world, LockSql);

    /// <summary>
    /// Announces the commit on <see cref="Channel"/>: PostgreSQL delivers a notification when, and only if, the
    /// transaction commits. The payload is the world, <c>!</c> first when its keys, faults or existence changed.
    /// </summary>
    internal override void Committing(DbSession db, string? world, bool configuration) =>
        db.Write("SELECT pg_notify(@Channel, @Payload)", new { Channel, Payload = (configuration ? "!" : "") + (world ?? "") });

    /// <summary>
    /// The commit goes with the transaction's last writes (the counters, the notice) in one round trip: on its own it
    /// would be one more the world is held for. When a statement before it fails, PostgreSQL skips the rest of the
    /// round trip, the commit with it, and the transaction rolls back as it is disposed; once the commit ran, the
    /// transaction is over and its disposal does nothing.
    /// </summary>
    internal override void Commit(DbSession db, DbTransaction transaction)
    {
        if (db.Pending is null)
        {
            base.Commit(db, transaction);
            db.Counts?.Ran(0, 0);
            return;
        }
        db.Write("COMMIT");
        db.Flush();
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public override void Dispose() => source.Dispose();
}
