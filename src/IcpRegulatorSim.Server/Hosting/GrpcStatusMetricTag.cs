using Grpc.Core;
using IcpRegulatorSim.Server.Web;
using Microsoft.AspNetCore.Http.Features;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>
/// Adds each gRPC call's status (<c>rpc.grpc.status_code</c>, as OpenTelemetry's conventions name it) to ASP.NET
/// Core's own request metric, <c>http.server.request.duration</c>, whose route is already the call's method: calls by
/// method and status, which grpc-dotnet does not measure itself. The status is read from the call's trailers (or its
/// headers, for an answer with no body) after it ends, so refusals, injected faults and unparsable requests all count.
/// </summary>
public sealed class GrpcStatusMetricTag(RequestDelegate next)
{
    public const string TagName = "rpc.grpc.status_code";

    // One boxed value per status: tagging a call allocates nothing.
    private static readonly object[] Codes = Enumerable.Range(0, 17).Select(code => (object)code).ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Features.Get<IHttpMetricsTagsFeature>() is not { } metrics || !WebExtensions.IsGrpc(context.Request))
        {
            return;
        }
        var status = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"] ?? default;
        if (status.Count == 0)
        {
            status = context.Response.Headers["grpc-status"];
        }
        if (int.TryParse(status.ToString(), out var code) && code >= 0 && code < Codes.Length)
        {
            metrics.Tags.Add(new(TagName, Codes[code]));
        }
        else
        {
            // No status at all: the client went away before the answer.
            metrics.Tags.Add(new(TagName, Codes[(int)StatusCode.Cancelled]));
        }
    }
}
