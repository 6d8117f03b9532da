using Grpc.Net.Client;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace IcpRegulatorSim.Testing;

/// <summary>
/// The real simulator — Kestrel, HTTP/2, SQLite (or PostgreSQL, see <see cref="TestStore"/>) — on a free 127.0.0.1 port, with its own database and a frozen
/// clock at <see cref="Start"/> (a Monday, 09:00 in Beijing) unless told otherwise. Its real time (what a running clock,
/// the checkpointer, the deadline worker and injected latency wait on) is the machine's, or a <see cref="FakeClock"/>.
/// </summary>
public sealed class RegulatorServer : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly WebApplication app;
    private readonly List<GrpcChannel> channels = [];

    private RegulatorServer(WebApplication app, Uri address, string data)
    {
        this.app = app;
        Address = address;
        Data = data;
    }

    public Uri Address { get; }

    /// <summary>The web pages' address (HTTP/1.1), ending in a slash.</summary>
    public Uri WebAddress => Services.GetRequiredService<WebListener>().Address ?? throw new InvalidOperationException("The server serves no pages (--web-port -1).");

    /// <summary>The database file, <c>:memory:</c>, or the PostgreSQL connection string it became (<see cref="TestStore"/>).</summary>
    public string Data { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>Stopping or stopped: by its own decision (a part failed), or its disposal.</summary>
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;

    /// <summary>Starts a server; <paramref name="args"/> are the server's own flags and override the test defaults.</summary>
    public static Task<RegulatorServer> StartAsync(string data = ":memory:", params string[] args) => StartAsync(TimeProvider.System, data, args);

    /// <summary>Starts a server whose real time is <paramref name="realTime"/> instead of the machine's clock.</summary>
    public static Task<RegulatorServer> StartAsync(TimeProvider realTime, string data = ":memory:", params string[] args) =>
        StartAsync(realTime, _ => { }, data, args);

    /// <summary>
    /// Starts a server as <see cref="StartAsync(TimeProvider, string, string[])"/> does, with <paramref name="configure"/>
    /// adding to its services: a log the test reads (<see cref="LogCapture"/>), a part of its own.
    /// </summary>
    public static async Task<RegulatorServer> StartAsync(TimeProvider realTime, Action<IServiceCollection> configure, string data = ":memory:", params string[] args)
    {
        data = await TestStore.DataAsync(data);
        string[] all = ["--port", "0", "--web-port", "0", "--data", data, "--clock-start", Start.ToString("O"), "--clock-rate", "0", .. args];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = all, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddRegulator(all);
        builder.Services.Replace(ServiceDescriptor.Singleton(realTime));
        configure(builder.Services);
        var app = builder.Build();
        app.MapRegulator();
        await app.StartAsync();
        return new RegulatorServer(app, app.GrpcAddress(), data);
    }

    /// <summary>
    /// A gateway speaking to this server over its own HTTP/2 channel, as a provider would; its backoff waits on
    /// <paramref name="time"/> (default: the machine's clock).
    /// </summary>
    public ProviderGatewayClient Gateway(GatewayOptions? options = null, TimeProvider? time = null) =>
        new(Channel(), (options ?? new GatewayOptions()) with { Address = Address }, time);

    /// <summary>
    /// Holds the single writer until the returned hold is disposed: the commands that arrive meanwhile wait, and are
    /// then applied in one batch, as they would be under load, whatever the speed of the machine.
    /// </summary>
    public async Task<WriterHold> HoldWriterAsync()
    {
        var writer = Services.GetRequiredService<Writer>();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        var held = writer.RunAsync(null, _ =>
        {
            holding.SetResult();
            release.Wait();
            return 0;
        });
        await holding.Task;
        return new WriterHold(writer, release, held);
    }

    public GrpcChannel Channel()
    {
        var channel = GrpcChannel.ForAddress(Address);
        channels.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in channels)
        {
            channel.Dispose();
        }
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
