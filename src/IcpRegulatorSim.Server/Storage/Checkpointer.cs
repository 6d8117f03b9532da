namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// Checkpoints the WAL once a second on a connection of its own. The writer turns automatic checkpoints off: done
/// inside its commits they cost the single writer milliseconds every thousand pages.
/// </summary>
public sealed class Checkpointer(Database database, ILogger<Checkpointer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                database.Checkpoint();
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                // A checkpoint that cannot finish now (a reader holds old pages) simply waits for the next tick.
                logger.LogWarning(e, "WAL checkpoint failed; retrying next second");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        database.Checkpoint();
    }
}
