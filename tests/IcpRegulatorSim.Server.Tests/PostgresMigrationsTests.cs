using IcpRegulatorSim.Server.Storage.Postgres;
using IcpRegulatorSim.Testing;
using Npgsql;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>The PostgreSQL store's numbered migrations, on a throwaway server: applied once, however many nodes start at once.</summary>
public sealed class PostgresMigrationsTests : IAsyncLifetime
{
    private PostgresServer server = null!;

    public async Task InitializeAsync() => server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task<string> NewDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    [Fact]
    public async Task Migrations_apply_once_and_nodes_starting_together_migrate_once()
    {
        var database = await NewDatabaseAsync("together");

        var counts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostgresMigrations.ApplyAsync(database)));

        Assert.Equal([0, 0, PostgresMigrations.All().Count], counts.Order());
        Assert.Equal(0, await PostgresMigrations.ApplyAsync(database));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var versions = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
        Assert.Equal((long)PostgresMigrations.All().Count, await versions.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Every_key_of_a_worlds_table_leads_with_its_world()
    {
        var database = await NewDatabaseAsync("keys");
        await PostgresMigrations.ApplyAsync(database);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        // Each index's table and its first column.
        await using var command = new NpgsqlCommand("""
            SELECT t.relname, i.relname, a.attname
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
            """, connection);
        var indexes = new List<(string Table, string Index, string First)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        string[] serverWide = ["secrets", "schema_migrations"];
        Assert.Contains(indexes, i => i.Table == "orders");
        Assert.All(indexes.Where(i => !serverWide.Contains(i.Table) && i.Index != "provider_keys_by_fingerprint"),
            i => Assert.True(i.First == "world_id", $"{i.Table}.{i.Index} leads with {i.First}"));
    }

    [Fact]
    public async Task Timers_name_their_owners_kind_and_a_subjects_timer_loses_its_prefix()
    {
        var database = await NewDatabaseAsync("timer_owners");
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var before = PostgresMigrations.All().Where(m => m.Number < 6).ToList();
        await ExecuteAsync(connection, "CREATE TABLE schema_migrations (version INT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        foreach (var (number, sql) in before)
        {
            await ExecuteAsync(connection, sql);
            await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version) VALUES ({number})");
        }
        await ExecuteAsync(connection, "INSERT INTO timers VALUES ('default', 100, 'ord-00000001', 3, 1), ('default', 200, 'subject:n-1', 5, 2), "
            + "('w2', 300, 'subject:n-2', 6, 0)");

        Assert.Equal(PostgresMigrations.All().Count - before.Count, await PostgresMigrations.ApplyAsync(database));

        await using var command = new NpgsqlCommand(
            "SELECT world_id, due_at_ms, owner_kind, owner_id, kind, item FROM timers ORDER BY world_id, due_at_ms", connection);
        var rows = new List<(string, long, long, string, long, long)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5)));
            }
        }
        Assert.Equal([("default", 100L, 0L, "ord-00000001", 3L, 1L), ("default", 200L, 1L, "n-1", 5L, 2L), ("w2", 300L, 1L, "n-2", 6L, 0L)], rows);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
