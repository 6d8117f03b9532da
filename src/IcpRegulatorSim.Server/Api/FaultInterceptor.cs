using Grpc.Core;
using Grpc.Core.Interceptors;
using IcpRegulatorSim.Server.Security;

namespace IcpRegulatorSim.Server.Api;

/// <summary>
/// Injects the faults a world is configured with (SandboxService.SetFaults) into its calls, before anything else
/// happens: an injected failure never changes state. Sandbox controls are exempt, or faults could not be cleared.
/// </summary>
public sealed class FaultInterceptor(Callers callers, FaultBook faults, TimeProvider time) : Interceptor
{
    private const string Package = "/icp.regulator.v1.";
    private const string Sandbox = "/icp.regulator.v1.SandboxService/";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await InjectAsync(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await InjectAsync(context);
        await continuation(request, responseStream, context);
    }

    private async Task InjectAsync(ServerCallContext context)
    {
        if (!faults.Any || !context.Method.StartsWith(Package, StringComparison.Ordinal) || context.Method.StartsWith(Sandbox, StringComparison.Ordinal))
        {
            return;
        }
        var method = context.Method[1..];
        foreach (var fault in faults.For(callers.WorldOf(context)))
        {
            if (!Matches(fault.Method, method) || Random.Shared.NextDouble() >= fault.Probability)
            {
                continue;
            }
            var delay = TimeSpan.FromMilliseconds(fault.DelayMs);
            switch (fault.Kind)
            {
                case 1:
                    throw new RpcException(new Status(StatusCode.Unavailable, "Injected fault (sandbox): UNAVAILABLE."));
                case 2:
                    await Task.Delay(delay, time, context.CancellationToken);
                    throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Injected fault (sandbox): DEADLINE_EXCEEDED."));
                default:
                    await Task.Delay(delay, time, context.CancellationToken);
                    break;
            }
        }
    }

    private static bool Matches(string pattern, string method) =>
        pattern == "*"
        || pattern == method
        || (pattern.EndsWith("/*", StringComparison.Ordinal) && method.StartsWith(pattern[..^1], StringComparison.Ordinal));
}
