using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// A client that gives up on its calls (a load generator stopping, a reset stream, a closed connection) is not a failure
/// of the server: each call is one line below warning in its log, never a <c>fail</c> with a stack trace.
/// </summary>
public sealed partial class ClientResetLogTests : IDisposable
{
    private const string Prefix = "  server: ";
    private const int Unary = 8;
    private const int Streams = 4;

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("icp-reset-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task Calls_their_clients_cancel_are_logged_below_warning_without_a_stack_trace()
    {
        var log = new StringWriter();
        var webPort = FreePort();
        await using var server = await ServerProcess.StartAsync(Path.Combine(directory.FullName, "reset.db"), log,
            "--web-port", webPort.ToString(CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Grpc=Information", "--Logging:LogLevel:IcpRegulatorSim=Debug");
        var web = new Uri($"http://127.0.0.1:{webPort}/");
        using var channel = GrpcChannel.ForAddress(server.Address);
        var gateway = new ProviderGatewayClient(channel, new GatewayOptions { Address = server.Address });
        // Every call of the regulator's services is held five minutes: each is under way on the server when it is cancelled.
        await gateway.SetFaultsAsync([new Fault { Method = "*", Kind = FaultKind.Latency, Probability = 1, Delay = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)) }]);

        using var cancel = new CancellationTokenSource();
        using var http2 = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var http1 = new HttpClient();
        var reference = new ReferenceService.ReferenceServiceClient(channel);
        var filings = new FilingService.FilingServiceClient(channel);
        var provider = new Metadata { { "authorization", $"Bearer {GatewayOptions.SandboxProviderKey}" } };
        var calls = new List<Task>();
        for (var i = 0; i < Unary; i++)
        {
            calls.Add(reference.GetRulesAsync(new GetRulesRequest(), cancellationToken: cancel.Token).ResponseAsync);
            // HTTP/JSON over HTTP/2 on the gRPC port (a reset stream), and over HTTP/1.1 on the web port (a closed connection).
            calls.Add(http2.GetAsync(new Uri(server.Address, "/v1/rules"), cancel.Token));
            calls.Add(http1.GetAsync(new Uri(web, "/v1/rules"), cancel.Token));
        }
        for (var i = 0; i < Streams; i++)
        {
            var watch = filings.WatchFilings(new WatchFilingsRequest(), provider, cancellationToken: cancel.Token);
            calls.Add(watch.ResponseStream.MoveNext(cancel.Token));
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(web, "/v1/filings:watch")) { Headers = { { "authorization", $"Bearer {GatewayOptions.SandboxProviderKey}" } } };
            calls.Add(http1.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token));
        }
        // The scrape of /metrics is itself one request under way.
        await UntilActiveRequestsAsync(http1, web, n => n == calls.Count + 1, $"{calls.Count} calls under way on the server");

        await cancel.CancelAsync();
        foreach (var call in calls)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => call);
        }
        await UntilActiveRequestsAsync(http1, web, n => n == 1, "the server to end the cancelled calls");
        // Each cancelled call has its line (whatever its level): then the log holds everything they caused.
        await Until(() => Ended().Matches(log.ToString()).Count >= calls.Count, $"a line for each of the {calls.Count} cancelled calls");

        var lines = log.ToString().Split('\n').Where(l => l.StartsWith(Prefix, StringComparison.Ordinal)).Select(l => l[Prefix.Length..]).ToList();
        Assert.DoesNotContain(lines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)
            || l.StartsWith("warn:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => StackFrame().IsMatch(l));
        Assert.False(server.HasExited);
    }

    private static async Task UntilActiveRequestsAsync(HttpClient http, Uri web, Func<long, bool> condition, string what) =>
        await Until(async () => condition(ActiveRequests(await http.GetStringAsync(new Uri(web, "/metrics")))), what);

    /// <summary>Requests under way on the server, of every kind: the sum of its http_server_active_requests series.</summary>
    private static long ActiveRequests(string metrics) =>
        metrics.Split('\n').Where(l => l.StartsWith("http_server_active_requests{", StringComparison.Ordinal))
            .Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); !await condition(); await Task.Delay(TimeSpan.FromMilliseconds(100)))
        {
            if (waited.Elapsed > Patience.Limit)
            {
                throw new TimeoutException($"Waited {Patience.Limit} for {what}.");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The line a cancelled call leaves: the regulator's own, or (before it was answered so) grpc-dotnet's.
    [GeneratedRegex(@"was cancelled by its client|Service method '\w+' canceled|Error when executing service method")]
    private static partial Regex Ended();

    [GeneratedRegex(@"^\s+at \S+\(")]
    private static partial Regex StackFrame();
}
