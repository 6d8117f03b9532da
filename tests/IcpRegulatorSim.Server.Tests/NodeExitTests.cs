using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// A node that has to stop because a part of it failed says why in one line and exits non-zero: the host alone stops
/// with 0, as if it had been asked to (a database outage is not such a failure: see <see cref="OutageTests"/>).
/// </summary>
public sealed class NodeExitTests
{
    [Fact]
    public async Task A_background_service_that_fails_stops_the_node_with_one_line_saying_why_and_a_failure_exit_code()
    {
        var log = new LogCapture();
        var exitCode = Environment.ExitCode;
        try
        {
            var server = await RegulatorServer.StartAsync(TimeProvider.System, services =>
            {
                services.AddSingleton<ILoggerProvider>(log);
                services.AddHostedService<BrokenPart>();
            });
            await using (server)
            {
                await Task.Delay(Timeout.Infinite, server.Stopping).ContinueWith(_ => { }, TaskScheduler.Default).Within("the node to stop");
            }

            Assert.Equal(NodeExit.FailureExitCode, Environment.ExitCode);
            var said = Assert.Single(log.Of(nameof(NodeExit), LogLevel.Critical));
            Assert.Equal($"The node stopped: {nameof(BrokenPart)} failed: InvalidOperationException: {BrokenPart.Why}", said.Message);
        }
        finally
        {
            Environment.ExitCode = exitCode;
        }
    }

    /// <summary>A part that fails once the node serves.</summary>
    private sealed class BrokenPart(IHostApplicationLifetime lifetime) : BackgroundService
    {
        public const string Why = "A part of the node broke.";

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(started.SetResult))
            {
                await started.Task;
            }
            throw new InvalidOperationException(Why);
        }
    }
}
