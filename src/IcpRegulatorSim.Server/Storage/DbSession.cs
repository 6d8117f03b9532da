using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// A connection and, on the writer, its transaction (and on SQLite, the connection's prepared statements): what every
/// store method runs its SQL on, SQLite's or PostgreSQL's alike. Parameters come from the properties of <c>args</c>
/// (<c>@World</c> from <c>World</c>); rows map onto records by column name, snake_case to PascalCase. On the writer,
/// what it runs is counted (<see cref="WriteCounts"/>).
/// </summary>
public readonly record struct DbSession(
    DbConnection Connection, DbTransaction? Transaction, PreparedStatements? Prepared = null, WriteBatch? Pending = null, WriteCounts? Counts = null)
{
    /// <summary>
    /// A change whose outcome the caller does not read. On a connection that sends batches (PostgreSQL's writer) it
    /// waits, and goes with the next statement that is read, in one round trip; a failure then surfaces there.
    /// </summary>
    public void Write(string sql, object? args = null)
    {
        if (Pending is null)
        {
            Execute(sql, args);
        }
        else
        {
            Pending.Add(sql, args);
        }
    }

    /// <summary>Sends the writes waiting in the batch, if any.</summary>
    public void Flush() => Pending?.Send(Transaction, Counts);

    public int Execute(string sql, object? args = null)
    {
        Flush();
        if (Prepared?.Statement(sql) is { } statement)
        {
            var changed = statement.Execute(args);
            Counts?.Ran(1, changed);
            return changed;
        }
        var command = Command(sql, args);
        try
        {
            var rows = command.ExecuteNonQuery();
            Counts?.Ran(1, rows);
            return rows;
        }
        finally
        {
            Release(command);
        }
    }

    public List<T> Query<T>(string sql, object? args = null)
    {
        if (Pending is not null)
        {
            // With the writes waiting, in one round trip.
            var read = new List<T>();
            ReadTogether([(sql, args)], (_, reader) =>
            {
                while (reader.Read())
                {
                    read.Add((T)reader.GetRowParser(typeof(T))(reader));
                }
            });
            return read;
        }
        var command = Command(sql, args);
        try
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            if (reader.Read())
            {
                var parse = reader.GetRowParser(typeof(T));
                do
                {
                    rows.Add((T)parse(reader));
                }
                while (reader.Read());
            }
            Ran(reader);
            return rows;
        }
        finally
        {
            Release(command);
        }
    }

    public T? QueryFirstOrDefault<T>(string sql, object? args = null)
    {
        if (Pending is not null)
        {
            // With the writes waiting, in one round trip.
            T? first = default;
            ReadTogether([(sql, args)], (_, reader) => first = reader.Read() ? (T)reader.GetRowParser(typeof(T))(reader) : default);
            return first;
        }
        var command = Command(sql, args);
        try
        {
            using var reader = command.ExecuteReader(CommandBehavior.SingleRow);
            var row = reader.Read() ? (T)reader.GetRowParser(typeof(T))(reader) : default;
            Ran(reader);
            return row;
        }
        finally
        {
            Release(command);
        }
    }

    /// <summary>
    /// <see cref="QueryFirstOrDefault{T}"/> without holding a thread while the database answers: for the reads a call
    /// makes outside the writer on PostgreSQL, where each waits on a round trip.
    /// </summary>
    public async Task<T?> QueryFirstOrDefaultAsync<T>(string sql, object? args, CancellationToken cancellationToken)
    {
        var command = Command(sql, args);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? (T)reader.GetRowParser(typeof(T))(reader) : default;
        }
        finally
        {
            Release(command);
        }
    }

    /// <summary>
    /// The first column of the first row, converted to <typeparamref name="T"/> (PostgreSQL answers EXISTS with a
    /// boolean where SQLite answers 1); the type's default when there is no row, or it is NULL.
    /// </summary>
    public T? ExecuteScalar<T>(string sql, object? args = null)
    {
        object? value = null;
        if (Pending is not null)
        {
            // With the writes waiting, in one round trip.
            ReadTogether([(sql, args)], (_, reader) => value = reader.Read() ? reader.GetValue(0) : null);
            return Converted<T>(value);
        }
        var command = Command(sql, args);
        try
        {
            using (var reader = command.ExecuteReader())
            {
                value = reader.Read() ? reader.GetValue(0) : null;
                while (reader.Read())
                {
                }
                Ran(reader);
            }
            return Converted<T>(value);
        }
        finally
        {
            Release(command);
        }
    }

    private static T? Converted<T>(object? value) =>
        value switch
        {
            null or DBNull => default,
            T typed => typed,
            _ => (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture),
        };

    /// <summary>
    /// Runs <paramref name="reads"/> in turn, each a statement and its arguments, and hands each one's result to
    /// <paramref name="read"/> with its place among them; on a connection that sends batches (PostgreSQL's writer), all
    /// of them, and the writes waiting, go in one round trip. Each statement still sees what the ones before it did (on
    /// PostgreSQL, each takes its snapshot as it starts: a read after a lock sees what the lock waited for).
    /// </summary>
    public void ReadTogether(IReadOnlyList<(string Sql, object? Args)> reads, Action<int, DbDataReader> read)
    {
        if (Pending is null)
        {
            for (var i = 0; i < reads.Count; i++)
            {
                var command = Command(reads[i].Sql, reads[i].Args);
                try
                {
                    using var reader = command.ExecuteReader();
                    read(i, reader);
                    Ran(reader);
                }
                finally
                {
                    Release(command);
                }
            }
            return;
        }
        Pending.Add(reads, Transaction, Counts, read);
    }

    /// <summary>Counts a statement whose rows were read: what it changed (an INSERT … RETURNING) is known once they all were.</summary>
    private void Ran(DbDataReader reader)
    {
        if (Counts is { } counts)
        {
            while (reader.NextResult())
            {
            }
            counts.Ran(1, reader.RecordsAffected);
        }
    }

    private DbCommand Command(string sql, object? args)
    {
        DbCommand command;
        if (Prepared is not null)
        {
            command = Prepared.For(sql);
        }
        else
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
        }
        command.Transaction = Transaction;
        Parameters.Bind(command.Parameters, command.CreateParameter, sql, args);
        return command;
    }

    private void Release(DbCommand command)
    {
        if (Prepared is null)
        {
            command.Dispose();
        }
    }
}

