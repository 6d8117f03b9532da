namespace IcpRegulatorSim.Server.Hosting;

/// <summary>
/// Ends the node when a part it cannot do without has failed — a background service whose loop ended in an error, the
/// writer's loop — with one line that says why and a non-zero exit code: the host alone stops with 0, as if it had been
/// asked to. A failure of the database is not one of these: every part rides through it (<see cref="Storage.StorageOutage"/>).
/// </summary>
public sealed class NodeExit(IHostApplicationLifetime lifetime, IServiceProvider services, ILogger<NodeExit> logger) : IHostedLifecycleService
{
    /// <summary>The process's exit code after such a failure.</summary>
    public const int FailureExitCode = 1;

    /// <summary>Stops the node because <paramref name="what"/> failed with <paramref name="e"/>.</summary>
    public void Stop(string what, Exception e)
    {
        logger.LogCritical("The node stops: {What} failed: {Error}", what, Describe(e));
        Environment.ExitCode = FailureExitCode;
        lifetime.StopApplication();
    }

    /// <summary>
    /// Once the host has stopped, says which background service stopped it, if one did (the host stops when one fails,
    /// <see cref="BackgroundServiceExceptionBehavior.StopHost"/>), and makes the exit code say so too.
    /// </summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        foreach (var service in services.GetServices<IHostedService>().OfType<BackgroundService>())
        {
            if (service.ExecuteTask is { IsFaulted: true, Exception: { } failure })
            {
                logger.LogCritical("The node stopped: {What} failed: {Error}", service.GetType().Name, Describe(failure.InnerException ?? failure));
                Environment.ExitCode = FailureExitCode;
            }
        }
        return Task.CompletedTask;
    }

    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
