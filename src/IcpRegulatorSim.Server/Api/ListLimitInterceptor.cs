using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace IcpRegulatorSim.Server.Api;

/// <summary>
/// Refuses a request from HTTP/JSON with a list longer than any call takes (<see cref="ListLimits"/>) before any
/// adapter looks at it: the transcoder parses it, so it is measured as a message, a look at each of its fields. A gRPC
/// request was measured on the wire already, before it was parsed, and costs nothing more here.
/// </summary>
public sealed class ListLimitInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(request, context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(request, context);
        return continuation(request, responseStream, context);
    }

    private static void Check(object? request, ServerCallContext context)
    {
        if (request is IMessage message
            && context.GetHttpContext().Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            ListLimits.Check(message);
        }
    }
}
