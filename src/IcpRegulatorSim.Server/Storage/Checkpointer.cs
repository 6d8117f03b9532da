namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// Checkpoints the WAL once a second on a connection of its own. The writer turns automatic checkpoints off: done
/// inside its commits they cost the single writer milliseconds every thousand pages. Under a steady stream of
/// commits a checkpoint beside the writer never catches the WAL's end, and the WAL would grow without end; so once
/// it holds more than <see cref="FinishAbovePages"/>, the writer is asked to copy the last few pages itself,
/// between two batches, and the WAL starts over.
/// </summary>
public sealed class Checkpointer(Database database, Writer writer, ILogger<Checkpointer> logger) : BackgroundService
{
    /// <summary>16 MiB of 4 KiB pages.</summary>
    public const long FinishAbovePages = 4096;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var result = database.Checkpoint();
                logger.LogDebug("WAL checkpoint: {Pages} pages, complete: {Complete}", result.Pages, result.Complete);
                // Complete or not, a WAL this long has not started over: a commit was always under way beside it.
                if (result.Pages > FinishAbovePages)
                {
                    writer.RequestCheckpoint();
                }
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