/// <summary>
/// Writes waiting to go to the database together (<see cref="DbSession.Write"/>): on PostgreSQL each statement is a
/// round trip, and a submission writes a dozen rows.
/// </summary>
public sealed class WriteBatch(DbConnection connection)
{
    private DbBatch? batch;
    // How many batches have been sent: a position taken before the last one went is no longer waiting.
    private long sent;

    /// <summary>Where the next write goes: which batch, and how many writes wait before it in that batch.</summary>
    public readonly record struct Position(long Batch, int Index);

    /// <summary>Where the next write added will be.</summary>
    internal Position Mark => new(sent, batch?.BatchCommands.Count ?? 0);

    internal void Add(string sql, object? args)
    {
        batch ??= connection.CreateBatch();
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        Parameters.Bind(command.Parameters, command.CreateParameter, sql, args);
        batch.BatchCommands.Add(command);
    }

    /// <summary>Sends what waits, then <paramref name="reads"/>, in one round trip, handing each read's rows to <paramref name="read"/>.</summary>
    internal void Add(IReadOnlyList<(string Sql, object? Args)> reads, DbTransaction? transaction, WriteCounts? counts, Action<int, DbDataReader> read)
    {
        foreach (var (sql, args) in reads)
        {
            Add(sql, args);
        }
        var pending = batch!;
        batch = null;
        using (pending)
        {
            sent++;
            pending.Transaction = transaction;
            // The reader passes over the writes before the reads (they return no rows; none waits with a RETURNING).
            using var reader = pending.ExecuteReader();
            for (var i = 0; i < reads.Count; i++)
            {
                read(i, reader);
                while (reader.Read())
                {
                }
                reader.NextResult();
            }
            counts?.Ran(pending.BatchCommands.Count, reader.RecordsAffected);
        }
    }

