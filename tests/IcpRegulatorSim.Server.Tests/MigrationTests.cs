using Dapper;
using IcpRegulatorSim.Server.Storage;
using Microsoft.Data.Sqlite;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>A database made by an earlier build upgrades in place: migrations run in order and keep every row.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"icp-migrate-{Guid.NewGuid():N}.db");

    [Fact]
    public void A_database_from_before_apps_were_filed_keeps_its_domains_as_identifiers()
    {
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            old.Execute(Migration("001_initial.sql") + "; PRAGMA user_version = 1;");
            old.Execute("INSERT INTO order_domains (world_id, domain, order_id, subject_key) VALUES ('default', 'old.cn', 'ord-00000001', 'K')");
            old.Execute("INSERT INTO filed_domains (world_id, domain, service_number, subject_number) VALUES ('default', 'filed.cn', 'n-1', 'n')");
        }

        using var database = new SqliteDatabase(path, fullSync: false);
        database.Migrate();

        using var connection = database.OpenReader();
        Assert.Equal(typeof(Database).Assembly.GetManifestResourceNames().Count(n => n.Contains(SqliteMigrations, StringComparison.Ordinal)),
            connection.ExecuteScalar<long>("PRAGMA user_version"));
        Assert.Equal("ord-00000001", connection.ExecuteScalar<string>("SELECT order_id FROM order_claims WHERE identifier = 'old.cn'"));
        Assert.Equal("n-1", connection.ExecuteScalar<string>("SELECT service_number FROM filed_identifiers WHERE identifier = 'filed.cn'"));
    }

    [Fact]
    public void Counters_move_out_of_worlds_and_providers_and_each_world_numbers_its_outbox_on_from_its_highest_message()
    {
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            old.Execute(string.Concat(new[] { "001_initial.sql", "002_identifiers.sql", "003_domain_registry.sql", "004_worlds_events_faults.sql" }
                .Select(f => Migration(f) + ";\n")) + "PRAGMA user_version = 4;");
            old.Execute("INSERT INTO worlds VALUES ('default', 1, 0, 0, 0, 0, 8, 0), ('other', 1, 0, 0, 0, 0, 3, 0)");
            old.Execute("INSERT INTO providers (world_id, provider_id, name, next_event_seq) VALUES ('default', 'p', 'P', 21)");
            // One outbox for every world: the default world's messages are 1, 2 and 4, the other world's 3.
            foreach (var (seq, world) in new[] { (1, "default"), (2, "default"), (3, "other"), (4, "default") })
            {
                old.Execute("INSERT INTO messages (message_seq, world_id, channel, recipient, sender, carrier, subject, body, order_id, sent_at_ms) "
                    + "VALUES (@Seq, @World, 1, '13800138000', '', '', '', 'body', 'ord-00000001', 0)", new { Seq = seq, World = world });
            }
        }

        using var database = new SqliteDatabase(path, fullSync: false);
        database.Migrate();

        using var connection = database.OpenReader();
        var counters = connection.Query<(string World, string Name, long Next)>("SELECT world_id, name, next FROM counters ORDER BY world_id, name").ToList();
        Assert.Equal([("default", "event:p", 21L), ("default", "message", 5L), ("default", "order", 8L), ("other", "message", 4L), ("other", "order", 3L)], counters);
        Assert.Equal([1L, 2L, 4L], connection.Query<long>("SELECT message_seq FROM messages WHERE world_id = 'default' ORDER BY message_seq"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(path + suffix);
        }
    }

    // The SQLite store's scripts (the PostgreSQL store's are numbered on their own, under Storage/Postgres).
    private const string SqliteMigrations = ".Storage.Migrations.";

    private static string Migration(string file)
    {
        var assembly = typeof(Database).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(SqliteMigrations + file, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
