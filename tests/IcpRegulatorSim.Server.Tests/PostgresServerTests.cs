using IcpRegulatorSim.Testing;
using Npgsql;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>The tests' throwaway PostgreSQL: its own cluster in a temporary directory, on 127.0.0.1 only, gone afterwards.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_throwaway_server_answers_on_loopback_as_its_own_superuser_and_leaves_nothing_behind()
    {
        string socketDirectory;
        await using (var server = await PostgresServer.StartAsync())
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT current_user, host(inet_server_addr()), current_setting('server_version_num')::int, current_setting('unix_socket_directories')", connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(PostgresServer.User, reader.GetString(0));
            Assert.Equal("127.0.0.1", reader.GetString(1));
            Assert.True(reader.GetInt32(2) >= 150000, $"server_version_num {reader.GetInt32(2)}");
            socketDirectory = reader.GetString(3);
            Assert.True(Directory.Exists(socketDirectory));
        }
        Assert.False(Directory.Exists(socketDirectory));
    }
}
