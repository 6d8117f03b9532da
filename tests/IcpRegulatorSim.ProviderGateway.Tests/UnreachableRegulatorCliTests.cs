using System.Net;
using System.Net.Sockets;
using IcpRegulatorSim.ProviderGateway.Cli;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// <c>icp-gateway</c> where nothing listens: a command says so in one line with the address and what to do; a load run
/// reports no throughput, its failures by status, and exits 1; <c>watch</c> says once that it has no connection and is
/// trying again, and once that it is connected, instead of hanging silently.
/// </summary>
[Collection(CliRun.Collection)]
public sealed class UnreachableRegulatorCliTests
{
    private readonly int port = FreePort();

    private string Address => $"http://127.0.0.1:{port}/";

    [Fact]
    public async Task A_command_where_nothing_listens_says_so_in_one_line_with_the_address_and_a_hint()
    {
        var run = await CliRun.RunAsync("--address", Address, "status", "ord-00000001");

        Assert.True(run.ExitCode == GatewayCli.Refused, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.Equal($"error: cannot reach the regulator at {Address} (Connection refused). Is it running (make run)? "
            + "Give its address with --address or ICP_GATEWAY_ADDRESS.", line);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_load_run_where_nothing_listens_has_no_throughput_and_says_that_nothing_succeeded()
    {
        // The warm-up takes the first calls, slow to fail while the process warms up: the measured ones fail at once.
        var run = await CliRun.RunAsync("--address", Address, "load", "ping", "-c", "2", "--warmup", "1s", "--duration", "1s", "--allow-errors");

        Assert.True(run.ExitCode == GatewayCli.Refused, run.ToString());
        Assert.Matches(@"calls [\d,]+  succeeded 0  throughput 0\.0/s", run.Output);
        Assert.Matches(@"errors Unavailable [\d,]+\n", run.Output);
        Assert.Matches(@"^error: no call succeeded: all [\d,]+ answered calls failed \(Unavailable [\d,]+\); is the regulator running at http://127\.0\.0\.1:\d+/\?$",
            Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Watch_says_once_that_it_has_no_connection_and_once_that_it_is_connected_again()
    {
        var clock = new FakeClock();
        var output = new StringWriter();
        var error = new StringWriter();
        var errorWriter = TextWriter.Synchronized(error);
        var watching = GatewayCli.RunAsync(["--address", Address, "watch", "--count", "1"], TextWriter.Synchronized(output), errorWriter, clock);

        // Nothing listens: the first attempt fails, then the next, each after a pause on the clock twice the last.
        var pause = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; attempt <= 2; attempt++, pause *= 2)
        {
            await clock.WhenWaitingAsync(pause);
            clock.Advance(pause);
        }
        await clock.WhenWaitingAsync(pause);
        Assert.Equal(
            [$"watch: no connection to the regulator at {Address} (Connection refused); trying again until it answers, then resuming after event 0 (Ctrl+C stops)."],
            Lines(errorWriter, error));

        await using var server = await RegulatorServer.StartAsync(":memory:", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var order = (await server.Gateway().SubmitAsync(new ProviderGateway.Client.SampleFilings().Company())).Order;
        // The channel notices the server on its own schedule: each attempt until then fails at once, and waits again.
        while (await Task.WhenAny(watching, clock.WhenWaitingAsync(pause)).Within("the watch to wait or end") != watching)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20));
            clock.Advance(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }

        Assert.True(await watching == 0, $"{output}\n{error}");
        Assert.StartsWith($"#1 ", output.ToString());
        Assert.Contains(order.OrderId, output.ToString());
        Assert.Equal(
            [
                $"watch: no connection to the regulator at {Address} (Connection refused); trying again until it answers, then resuming after event 0 (Ctrl+C stops).",
                $"watch: connected to {Address}; resuming after event 0.",
            ],
            Lines(errorWriter, error));
    }

    /// <summary>What <paramref name="text"/> holds so far: <paramref name="writer"/> writes into it under a lock on itself.</summary>
    private static string[] Lines(TextWriter writer, StringWriter text)
    {
        lock (writer)
        {
            return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
