using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>One attempt of a unary call as the network saw it, at an instant of the gateway's clock.</summary>
internal sealed record Attempt(string Method, object Request, Metadata Headers, DateTime? Deadline, DateTime At);

/// <summary>
/// A network that fails the first <c>failures</c> attempts of every unary call with <c>status</c>, and records every
/// attempt, at the instant <c>time</c> reads (the gateway's clock). With <c>loseReplies</c> a failed attempt still
/// reaches the server and only its reply is lost: the case idempotency keys exist for.
/// </summary>
internal sealed class FlakyNetwork(TimeProvider time, int failures, StatusCode status = StatusCode.Unavailable, bool loseReplies = false) : Interceptor
{
    private readonly ConcurrentQueue<Attempt> attempts = new();

    public IReadOnlyList<Attempt> Attempts => [.. attempts];

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        attempts.Enqueue(new Attempt(context.Method.Name, request, context.Options.Headers ?? new Metadata(), context.Options.Deadline, time.GetUtcNow().UtcDateTime));
        if (attempts.Count > failures)
        {
            return continuation(request, context);
        }
        var failure = new RpcException(new Status(status, "simulated network failure"));
        if (!loseReplies)
        {
            return Failed<TResponse>(failure);
        }
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(LoseReplyAsync(call.ResponseAsync, failure), call.ResponseHeadersAsync,
            call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private static async Task<T> LoseReplyAsync<T>(Task<T> reply, RpcException failure)
    {
        await reply;
        throw failure;
    }

    private static AsyncUnaryCall<T> Failed<T>(RpcException failure) => new(
        Task.FromException<T>(failure), Task.FromResult(new Metadata()), () => failure.Status, () => new Metadata(), () => { });
}
