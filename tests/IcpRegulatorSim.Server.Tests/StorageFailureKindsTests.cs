using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// What counts as the database failing, and so answers UNAVAILABLE: the drivers' exceptions, and what they throw as
/// <see cref="InvalidOperationException"/> about a connection or transaction a failure has closed; never the server's
/// own faults.
/// </summary>
public sealed class StorageFailureKindsTests
{
    [Fact]
    public async Task Npgsql_refusing_a_transaction_it_has_already_ended_is_a_storage_failure()
    {
        await using var connection = new NpgsqlConnection(await TestStore.SchemaAsync("public"));
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await transaction.CommitAsync();
        await using var command = connection.CreateCommand();

        var e = Assert.Throws<InvalidOperationException>(() => command.Transaction = transaction);

        Assert.Equal("Transaction is already completed", e.Message);
        Assert.True(StorageFailure.Is(e));
    }

    [Fact]
    public void SQLite_refusing_a_closed_connection_is_a_storage_failure_and_the_servers_own_faults_are_not()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";

        Assert.True(StorageFailure.Is(Assert.Throws<InvalidOperationException>(() => command.ExecuteScalar())));
        Assert.True(StorageFailure.Is(new StorageFailure(new InvalidOperationException("any cause"))));
        Assert.False(StorageFailure.Is(Record.Exception(() => Enumerable.Empty<int>().First())!));
        Assert.False(StorageFailure.Is(new NullReferenceException()));
    }
}
