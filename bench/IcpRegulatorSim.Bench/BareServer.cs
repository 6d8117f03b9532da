using System.Net;
using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace IcpRegulatorSim.Bench;

/// <summary>
/// The yardstick for the stack's own cost: Kestrel and grpc-dotnet with the server's settings (HTTP/2 without TLS on
/// 127.0.0.1, warnings-only logging) answering SandboxService.Ping, and nothing else: no interceptors, no method
/// provider of ours, no pages, no metrics, no storage. The bench starts it as a process of its own
/// (<c>IcpRegulatorSim.Bench.dll --bare-server --port N</c>) and drives it with the same client as the simulator.
/// </summary>
public static class BareServer
{
    public const string Flag = "--bare-server";

    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(args[Array.IndexOf(args, "--port") + 1], System.Globalization.CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--Logging:LogLevel:Default=Warning"] });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<BarePing>();
        await app.RunAsync();
        return 0;
    }

    private sealed class BarePing : SandboxService.SandboxServiceBase
    {
        private static readonly Task<PingResponse> Pong = Task.FromResult(new PingResponse());

        public override Task<PingResponse> Ping(PingRequest request, ServerCallContext context) => Pong;
    }
}
