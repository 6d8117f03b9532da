using Grpc.Net.Client;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Bench;

/// <summary>
/// The server nodes of a run, each a process of its own on the same database, and a gateway client for each on a
/// channel of its own (one HTTP/2 connection per node): the workloads spread their calls over these clients.
/// </summary>
public sealed class BenchNodes : IAsyncDisposable
{
    private readonly IReadOnlyList<ServerProcess> processes;
    private readonly IReadOnlyList<GrpcChannel> channels;

    private BenchNodes(IReadOnlyList<ServerProcess> processes, IReadOnlyList<Uri> webAddresses)
    {
        this.processes = processes;
        WebAddresses = webAddresses;
        channels = processes.Select(p => GrpcChannel.ForAddress(p.Address)).ToList();
        Clients = processes.Select((p, i) => Bench.Client(channels[i], p.Address)).ToList();
    }

    public IReadOnlyList<ProviderGatewayClient> Clients { get; }

    /// <summary>Each node's web port (its /metrics).</summary>
    public IReadOnlyList<Uri> WebAddresses { get; }

    public int Count => processes.Count;

    /// <summary>The first node's address (what h2load drives).</summary>
    public Uri First => processes[0].Address;

    /// <summary>The CPU time the first node has used so far.</summary>
    public TimeSpan FirstCpuTime() => processes[0].CpuTime();

    /// <summary>The first node's pages (what the pages row drives).</summary>
    public Uri FirstWeb => processes[0].WebAddress ?? throw new InvalidOperationException("The first node serves no pages.");

    /// <summary>
    /// Starts <paramref name="count"/> nodes on <paramref name="data"/> together, as the nodes of a cluster start: they
    /// migrate the database and create the default world once between them.
    /// </summary>
    public static async Task<BenchNodes> StartAsync(string data, int count)
    {
        var webPorts = Enumerable.Range(0, count).Select(_ => ServerProcess.FreePort()).ToList();
        // Pages warmed, as make run warms them for a class: the pages row's first round is not the pages' first render.
        var starting = webPorts.Select(port => ServerProcess.StartAsync(data, Console.Error,
            "--web-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--warm-pages", "true")).ToList();
        try
        {
            return new BenchNodes(await Task.WhenAll(starting), webPorts.Select(port => new Uri($"http://127.0.0.1:{port}")).ToList());
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary>The most memory any one node has held (VmHWM), in bytes.</summary>
    public long PeakResidentBytes() => processes.Max(p => p.PeakResidentBytes());

    /// <summary>Kills every node outright: what they acknowledged must already be in the database.</summary>
    public async Task KillAsync()
    {
        foreach (var process in processes)
        {
            await process.KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in channels)
        {
            channel.Dispose();
        }
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }
    }
}
