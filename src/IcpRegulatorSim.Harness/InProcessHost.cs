using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IcpRegulatorSim.Harness;

/// <summary>The simulator in the test's own process: the server's own host, built as its Program builds it.</summary>
internal sealed class InProcessHost(WebApplication app, Uri address, Uri? httpAddress) : IRegulatorHost
{
    public Uri Address { get; } = address;

    public Uri? HttpAddress { get; } = httpAddress;

    public static async Task<InProcessHost> StartAsync(List<string> arguments, bool http, TextWriter? log, CancellationToken cancellationToken)
    {
        string[] args = ["--port", "0", "--web-port", http ? "0" : "-1", .. arguments];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (log is not null)
        {
            builder.Logging.AddProvider(new WriterLoggerProvider(log));
        }
        builder.AddRegulator(args);
        var app = builder.Build();
        app.MapRegulator();
        await app.StartAsync(cancellationToken);
        return new InProcessHost(app, app.GrpcAddress(), app.Services.GetRequiredService<WebListener>().Address);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