    internal void Send(DbTransaction? transaction, WriteCounts? counts)
    {
        if (batch is not { } pending)
        {
            return;
        }
        batch = null;
        using (pending)
        {
            if (pending.BatchCommands.Count == 0)
            {
                return;
            }
            sent++;
            pending.Transaction = transaction;
            var rows = pending.ExecuteNonQuery();
            counts?.Ran(pending.BatchCommands.Count, rows);
        }
    }

    /// <summary>
    /// Drops the writes added since <paramref name="mark"/> (a savepoint first, and what its command wrote after it),
    /// when none of them has been sent: what waits before them still goes. Returns false when they were sent; then what
    /// waits (all of it after the mark) is dropped, and the savepoint must be rolled back in the database.
    /// </summary>
    internal bool DropSince(Position mark)
    {
        if (mark.Batch != sent)
        {
            Discard();
            return false;
        }
        if (batch is { } pending)
        {
            for (var i = pending.BatchCommands.Count - 1; i >= mark.Index; i--)
            {
                pending.BatchCommands.RemoveAt(i);
            }
        }
        return true;
    }

    /// <summary>Drops what waits: the batch it belonged to failed, and nothing of it will commit.</summary>
    internal void Discard()
    {
        batch?.Dispose();
        batch = null;
    }
}

/// <summary>
/// A SQLite connection's statements, each prepared once and kept, the writer's and each reader's: parsing and planning
/// the same dozen statements thousands of times a second cost more than running them. Those that change rows run on
/// SQLite's own statements (<see cref="RawStatement"/>), without the per-call work of an ADO.NET command.
/// </summary>
public sealed class PreparedStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawStatement?> statements = new(StringComparer.Ordinal);

    /// <summary>The statement prepared for <paramref name="sql"/>; null when it is more than one statement (run as a command).</summary>
    internal RawStatement? Statement(string sql)
    {
        if (!statements.TryGetValue(sql, out var statement))
        {
            statement = RawStatement.Prepare(connection, sql);
            statements.Add(sql, statement);
        }
        return statement;
    }

    internal SqliteCommand For(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands.Add(sql, command);
        }
        return command;
    }

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }
        commands.Clear();
        foreach (var statement in statements.Values)
        {
            statement?.Dispose();
        }
        statements.Clear();
    }
}

/// <summary>Binds the properties of an argument object to a command's <c>@</c>-named parameters.</summary>
internal static partial class Parameters
{
    private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Get)[]> Cache = new();
    private static readonly ConcurrentDictionary<string, HashSet<string>> Named = new(StringComparer.Ordinal);

    /// <summary>Each property of <paramref name="type"/> as the parameter it gives (<c>@World</c> from <c>World</c>), with a compiled getter.</summary>
    public static (string Name, Func<object, object?> Get)[] Accessors(Type type) => Cache.GetOrAdd(type, Compile);

    /// <summary>
    /// Binds the properties of <paramref name="args"/> that <paramref name="sql"/> names: PostgreSQL wants a value for
    /// every parameter it is sent, and no other.
    /// </summary>
    public static void Bind(DbParameterCollection parameters, Func<DbParameter> create, string sql, object? args)
    {
        if (args is null)
        {
            return;
        }
        var named = Named.GetOrAdd(sql, static text => NameInSql().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal));
        foreach (var (name, get) in Accessors(args.GetType()))
        {
            if (!named.Contains(name))
            {
                continue;
            }
            var value = get(args) switch
            {
                null => DBNull.Value,
                Enum e => Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture),
                var v => v,
            };
            var index = parameters.IndexOf(name);
            if (index < 0)
            {
                var parameter = create();
                parameter.ParameterName = name;
                parameter.Value = value;
                parameters.Add(parameter);
            }
            else
            {
                parameters[index].Value = value;
            }
        }
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex NameInSql();

    private static (string, Func<object, object?>)[] Compile(Type type) =>
        type.GetProperties().Where(p => p.GetIndexParameters().Length == 0).Select(p =>
        {
            var args = Expression.Parameter(typeof(object));
            var get = Expression.Lambda<Func<object, object?>>(
                Expression.Convert(Expression.Property(Expression.Convert(args, type), p), typeof(object)), args).Compile();
            return ("@" + p.Name, get);
        }).ToArray();
}
