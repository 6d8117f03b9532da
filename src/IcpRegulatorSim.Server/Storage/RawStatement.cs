using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// One SQL statement prepared on SQLite itself and run again and again: its parameters are bound by position, found once
/// per argument type, where an ADO.NET command looks each one up by name, converting it, on every call.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly string[] names;
    private readonly ConcurrentDictionary<Type, (int Index, Func<object, object?> Get)[]> binders = new();

    private RawStatement(sqlite3 db, sqlite3_stmt statement)
    {
        this.db = db;
        this.statement = statement;
        names = new string[raw.sqlite3_bind_parameter_count(statement)];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = raw.sqlite3_bind_parameter_name(statement, i + 1).utf8_to_string();
        }
    }

    /// <summary>Prepares <paramref name="sql"/>; null when it holds more than one statement, or none.</summary>
    public static RawStatement? Prepare(SqliteConnection connection, string sql)
    {
        // A connection closed under the writer (lost, or closed by a failure) has no handle: the storage failed, as it
        // does when ADO.NET is asked to run on it, not a fault of the server's.
        var db = connection.Handle ?? throw new StorageFailure(new InvalidOperationException("The SQLite connection is closed."));
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement, out var tail);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }
        if (statement is null || !string.IsNullOrWhiteSpace(tail))
        {
            statement?.Dispose();
            return null;
        }
        return new RawStatement(db, statement);
    }

    /// <summary>Runs the statement with the properties of <paramref name="args"/> as its parameters; returns the rows it changed.</summary>
    public int Execute(object? args)
    {
        try
        {
            Bind(args);
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
            return raw.sqlite3_changes(db);
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    public void Dispose() => statement.Dispose();

    private void Bind(object? args)
    {
        if (names.Length == 0)
        {
            return;
        }
        if (args is null)
        {
            throw new InvalidOperationException($"The statement needs parameters {string.Join(", ", names)}.");
        }
        foreach (var (index, get) in binders.GetOrAdd(args.GetType(), Binder))
        {
            var rc = get(args) switch
            {
                null or DBNull => raw.sqlite3_bind_null(statement, index),
                string text => raw.sqlite3_bind_text(statement, index, text),
                long number => raw.sqlite3_bind_int64(statement, index, number),
                int number => raw.sqlite3_bind_int64(statement, index, number),
                bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
                double real => raw.sqlite3_bind_double(statement, index, real),
                byte[] blob => raw.sqlite3_bind_blob(statement, index, blob),
                Enum e => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture)),
                var other => throw new NotSupportedException($"A parameter of type {other.GetType()} cannot be bound."),
            };
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
    }

    // Each of the statement's parameters, with the property of the argument type that gives its value.
    private (int, Func<object, object?>)[] Binder(Type type)
    {
        var accessors = Parameters.Accessors(type).ToDictionary(a => a.Name, a => a.Get, StringComparer.Ordinal);
        return names.Select((name, i) => accessors.TryGetValue(name, out var get)
            ? (i + 1, get)
            : throw new InvalidOperationException($"No value for the parameter {name} in {type}.")).ToArray();
    }
}
