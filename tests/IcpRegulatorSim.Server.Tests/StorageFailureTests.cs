using Dapper;
using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// A failure of the storage itself reaches a client as UNAVAILABLE, which it can retry (the transaction it struck
/// rolled back), never as UNKNOWN: on the writer's path, on a read, and on a stream.
/// </summary>
public sealed class StorageFailureTests : ServerTest
{
    [Fact]
    public async Task A_write_a_read_and_a_stream_that_storage_fails_answer_unavailable_with_the_reason()
    {
        await Gateway.SubmitAsync(Samples.Company());
        // The storage breaks under the server: every statement on these tables now fails in SQLite.
        var writer = Server.Services.GetRequiredService<Writer>();
        await writer.RunAsync(null, s => s.Db.Connection.Execute(
            "DROP TABLE faults; DROP TABLE order_events; DROP TABLE subjects; DROP TABLE filed_services", transaction: s.Db.Transaction));
        var once = Server.Gateway(new GatewayOptions { MaxAttempts = 1 });

        var write = await Assert.ThrowsAsync<RegulatorCallException>(() => once.SetFaultsAsync([]));
        var read = await Assert.ThrowsAsync<RegulatorCallException>(() => once.QueryByDomainAsync("example.cn"));
        // The gateway reconnects a stream that answers UNAVAILABLE; the contract's own client shows the answer.
        var filings = new FilingService.FilingServiceClient(Server.Channel());
        var headers = new Metadata { { "authorization", $"Bearer {GatewayOptions.SandboxProviderKey}" } };
        using var watch = filings.WatchFilings(new WatchFilingsRequest(), headers);
        var stream = RegulatorCallException.From(await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext()));

        Assert.All([write, read, stream], e =>
        {
            Assert.Equal(StatusCode.Unavailable, e.StatusCode);
            Assert.Equal("STORAGE_UNAVAILABLE", e.Reason);
        });
    }
}
