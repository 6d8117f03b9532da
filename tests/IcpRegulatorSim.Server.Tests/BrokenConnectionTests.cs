using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// A batch whose connection is lost under it (the database ends the session, the network is cut) fails as the storage
/// failing, whatever the driver throws on the way (Npgsql's "Transaction is already completed" when the writer rolls
/// back a command on a connection already gone, SQLite's about a closed connection): every command of it answers
/// UNAVAILABLE with the reason, never UNKNOWN, and the writer goes on, on a new connection.
/// </summary>
public sealed class BrokenConnectionTests
{
    public static TheoryData<string> Stores => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_commands_of_a_batch_whose_connection_was_lost_answer_unavailable_and_the_writer_goes_on(string store)
    {
        await using var server = await RegulatorServer.StartAsync(store == "postgres" ? await TestStore.SchemaAsync("t_" + Guid.NewGuid().ToString("N")) : ":memory:");
        var gateway = server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var samples = new SampleFilings(seed: 72);
        var writer = server.Services.GetRequiredService<Writer>();

        Task<int> losing;
        List<Task<string>> submissions;
        await using (var hold = await server.HoldWriterAsync())
        {
            // First of the batch, a command during which the writer's connection is lost; then submissions.
            losing = writer.RunAsync(RegulatorOptions.DefaultWorld, s => LoseConnection(s.Db, store));
            await hold.UntilQueuedAsync(1, losing);
            submissions = [.. Enumerable.Range(0, 10).Select(_ => Outcome(gateway.SubmitAsync(samples.Company())))];
            await hold.UntilQueuedAsync(11, Task.WhenAll(submissions));
        }

        Assert.IsType<StorageFailure>(await Record.ExceptionAsync(() => losing));
        Assert.All(await Task.WhenAll(submissions), o => Assert.Equal("Unavailable STORAGE_UNAVAILABLE", o));
        // The writer goes on, on a new connection.
        var order = (await gateway.SubmitAsync(samples.Company())).Order;
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await gateway.GetFilingAsync(order.OrderId)).Status);
    }

    private static int LoseConnection(DbSession db, string store)
    {
        if (store == "postgres")
        {
            // The server ends the writer's own session, as it does when an administrator (or a restart) ends it.
            db.Execute("SELECT pg_terminate_backend(pg_backend_pid())");
        }
        else
        {
            db.Connection.Close();
        }
        return 0;
    }

    private static async Task<string> Outcome(Task<SubmitFilingResponse> call)
    {
        try
        {
            return (await call).Order.OrderId;
        }
        catch (RegulatorCallException e)
        {
            return $"{e.StatusCode} {e.Reason}";
        }
    }
}
