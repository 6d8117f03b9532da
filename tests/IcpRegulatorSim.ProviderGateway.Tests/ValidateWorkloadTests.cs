using Grpc.Core;
using Grpc.Core.Interceptors;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.ProviderGateway.Load;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Testing;
using Microsoft.Extensions.DependencyInjection;

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
        var cutShort = new FirstAdvanceCutShort(Server.Services.GetRequiredService<Writer>());
        var client = new ProviderGatewayClient(new InterceptedChannel(Server.Channel(), cutShort), new GatewayOptions { Address = Server.Address, MaxAttempts = 1 });
        var log = new StringWriter();

        var operation = await new Workloads([client], log).PrepareAsync("validate", new WorkloadOptions(Prepare: 3000), CancellationToken.None);

        Assert.True(cutShort.CutShort, "the first advance was answered before any part of it committed");
        Assert.Contains("still sending the codes; going on", log.ToString());
        Assert.Contains("prepared 6,000 codes to validate", log.ToString());
        Assert.True(await operation(0, CancellationToken.None));
    }

    /// <summary>
    /// Ends the first AdvanceClock call the way its deadline would on a machine too slow to send 6,000 codes in it: as
    /// soon as the first part of the advance has committed, the call is cancelled and answers DEADLINE_EXCEEDED.
    /// </summary>
    private sealed class FirstAdvanceCutShort(Writer writer) : Interceptor
    {
        private int advances;

        public bool CutShort { get; private set; }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
            TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            if (!context.Method.FullName.EndsWith("/AdvanceClock", StringComparison.Ordinal) || Interlocked.Increment(ref advances) > 1)
            {
                return continuation(request, context);
            }
            // Nothing else is committing while the workload advances: the next commit that may change deadlines is a part of it.
            var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void PartCommitted() => committed.TrySetResult();
            writer.DeadlinesMayHaveChanged += PartCommitted;
            var call = continuation(request, context);
            return new AsyncUnaryCall<TResponse>(CutAsync(call, committed.Task, () => writer.DeadlinesMayHaveChanged -= PartCommitted),
                call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
        }

        private async Task<TResponse> CutAsync<TResponse>(AsyncUnaryCall<TResponse> call, Task committed, Action unsubscribe)
        {
            try
            {
                if (await Task.WhenAny(call.ResponseAsync, committed) == call.ResponseAsync)
                {
                    return await call.ResponseAsync;
                }
            }
            finally
            {
                unsubscribe();
            }
            CutShort = true;
            call.Dispose();
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "cut short after its first part (test)"));
        }
    }
}
