using Grpc.Core;
using Grpc.Core.Interceptors;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.ProviderGateway.Load;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// The validate workload's preparation against the real simulator: when the clock advance that sends thousands of codes
/// outlasts its call's deadline, the workload asks again for the same instant and gets every code.
/// </summary>
public sealed class ValidateWorkloadTests : ServerTest
{
    [Fact]
    public async Task An_advance_cut_short_by_its_deadline_is_resumed_and_every_code_is_prepared()
    {
        var cutShort = new FirstAdvanceCutShort();
        var client = new ProviderGatewayClient(new InterceptedChannel(Server.Channel(), cutShort), new GatewayOptions { Address = Server.Address, MaxAttempts = 1 });
        var log = new StringWriter();

        var operation = await new Workloads([client], log).PrepareAsync("validate", new WorkloadOptions(Prepare: 3000), CancellationToken.None);

        Assert.Equal(StatusCode.DeadlineExceeded, cutShort.FirstStatus);
        Assert.Contains("still sending the codes; going on", log.ToString());
        Assert.Contains("prepared 6,000 codes to validate", log.ToString());
        Assert.True(await operation(0, CancellationToken.None));
    }

    /// <summary>Gives the first AdvanceClock call 50 ms: far less than sending 6,000 codes takes.</summary>
    private sealed class FirstAdvanceCutShort : Interceptor
    {
        private int advances;

        public StatusCode? FirstStatus { get; private set; }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
            TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            if (!context.Method.FullName.EndsWith("/AdvanceClock", StringComparison.Ordinal) || Interlocked.Increment(ref advances) > 1)
            {
                return continuation(request, context);
            }
            var shortened = new ClientInterceptorContext<TRequest, TResponse>(
                context.Method, context.Host, context.Options.WithDeadline(DateTime.UtcNow.AddMilliseconds(50)));
            var call = continuation(request, shortened);
            return new AsyncUnaryCall<TResponse>(Watch(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
        }

        private async Task<TResponse> Watch<TResponse>(Task<TResponse> response)
        {
            try
            {
                var reply = await response;
                FirstStatus = StatusCode.OK;
                return reply;
            }
            catch (RpcException e)
            {
                FirstStatus = e.StatusCode;
                throw;
            }
        }
    }
}
