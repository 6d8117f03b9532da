using Dapper;
using IcpRegulatorSim.Server.Storage.Sqlite;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Storage.Postgres;
using IcpRegulatorSim.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// The two stores run the same SQL on the same tables: each store's migrations, applied to a fresh database, leave the
/// same tables with the same columns, so a migration written for one store and not the other fails here.
/// </summary>
public sealed class StoreSchemasTests : IAsyncLifetime
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"icp-schemas-{Guid.NewGuid():N}.db");
    private PostgresServer server = null!;

    public async Task InitializeAsync() => server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(path + suffix);
        }
    }

    // Each store's own bookkeeping: SQLite numbers its migrations in PRAGMA user_version and remembers the work a
    // migration left for the next start; PostgreSQL numbers them in a table (its nodes migrate under a lock).
    private static readonly string[] SqliteOnly = ["pending_backfills"];
    private static readonly string[] PostgresOnly = ["schema_migrations"];

    [Fact]
    public async Task Both_stores_migrated_from_nothing_hold_the_same_tables_with_the_same_columns()
    {
        var sqlite = SqliteColumns();
        var postgres = await PostgresColumnsAsync();

        Assert.Contains("orders", sqlite.Keys);
        Assert.Equal(sqlite.Keys.Except(SqliteOnly).Order(StringComparer.Ordinal), postgres.Keys.Except(PostgresOnly).Order(StringComparer.Ordinal));
        Assert.All(sqlite.Keys.Except(SqliteOnly), table =>
            Assert.True(sqlite[table].SequenceEqual(postgres[table]),
                $"{table}: SQLite ({string.Join(", ", sqlite[table])}), PostgreSQL ({string.Join(", ", postgres[table])})"));
    }

    /// <summary>Each table's columns as "name kind", by name.</summary>
    private Dictionary<string, List<string>> SqliteColumns()
    {
        using var database = new SqliteDatabase(path, fullSync: false);
        database.Migrate();
        using var connection = database.OpenReader();
        return Group(connection.Query<(string Table, string Column, string Type)>("""
            SELECT m.name, c.name, c.type FROM sqlite_schema m, pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
            """));
    }

    private async Task<Dictionary<string, List<string>>> PostgresColumnsAsync()
    {
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync("CREATE DATABASE schemas");
        }
        var database = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "schemas" }.ConnectionString;
        await PostgresMigrations.ApplyAsync(database);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return Group(await connection.QueryAsync<(string Table, string Column, string Type)>("""
            SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'
            """));
    }

    private static Dictionary<string, List<string>> Group(IEnumerable<(string Table, string Column, string Type)> columns) =>
        columns.GroupBy(c => c.Table, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.Select(c => $"{c.Column} {Kind(c.Type)}").Order(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);

    /// <summary>
    /// A column's type, loosely: a whole number, a real number, or a string of characters or bytes (a document is text
    /// in SQLite and bytes in PostgreSQL, written by the same code).
    /// </summary>
    private static string Kind(string type) => type.ToUpperInvariant() switch
    {
        "INTEGER" or "BIGINT" or "INT" or "SMALLINT" => "integer",
        "REAL" or "DOUBLE PRECISION" => "real",
        "TEXT" or "BLOB" or "BYTEA" => "string",
        _ => type,
    };
}
