using System.Diagnostics;

namespace IcpRegulatorSim.Server.Storage.Sqlite;

/// <summary>
/// Checkpoints the WAL once a second on a connection of its own. The writer turns automatic checkpoints off: done
/// inside its commits they cost the single writer milliseconds every thousand pages. Under a steady stream of
/// commits a checkpoint beside the writer never catches the WAL's end, and the WAL would grow without end; so once
/// it holds more than <see cref="FinishAbovePages"/>, the writer is asked to copy the last few pages itself,
/// between two batches, and the WAL starts over. The second passes on the server's real-time
/// <see cref="TimeProvider"/>, which a test can move itself.
/// </summary>
public sealed class Checkpointer(SqliteDatabase database, Writer writer, TimeProvider time, ILogger<Checkpointer> logger) : BackgroundService
{
    /// <summary>16 MiB of 4 KiB pages.</summary>
    public const long FinishAbovePages = 4096;

    /// <summary>How often the WAL is looked at, and the writer asked to finish a checkpoint when it has grown too long.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>A pass this short copied only what the writer committed during the pass before it.</summary>
    private static readonly TimeSpan CaughtUp = TimeSpan.FromMilliseconds(5);

    private const int MaxCatchUpPasses = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                using var connection = database.OpenReader();
                var (result, took) = Pass(connection);
                // Complete or not, a WAL this long has not started over: a commit was always under way beside it.
                if (result.Pages > FinishAbovePages)
                {
                    // Each pass copies what was committed during the one before, in less time. Once a pass is short,
                    // what is left for the writer to copy while it holds its batches back is short too.
                    for (var pass = 0; pass < MaxCatchUpPasses && took > CaughtUp; pass++)
                    {
                        (_, took) = Pass(connection);
                    }
                    writer.RequestCheckpoint();
                }
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                // A checkpoint that cannot finish now (a reader holds old pages, the disk failed) simply waits for the
                // next tick: it never stops the node.
                logger.LogWarning(e, "WAL checkpoint failed; retrying next second");
            }
        }
    }

    // How long a pass took is work done, measured on the machine's clock; only the period is a wait.
    private (WalCheckpoint Result, TimeSpan Took) Pass(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        var started = Stopwatch.GetTimestamp();
        var result = SqliteDatabase.Checkpoint(connection);
        var took = Stopwatch.GetElapsedTime(started);
        logger.LogDebug("WAL checkpoint: {Pages} pages, complete: {Complete}, {Elapsed:F1} ms", result.Pages, result.Complete, took.TotalMilliseconds);
        return (result, took);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        database.Checkpoint();
    }
}
