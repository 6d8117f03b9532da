using Dapper;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>The WAL starts over under a steady stream of commits, instead of growing for as long as the load lasts.</summary>
public sealed class WalTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"icp-wal-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task The_wal_stays_bounded_while_the_writer_is_never_idle()
    {
        await using var server = await RegulatorServer.StartAsync(path);
        var writer = server.Services.GetRequiredService<Writer>();
        await writer.RunAsync(null, s => s.Db.Connection.Execute("CREATE TABLE wal_test (row BLOB)", transaction: s.Db.Transaction));

        // More commands queued than a batch takes: the writer begins its next batch the instant one commits, so a
        // checkpoint beside it never sees the WAL's end, and only the writer's own checkpoint lets it start over.
        long written = 0, largest = 0;
        using var stop = new CancellationTokenSource(Run);
        var load = Enumerable.Range(0, 2048).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await writer.RunAsync(null, s => s.Db.Connection.Execute("INSERT INTO wal_test VALUES (randomblob(400))", transaction: s.Db.Transaction));
                Interlocked.Add(ref written, 400);
            }
        })).ToList();
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(100);
            largest = Math.Max(largest, new FileInfo(path + "-wal").Length);
        }
        await Task.WhenAll(load);

        // Started over about every second, the WAL holds at most a couple of seconds' rows (a WAL page carries
        // less than a page of rows); never started over, it would hold all ten seconds' worth.
        var perSecond = written / Run.TotalSeconds;
        Assert.True(largest <= 3 * perSecond, $"the WAL grew to {largest:N0} bytes, {largest / perSecond:0.0} s of rows ({written:N0} bytes in all)");
    }

    private static readonly TimeSpan Run = TimeSpan.FromSeconds(10);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
