using Dapper;
using IcpRegulatorSim.Server.Storage.Sqlite;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// The WAL starts over under a steady stream of commits, instead of growing for as long as the load lasts. A checkpoint
/// beside a writer that is never idle hardly ever catches the WAL's end; the checkpointer then asks the writer to finish
/// it between two batches. The checkpointer's second passes on a fake clock, so the test decides when it asks, and
/// reads the WAL file's own header to see it start over each time.
/// </summary>
public sealed class WalTests : IDisposable
{
    private const int Rounds = 3;
    private const long GiveUpAtBytes = 1L << 30;

    private readonly string path = Path.Combine(Path.GetTempPath(), $"icp-wal-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task The_wal_starts_over_each_time_the_checkpointer_asks_while_the_writer_is_never_idle()
    {
        var clock = new FakeClock();
        await using var server = await RegulatorServer.StartAsync(clock, path);
        var writer = server.Services.GetRequiredService<Writer>();
        var feed = server.Services.GetRequiredService<ChangeFeed>();
        await writer.RunAsync(null, s => s.Db.Connection.Execute("CREATE TABLE wal_test (row BLOB)", transaction: s.Db.Transaction));
        var wal = new WalFile(path + "-wal");

        // More commands queued than a batch takes: the writer begins its next batch the instant one commits. A row
        // fills most of a page, so the WAL grows by about a frame a command.
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 2048).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await writer.RunAsync(null, s => s.Db.Connection.Execute("INSERT INTO wal_test VALUES (randomblob(3000))", transaction: s.Db.Transaction));
            }
        })).ToList();
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                // The clock stands still, so nothing asks for a checkpoint: the WAL grows past what the checkpointer lets
                // be. (The round before may still be finishing: on a busy machine the checkpointer's own pass can catch
                // the WAL between two batches, and the writer's checkpoint it asks for next starts it over once more;
                // the frames are then counted again from there.)
                var before = wal.Generation();
                await AfterCommitsUntil(feed, () =>
                {
                    before = wal.Generation();
                    return wal.Frames() > Checkpointer.FinishAbovePages * 3 / 2 && wal.Generation() == before;
                }, "the WAL to outgrow the checkpointer's limit");

                // The checkpointer's second: it asks, and the writer finishes the checkpoint between two batches. A WAL
                // that grows on regardless is given up on at a size it never nears when it starts over as asked.
                clock.Advance(Checkpointer.Period);
                await AfterCommitsUntil(feed, () => wal.Generation() != before || wal.Bytes > GiveUpAtBytes,
                    $"the WAL to start over after checkpoint request {round}");
                Assert.True(wal.Generation() != before, $"the WAL grew to {wal.Bytes:N0} bytes after checkpoint request {round} without starting over");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }
    }

    /// <summary>Looks after each commit of the writer until <paramref name="condition"/> holds.</summary>
    private static async Task AfterCommitsUntil(ChangeFeed feed, Func<bool> condition, string what)
    {
        using var patience = Patience.Token();
        while (true)
        {
            var commit = feed.NextChange;
            if (condition())
            {
                return;
            }
            try
            {
                await commit.WaitAsync(patience.Token);
            }
            catch (OperationCanceledException) when (patience.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {Patience.Limit.TotalSeconds:0} s for {what}.");
            }
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(path + suffix);
        }
    }
}
