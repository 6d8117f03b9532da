using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Time;
using Npgsql;

namespace IcpRegulatorSim.Server.Storage.Postgres;

/// <summary>
/// Hears the commits of every node on the shared database (its own included) and wakes what waits on them on this
/// node: the streams (order events, outbox), the deadline worker, and — when a world's keys, faults or existence
/// changed — this node's copies of them. After its connection breaks it listens again, and takes everything as changed.
/// </summary>
public sealed class ClusterListener(
    Database database, ChangeFeed feed, Writer writer, Callers callers, FaultBook faults, WorldClocks clocks, ILogger<ClusterListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var postgres = (PostgresDatabase)database;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = postgres.OpenListener();
                connection.Notification += (_, e) => Received(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresDatabase.Quote(postgres.Channel)}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // What was committed while nobody listened is read now.
                RefreshAll();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning(e, "Listening for the other nodes' commits failed; listening again in {Retry}", Retry);
                await Task.Delay(Retry, clocks.RealTime, stoppingToken);
            }
        }
    }

    private void Received(string payload)
    {
        if (payload.StartsWith('!'))
        {
            Refresh(payload[1..]);
        }
        feed.Committed();
        writer.SignalDeadlines();
    }

    /// <summary>
    /// Forgets the world's issued keys (each is looked up again at its next use) and that it exists, and reads its
    /// faults again.
    /// </summary>
    private void Refresh(string world)
    {
        callers.ForgetIssued(world);
        clocks.Forget(world);
        faults.Set(world, database.Read(db => WorldStore.Faults(db, world)));
    }

    private void RefreshAll()
    {
        clocks.ForgetAll();
        foreach (var world in callers.Worlds().Union(faults.Worlds()).ToList())
        {
            Refresh(world);
        }
        feed.Committed();
        writer.SignalDeadlines();
    }
}
