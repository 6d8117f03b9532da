using System.Net;
using System.Net.Sockets;
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
        var port = FreePort().ToString();
        var samples = new SampleFilings();
        var seen = new List<OrderEvent>();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var watcher = new ProviderGatewayClient(channel, new GatewayOptions { InitialBackoff = TimeSpan.FromMilliseconds(50) });

        var first = await RegulatorServer.StartAsync(path, "--port", port);
        var watching = Task.Run(async () =>
        {
            await foreach (var e in watcher.WatchFilingsAsync(cancellationToken: stop.Token))
            {
                lock (seen)
                {
                    seen.Add(e);
                }
            }
        });
        for (var i = 0; i < 3; i++)
        {
            await first.Gateway().SubmitAsync(samples.Company());
        }
        await Until(() => Count(seen) == 3, stop.Token);
        await first.DisposeAsync();

        await using var second = await RegulatorServer.StartAsync(path, "--port", port);
        for (var i = 0; i < 2; i++)
        {
            await second.Gateway().SubmitAsync(samples.Company());
        }
        // Five orders, each with its two codes sent.
        await second.Gateway().AdvanceClockAsync(TimeSpan.FromMinutes(5));
        await Until(() => Count(seen) >= 15, stop.Token);
        await Task.Delay(200);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);

        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), seen.Select(e => e.Sequence));
        Assert.Equal(5, seen.Count(e => e.Kind == OrderEventKind.Submitted));
        Assert.Equal(10, seen.Count(e => e.Kind == OrderEventKind.CodeSent));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    private static int Count(List<OrderEvent> seen)
    {
        lock (seen)
        {
            return seen.Count;
        }
    }

    private static async Task Until(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
