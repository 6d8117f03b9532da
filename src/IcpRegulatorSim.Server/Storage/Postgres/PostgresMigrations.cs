using Npgsql;

namespace IcpRegulatorSim.Server.Storage.Postgres;

/// <summary>
/// The numbered migrations of the PostgreSQL store (Storage/Postgres/Migrations/NNN_name.sql, compiled into the server),
/// applied in one transaction under an advisory lock of the schema: several nodes starting at once on one database
/// migrate it once, the others wait and find it done (simulators in other schemas of the database do not wait).
/// </summary>
public static class PostgresMigrations
{
    /// <summary>The advisory lock every migrating node takes, with its schema's hash (an arbitrary constant of this application).</summary>
    private const int LockKey = 0x1C9_2026;

    /// <summary>Applies what the database has not seen yet; returns how many migrations that was.</summary>
    public static async Task<int> ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        return await ApplyAsync(source, cancellationToken);
    }

    /// <inheritdoc cref="ApplyAsync(string, CancellationToken)"/>
    public static async Task<int> ApplyAsync(NpgsqlDataSource source, CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey}, hashtext(current_schema()))", cancellationToken);
        await ExecuteAsync(connection,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())", cancellationToken);
        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }
        var count = 0;
        foreach (var (number, sql) in All().Where(m => !applied.Contains(m.Number)))
        {
            await ExecuteAsync(connection, sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES (@Version)", connection);
            record.Parameters.AddWithValue("Version", number);
            await record.ExecuteNonQueryAsync(cancellationToken);
            count++;
        }
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>Every migration compiled into the server, in order.</summary>
    public static IReadOnlyList<(int Number, string Sql)> All() => Migrations.In(".Storage.Postgres.Migrations.");

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
