using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Time;
using Npgsql;

namespace IcpRegulatorSim.Server.Storage.Postgres;

/// <summary>
/// Hears the commits of every node on the shared database (its own included) and wakes what waits on them on this
/// node: the streams (order events, outbox), the deadline worker, and — when a world's keys, faults or existence
/// changed — this node's copies of them. After its connection breaks (the database restarted, or went away for a
/// while) it listens again, after a backoff that grows to a bound while the database stays away, and then takes
/// everything as changed: what was committed meanwhile was never announced to it.
/// </summary>
public sealed class ClusterListener(
    Database database, ChangeFeed feed, Writer writer, Callers callers, FaultBook faults, WorldClocks clocks, StorageOutage outage,
    ILogger<ClusterListener> logger)
    : BackgroundService
{
    // A world's faults that could not be read when its change was heard: every world's are read again, or the
    // connection is given up and the next one reads them.
    private volatile bool refreshFailed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var postgres = (PostgresDatabase)database;
        var failed = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var outages = outage.Count;
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
                outage.Succeeded(outages);
                if (failed > 0)
                {
                    logger.LogInformation("Listening for the other nodes' commits again, after {Attempts} attempts", failed);
                }
                failed = 0;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                    if (refreshFailed)
                    {
                        refreshFailed = false;
                        RefreshAll();
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                outage.Failed(e, "listening for the other nodes' commits");
                try
                {
                    await Task.Delay(StorageOutage.Backoff(failed++), clocks.RealTime, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Received(string payload)
    {
        if (payload.StartsWith('!'))
        {
            try
            {
                Refresh(payload[1..]);
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                // Raised inside the connection's wait, which must not fail for another connection's failure: the loop
                // reads everything again once the wait returns.
                refreshFailed = true;
            }
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
