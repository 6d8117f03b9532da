using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.ProviderGateway.Load;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// What the query and mix workloads ask for comes from the seed: the same seed, the same calls in the same order, so
/// two runs can be compared call for call. The calls are answered by a recorder on the client's channel.
/// </summary>
public sealed class WorkloadPicksTests : IDisposable
{
    private static readonly Uri Nowhere = new("http://127.0.0.1:9");

    private readonly GrpcChannel nowhere = GrpcChannel.ForAddress(Nowhere);

    public void Dispose() => nowhere.Dispose();

    [Fact]
    public async Task Query_asks_for_the_same_domains_in_the_same_order_for_the_same_seed_and_for_others_with_another()
    {
        var first = await CallsAsync("query", new WorkloadOptions(Seed: 5, QueryPool: 1000), 300);
        var again = await CallsAsync("query", new WorkloadOptions(Seed: 5, QueryPool: 1000), 300);
        var other = await CallsAsync("query", new WorkloadOptions(Seed: 6, QueryPool: 1000), 300);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        var pool = Enumerable.Range(0, 1000).Select(i => SampleFilings.CompanyDomain(7, i)).ToHashSet();
        Assert.All(first, domain => Assert.Contains(domain, pool));
        Assert.True(first.Distinct().Count() > 200, "the picks do not spread over the pool");
    }

    [Fact]
    public async Task Mix_picks_the_same_workloads_in_the_same_order_for_the_same_seed_and_by_their_weights()
    {
        var mix = new Dictionary<string, double> { ["query"] = 3, ["ping"] = 1 };
        var first = await CallsAsync("mix", new WorkloadOptions(Seed: 5, QueryPool: 1000, Mix: mix), 2000);
        var again = await CallsAsync("mix", new WorkloadOptions(Seed: 5, QueryPool: 1000, Mix: mix), 2000);

        Assert.Equal(first, again);
        Assert.InRange(first.Count(c => c == "ping"), 400, 600);
    }

    /// <summary>Runs <paramref name="count"/> calls of the workload, one after another; what each asked for.</summary>
    private async Task<List<string>> CallsAsync(string workload, WorkloadOptions options, int count)
    {
        var recorder = new Recorder();
        var client = new ProviderGatewayClient(new InterceptedChannel(nowhere, recorder), new GatewayOptions { Address = Nowhere, MaxAttempts = 1 });
        var operation = await new Workloads([client], TextWriter.Null).PrepareAsync(workload, options, CancellationToken.None);
        for (var i = 0; i < count; i++)
        {
            Assert.True(await operation(0, CancellationToken.None));
        }
        return recorder.Calls;
    }

    /// <summary>Answers every call at once, recording the domain a query asked for, or the name of any other call.</summary>
    private sealed class Recorder : Interceptor
    {
        public List<string> Calls { get; } = [];

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
            TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            object reply;
            if (request is QueryByDomainRequest query)
            {
                Calls.Add(query.Domain);
                reply = new PublicQueryResponse { Filings = { new PublicFiling() } };
            }
            else
            {
                Calls.Add(context.Method.Name == "Ping" ? "ping" : context.Method.Name);
                reply = Activator.CreateInstance<TResponse>();
            }
            return new AsyncUnaryCall<TResponse>(
                Task.FromResult((TResponse)reply), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }
    }
}
