using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>Like the real download-and-acknowledge, the event feed loses nothing and repeats nothing across a restart.</summary>
public sealed class WatchAcrossRestartTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"icp-watch-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_watcher_resumes_after_a_server_restart_without_loss_or_duplication()
    {
        var port = FreePort().ToString(CultureInfo.InvariantCulture);
        var samples = new SampleFilings();
        var seen = Channel.CreateUnbounded<OrderEvent>();
        using var stop = new CancellationTokenSource();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var watcher = new ProviderGatewayClient(channel, new GatewayOptions { InitialBackoff = TimeSpan.FromMilliseconds(50) });

        var first = await RegulatorServer.StartAsync(path, "--port", port);
        var watching = Task.Run(async () =>
        {
            await foreach (var e in watcher.WatchFilingsAsync(cancellationToken: stop.Token))
            {
                await seen.Writer.WriteAsync(e);
            }
        });
        for (var i = 0; i < 3; i++)
        {
            await first.Gateway().SubmitAsync(samples.Company());
        }
        var events = await Streams.TakeAsync(seen.Reader.ReadAllAsync(), 3);
        await first.DisposeAsync();

        await using var second = await RegulatorServer.StartAsync(path, "--port", port);
        for (var i = 0; i < 2; i++)
        {
            await second.Gateway().SubmitAsync(samples.Company());
        }
        // Five orders, each with its two codes sent; then a sixth order, whose submission comes last of all: any event
        // the watcher received twice would be there before it.
        await second.Gateway().AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var last = (await second.Gateway().SubmitAsync(samples.Company())).Order.OrderId;
        events.AddRange(await Streams.TakeAsync(seen.Reader.ReadAllAsync(), 13));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);

        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal((last, OrderEventKind.Submitted), (events[^1].OrderId, events[^1].Kind));
        Assert.Equal(6, events.Count(e => e.Kind == OrderEventKind.Submitted));
        Assert.Equal(10, events.Count(e => e.Kind == OrderEventKind.CodeSent));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(path + suffix);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
