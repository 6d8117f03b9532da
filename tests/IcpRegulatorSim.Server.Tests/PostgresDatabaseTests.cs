using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Storage.Postgres;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>How <c>--data</c> names a PostgreSQL database, and what the store sets on its sessions.</summary>
public sealed class PostgresDatabaseTests
{
    [Theory]
    [InlineData("postgres://icp@127.0.0.1:5433/icp", true)]
    [InlineData("postgresql://icp@db.example/icp", true)]
    [InlineData("Host=127.0.0.1;Port=5433;Username=icp;Database=icp", true)]
    [InlineData("data/icp-regulator.db", false)]
    [InlineData(":memory:", false)]
    public void A_url_or_a_connection_string_names_postgresql_and_anything_else_a_sqlite_file(string data, bool postgres) =>
        Assert.Equal(postgres, PostgresDatabase.Names(data));

    [Fact]
    public void A_url_gives_user_password_host_port_database_and_any_npgsql_keyword_as_a_query_parameter()
    {
        var builder = PostgresDatabase.Parse("postgres://icp:s%40cret@db.example:6543/filings?search_path=team_a&sslmode=disable&command_timeout=5");

        Assert.Equal(("icp", "s@cret", "db.example", 6543, "filings"), (builder.Username, builder.Password, builder.Host, builder.Port, builder.Database));
        Assert.Equal("team_a", builder.SearchPath);
        Assert.Equal(Npgsql.SslMode.Disable, builder.SslMode);
        Assert.Equal(5, builder.CommandTimeout);
        Assert.Equal(5432, PostgresDatabase.Parse("postgres://icp@db.example/filings").Port);
    }

    [Fact]
    public async Task Its_sessions_end_a_transaction_left_idle_so_that_a_node_cut_off_cannot_hold_a_world_for_long()
    {
        using var database = Database.Open(await TestStore.SchemaAsync("settings_" + Guid.NewGuid().ToString("N")), fullSync: false);
        database.Migrate();

        Assert.True(database.Shared);
        Assert.Equal("10s", database.Read(db => db.ExecuteScalar<string>("SHOW idle_in_transaction_session_timeout")));
        Assert.Equal(0L, database.Read(db => db.ExecuteScalar<long>("SELECT count(*) FROM worlds")));
    }
}
