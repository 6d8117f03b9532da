using Dapper;
using IcpRegulatorSim.Server.Storage.Sqlite;
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

    [Fact]
    public void Keys_become_the_tables_of_idempotency_keys_and_messages_and_claims_lose_their_index_by_order_keeping_every_row()
    {
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            old.Execute(string.Concat(Enumerable.Range(1, 7).Select(n => Migration(MigrationFile(n)) + ";\n")) + "PRAGMA user_version = 7;");
            old.Execute("INSERT INTO idempotency_keys VALUES ('default', 'p', 'k-1', x'01', '{}', 5)");
            old.Execute("INSERT INTO messages (world_id, message_seq, channel, recipient, sender, carrier, subject, body, order_id, sent_at_ms) "
                + "VALUES ('default', 1, 1, '13800138000', 's', 'c', '', 'code 123456', 'ord-00000001', 0), "
                + "('default', 2, 1, '13900139000', 's', 'c', '', 'code 654321', 'ord-00000001', 0)");
            old.Execute("INSERT INTO order_claims (world_id, identifier, order_id, subject_key) VALUES ('default', 'a.cn', 'ord-00000001', 'K')");
        }

        using var database = new SqliteDatabase(path, fullSync: false);
        database.Migrate();

        using var connection = database.OpenReader();
        Assert.Equal(LatestMigration, connection.ExecuteScalar<long>("PRAGMA user_version"));
        Assert.Equal("{}", connection.ExecuteScalar<string>("SELECT response FROM idempotency_keys WHERE world_id = 'default' AND provider_id = 'p' AND idempotency_key = 'k-1'"));
        Assert.Equal(["13800138000", "13900139000"], connection.Query<string>("SELECT recipient FROM messages WHERE world_id = 'default' ORDER BY message_seq"));
        Assert.Equal("ord-00000001", connection.ExecuteScalar<string>("SELECT order_id FROM order_claims WHERE identifier = 'a.cn'"));
        // Each row one B-tree entry: the key is the table, no index repeats it.
        Assert.Equal(2, connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('idempotency_keys', 'messages') AND sql LIKE '%WITHOUT ROWID'"));
        // (Migration 10 takes messages_by_order too: an order's messages are found by their recipients.)
        Assert.Equal(["messages_by_recipient"], connection.Query<string>(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('idempotency_keys', 'messages', 'order_claims') AND sql IS NOT NULL ORDER BY name"));
    }

    // Migration 9 stored them as their key; 12 made them rowid tables again (a document is too large a cell for a key's B-tree).
    [Fact]
    public void Orders_and_subjects_keep_every_row_and_their_indexes_through_being_stored_as_their_key_and_back()
    {
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            old.Execute(string.Concat(Enumerable.Range(1, 8).Select(n => Migration(MigrationFile(n)) + ";\n")) + "PRAGMA user_version = 8;");
            old.Execute("INSERT INTO orders VALUES ('default', 'ord-00000001', 'p', 'K1', '京', 1, 2, 5, 6, 7, '{\"orderId\":\"ord-00000001\"}'), "
                + "('default', 'ord-00000002', 'p', 'K2', '沪', 1, 4, 5, 8, NULL, '{\"orderId\":\"ord-00000002\"}')");
            old.Execute("INSERT INTO subjects VALUES ('default', '京ICP备00000001号', 'K1', 'Name', '京', '{\"subjectNumber\":\"京ICP备00000001号\"}')");
        }

        using var database = new SqliteDatabase(path, fullSync: false);
        database.Migrate();

        using var connection = database.OpenReader();
        Assert.Equal(LatestMigration, connection.ExecuteScalar<long>("PRAGMA user_version"));
        Assert.Equal([("ord-00000001", 2L, (long?)7L, "{\"orderId\":\"ord-00000001\"}"), ("ord-00000002", 4L, null, "{\"orderId\":\"ord-00000002\"}")],
            connection.Query<(string, long, long?, string)>("SELECT order_id, status, review_due_at_ms, document FROM orders WHERE world_id = 'default' ORDER BY order_id"));
        Assert.Equal("K1", connection.ExecuteScalar<string>("SELECT subject_key FROM subjects WHERE world_id = 'default' AND subject_number = '京ICP备00000001号'"));
        Assert.Equal(0, connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('orders', 'subjects') AND sql LIKE '%WITHOUT ROWID'"));
        Assert.Equal(["orders_by_id", "orders_by_provider", "orders_open_by_subject", "orders_under_review", "subjects_by_key", "subjects_by_name", "subjects_by_number"], connection.Query<string>(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('orders', 'subjects') AND sql IS NOT NULL ORDER BY name"));
        Assert.Equal("ord-00000001", connection.ExecuteScalar<string>(
            "SELECT order_id FROM orders INDEXED BY orders_under_review WHERE world_id = 'default' AND status = 2"));
    }

    private static string MigrationFile(int number)
    {
        var name = typeof(Database).Assembly.GetManifestResourceNames()
            .Single(n => n.Contains(SqliteMigrations + number.ToString("000", System.Globalization.CultureInfo.InvariantCulture) + "_", StringComparison.Ordinal));
        return name[(name.IndexOf(SqliteMigrations, StringComparison.Ordinal) + SqliteMigrations.Length)..];
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(path + suffix);
        }
    }

    [Fact]
    public void Messages_lose_their_index_by_order_keeping_every_message()
    {
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            old.Execute(string.Concat(Enumerable.Range(1, 9).Select(n => Migration(MigrationFile(n)) + ";\n")) + "PRAGMA user_version = 9;");
            old.Execute("INSERT INTO messages (world_id, message_seq, channel, recipient, sender, carrier, subject, body, order_id, sent_at_ms) "
                + "VALUES ('default', 1, 1, '13800138000', 's', 'c', '', 'code 123456', 'ord-00000001', 0), "
                + "('default', 2, 2, 'a@example.cn', 's', '', 'approved', 'approved', 'ord-00000001', 0)");
        }

        using var database = new SqliteDatabase(path, fullSync: false);
        database.Migrate();

        using var connection = database.OpenReader();
        Assert.Equal(LatestMigration, connection.ExecuteScalar<long>("PRAGMA user_version"));
        Assert.Equal([(1L, "13800138000"), (2L, "a@example.cn")],
            connection.Query<(long, string)>("SELECT message_seq, recipient FROM messages WHERE world_id = 'default' AND order_id = 'ord-00000001' ORDER BY message_seq"));
        Assert.Equal(["messages_by_recipient"], connection.Query<string>(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NOT NULL ORDER BY name"));
    }

    [Fact]
    public void Orders_and_subjects_name_their_timers_and_timers_lose_their_index_by_owner_keeping_every_timer()
    {
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            old.Execute(string.Concat(Enumerable.Range(1, 10).Select(n => Migration(MigrationFile(n)) + ";\n")) + "PRAGMA user_version = 10;");
            old.Execute("INSERT INTO orders VALUES ('default', 'ord-00000001', 'p', 'K1', '京', 1, 1, 5, 6, NULL, '{}'), "
                + "('default', 'ord-00000002', 'p', 'K2', '京', 1, 4, 5, 6, NULL, '{}')");
            old.Execute("INSERT INTO subjects VALUES ('default', 'n-1', 'K1', 'Name', '京', '{}'), ('default', 'n-2', 'K2', 'Other', '京', '{}')");
            old.Execute("INSERT INTO timers VALUES ('default', 100, 'ord-00000001', 3, 1), ('default', 200, 'subject:n-1', 5, 2)");
        }

        using var database = new SqliteDatabase(path, fullSync: false);
        database.Migrate();

        using var connection = database.OpenReader();
        Assert.Equal(LatestMigration, connection.ExecuteScalar<long>("PRAGMA user_version"));
        Assert.Equal([("ord-00000001", (long?)100L, (long?)3L, (long?)1L), ("ord-00000002", null, null, null)],
            connection.Query<(string, long?, long?, long?)>("SELECT order_id, timer_due_at_ms, timer_kind, timer_item FROM orders ORDER BY order_id"));
        Assert.Equal([("n-1", (long?)200L, (long?)5L, (long?)2L), ("n-2", null, null, null)],
            connection.Query<(string, long?, long?, long?)>("SELECT subject_number, timer_due_at_ms, timer_kind, timer_item FROM subjects ORDER BY subject_number"));
        Assert.Equal(2, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM timers"));
        Assert.Empty(connection.Query<string>("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'timers' AND sql IS NOT NULL"));
    }

    [Fact]
    public void Timers_name_their_owners_kind_and_a_subjects_timer_loses_its_prefix()
    {
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            old.Execute(string.Concat(Enumerable.Range(1, 12).Select(n => Migration(MigrationFile(n)) + ";\n")) + "PRAGMA user_version = 12;");
            old.Execute("INSERT INTO timers VALUES ('default', 100, 'ord-00000001', 3, 1), ('default', 200, 'subject:n-1', 5, 2), "
                + "('w2', 300, 'subject:n-2', 6, 0)");
        }

        using var database = new SqliteDatabase(path, fullSync: false);
        database.Migrate();

        using var connection = database.OpenReader();
        Assert.Equal(LatestMigration, connection.ExecuteScalar<long>("PRAGMA user_version"));
        Assert.Equal([("default", 100L, 0L, "ord-00000001", 3L, 1L), ("default", 200L, 1L, "n-1", 5L, 2L), ("w2", 300L, 1L, "n-2", 6L, 0L)],
            connection.Query<(string, long, long, string, long, long)>(
                "SELECT world_id, due_at_ms, owner_kind, owner_id, kind, item FROM timers ORDER BY world_id, due_at_ms"));
    }

    private static long LatestMigration =>
        typeof(Database).Assembly.GetManifestResourceNames().Count(n => n.Contains(SqliteMigrations, StringComparison.Ordinal));

    // The SQLite store's scripts (the PostgreSQL store's are numbered on their own, under Storage/Postgres).
    private const string SqliteMigrations = ".Storage.Sqlite.Migrations.";

    private static string Migration(string file)
    {
        var assembly = typeof(Database).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(SqliteMigrations + file, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
