using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace IcpRegulatorSim.Server.Api;

/// <summary>
/// Refuses a request with a list longer than any call takes (<see cref="ListLimits"/>) before any adapter looks at it.
/// A gRPC request was measured on the wire already; this is the measure of one from HTTP/JSON, which the transcoder
/// parses, and it costs a call that passes a look at each of its fields.
/// </summary>
public sealed class ListLimitInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(request);
        return continuation(request, responseStream, context);
    }

    private static void Check(object? request)
    {
        if (request is IMessage message)
        {
            ListLimits.Check(message);
        }
    }
}
