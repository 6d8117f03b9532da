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

        using var database = new Database(path, fullSync: false);
        database.Migrate();

        using var connection = database.OpenReader();
        Assert.Equal(typeof(Database).Assembly.GetManifestResourceNames().Count(n => n.EndsWith(".sql", StringComparison.Ordinal)),
            connection.ExecuteScalar<long>("PRAGMA user_version"));
        Assert.Equal("ord-00000001", connection.ExecuteScalar<string>("SELECT order_id FROM order_claims WHERE identifier = 'old.cn'"));
        Assert.Equal("n-1", connection.ExecuteScalar<string>("SELECT service_number FROM filed_identifiers WHERE identifier = 'filed.cn'"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    private static string Migration(string file)
    {
        var assembly = typeof(Database).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Migrations." + file, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
