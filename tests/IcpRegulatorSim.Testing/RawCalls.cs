using Google.Protobuf.Reflection;
using Grpc.Core;

namespace IcpRegulatorSim.Testing;

/// <summary>
/// Any method of the contract called with raw bytes, as a client with a broken or hostile encoder would call it: the
/// fuzz test and the soak send what no generated client can.
/// </summary>
public static class RawCalls
{
    /// <summary>Every method of the contract, unary and server-streaming, as its descriptors list them.</summary>
    public static IReadOnlyList<MethodDescriptor> Methods => Contract.Methods;

    /// <summary>Headers with the bearer <paramref name="key"/>, or none when it is empty.</summary>
    public static Metadata Headers(string key)
    {
        var headers = new Metadata();
        if (key.Length > 0)
        {
            headers.Add("authorization", $"Bearer {key}");
        }
        return headers;
    }

    /// <summary>
    /// The status the server answered <paramref name="input"/> with. A stream that is still open after
    /// <paramref name="streamWait"/> (the server follows it, having accepted the request) counts as OK.
    /// </summary>
    public static async Task<Status> CallAsync(
        CallInvoker invoker, MethodDescriptor method, byte[] input, Metadata headers, TimeSpan timeout, TimeSpan? streamWait = null) =>
        (await RefusalAsync(invoker, method, input, headers, timeout, streamWait))?.Status ?? Status.DefaultSuccess;

    /// <summary>The failure the server answered <paramref name="input"/> with, its trailers and details with it; null when it took the call.</summary>
    public static async Task<RpcException?> RefusalAsync(
        CallInvoker invoker, MethodDescriptor method, byte[] input, Metadata headers, TimeSpan timeout, TimeSpan? streamWait = null)
    {
        var type = method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        var rpc = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Bytes, Bytes);
        using var following = new CancellationTokenSource();
        var options = new CallOptions(headers, DateTime.UtcNow.Add(timeout), following.Token);
        try
        {
            if (!method.IsServerStreaming)
            {
                await invoker.AsyncUnaryCall(rpc, null, options, input);
                return null;
            }
            following.CancelAfter(streamWait ?? TimeSpan.FromMilliseconds(100));
            using var call = invoker.AsyncServerStreamingCall(rpc, null, options, input);
            // The first item, or the end, says the request was taken; nothing more is needed of a stream that follows.
            await call.ResponseStream.MoveNext(following.Token);
            return null;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && following.IsCancellationRequested)
        {
            return null;
        }
        catch (RpcException e)
        {
            return e;
        }
    }

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);
}
