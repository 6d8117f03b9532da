using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using Npgsql;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// Two server nodes ride through an outage of their PostgreSQL under a submit load: no node exits; while the database
/// is down every call that needs it answers UNAVAILABLE, in time; once it is back every node serves again without a
/// restart (submissions, a clock advance and the deadlines it applies, a validation, a review, a running clock's
/// deadline worker),
/// a stream open throughout delivers every event without a gap, and every order acknowledged is there.
/// </summary>
[Collection(ServerProcess.UnderLoad)]
public sealed class OutageTests : IAsyncLifetime
{
    private const int Nodes = 2;
    private const int WorkersPerNode = 3;

    /// <summary>How long the database stays down: long enough for every worker of a node to meet it more than once.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    private readonly List<ServerProcess> nodes = [];
    private readonly List<StringWriter> logs = [];
    private readonly List<GrpcChannel> channels = [];
    private PostgresServer postgres = null!;
    private string data = "";

    public async Task InitializeAsync()
    {
        // A database of its own: the test takes it down.
        postgres = await PostgresServer.StartAsync();
        data = postgres.InSchema("outage");
        logs.AddRange(Enumerable.Range(0, Nodes).Select(_ => new StringWriter()));
        nodes.AddRange(await Task.WhenAll(logs.Select(log => ServerProcess.StartAsync(data, log))));
    }

    public async Task DisposeAsync()
    {
        foreach (var channel in channels)
        {
            channel.Dispose();
        }
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
        await postgres.DisposeAsync();
    }

    [Fact]
    public async Task Nodes_answer_unavailable_while_their_database_is_down_and_serve_again_once_it_is_back_losing_nothing()
    {
        var gateways = nodes.Select(Gateway).ToArray();
        using var stop = new CancellationTokenSource();
        var watcher = new Watcher();
        var watching = watcher.FollowAsync(new FilingService.FilingServiceClient(Channel(nodes[0])), stop.Token);
        var load = new Load(gateways, WorkersPerNode);

        await UntilAsync(() => load.Acknowledged(Phase.Before).Count >= 20, "20 submissions acknowledged before the outage", load);
        load.Phase = Phase.Down;
        await postgres.StopAsync();
        // Down for the outage's length, and until each node has answered calls meanwhile.
        var down = Stopwatch.StartNew();
        await UntilAsync(() => Enumerable.Range(0, Nodes).All(n => load.Refused(Phase.Down, n) >= 3), "each node to answer 3 calls while down", load);
        await Task.Delay(Outage > down.Elapsed ? Outage - down.Elapsed : TimeSpan.Zero);
        AssertNoNodeExited();
        await postgres.StartAgainAsync();
        load.Phase = Phase.After;

        // Every node serves again, without a restart: 10 more submissions acknowledged by each.
        await UntilAsync(() => Enumerable.Range(0, Nodes).All(n => load.Acknowledged(Phase.After).Count(a => a.Node == n) >= 10),
            "10 submissions acknowledged by each node after the outage", load);
        await load.StopAsync();
        AssertNoNodeExited();

        // A call that met the outage answered UNAVAILABLE, the reason said, within its deadline: never UNKNOWN, INTERNAL
        // or DEADLINE_EXCEEDED.
        Assert.All(load.Failures, f => Assert.True(f is (StatusCode.Unavailable, "STORAGE_UNAVAILABLE"), $"A call answered {f.Status} {f.Reason}."));

        // A clock advance and the deadlines it applies (the codes go out), a validation and a review, through either node.
        var (order, filing) = load.Acknowledged(Phase.After).Where(a => a.Node == 1).Select(a => (a.Order, a.Filing)).First();
        var codes = await gateways[0].AdvanceClockAsync(TimeSpan.FromMinutes(5));
        Assert.True(codes.DeadlinesApplied > 0);
        var people = new[] { filing.Subject.Leader }.Concat(filing.Services.Select(s => s.Administrator)).ToList();
        foreach (var validation in order.SmsValidations)
        {
            var person = people.First(p => p.Mobile == validation.Mobile);
            var code = (await gateways[1].ListMessagesAsync(orderId: order.OrderId, pageSize: 100)).Messages
                .Last(m => m.Recipient == person.Mobile && m.VerificationCode() is not null).VerificationCode()!;
            await gateways[1].ValidateCodeAsync(person.Mobile, person.Suffix(), code);
        }
        Assert.Equal(OrderStatus.Approved, (await gateways[1].ApproveAsync(order.OrderId)).Status);
        Assert.Equal(OrderStatus.Approved, (await gateways[0].GetFilingAsync(order.OrderId)).Status);

        // A running clock: the deadline workers, which met the outage on every pass, send a new order's codes by themselves.
        await gateways[1].SetClockRateAsync(3_600);
        var later = samplesAfter.CompanyInTurn();
        await gateways[0].SubmitAsync(new SubmitFilingRequest { Filing = later });
        await Streams.FirstAsync(gateways[1].WatchMessagesAsync(later.Subject.Leader.Mobile), m => m.VerificationCode() is not null)
            .Within("the deadline worker to send the codes of an order submitted after the outage");
        await gateways[1].SetClockRateAsync(0);

        // Every order acknowledged, before, during or after the outage, is there.
        var acknowledged = load.Acknowledged(null).Select(a => a.Order.OrderId).ToList();
        await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (id, ct) => Assert.Equal(id, (await gateways[0].GetFilingAsync(id, ct)).OrderId));

        // The stream open on the first node throughout delivered every event, numbered without a gap, each once; where it
        // ended, it ended UNAVAILABLE, and it was resumed from its cursor.
        var total = (int)await CountAsync("SELECT count(*) FROM order_events");
        await UntilAsync(() => watcher.Count >= total, $"the watcher to receive all {total} events", load);
        Assert.Equal(Enumerable.Range(1, total).Select(n => (long)n), watcher.Sequences());
        Assert.All(watcher.Ends, s => Assert.Equal(StatusCode.Unavailable, s));
        await stop.CancelAsync();
        await watching;
        AssertNoNodeExited();
    }

    private readonly SampleFilings samplesAfter = new(seed: 62);

    private void AssertNoNodeExited()
    {
        for (var i = 0; i < Nodes; i++)
        {
            Assert.False(nodes[i].HasExited, $"Node {i} exited. Its log:\n{Logged(logs[i])}");
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; a node that exits, or a minute without it, fails.</summary>
    private async Task UntilAsync(Func<bool> condition, string what, Load load)
    {
        for (var waited = Stopwatch.StartNew(); !condition(); await Task.Delay(50))
        {
            AssertNoNodeExited();
            Assert.True(waited.Elapsed < Patience.Limit, $"Waited {Patience.Limit.TotalSeconds:0} s for {what}. Failures: "
                + string.Join(", ", load.Failures.GroupBy(f => f).Select(g => $"{g.Key.Status} {g.Key.Reason} ×{g.Count()}")));
        }
    }

    private static string Logged(StringWriter log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(data);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private GrpcChannel Channel(ServerProcess node)
    {
        var channel = GrpcChannel.ForAddress(node.Address);
        channels.Add(channel);
        return channel;
    }

    /// <summary>One attempt per call, each with a deadline a busy machine meets: a failure is what the node answered.</summary>
    private ProviderGatewayClient Gateway(ServerProcess node) =>
        new(Channel(node), new GatewayOptions { Address = node.Address, MaxAttempts = 1, CallTimeout = TimeSpan.FromSeconds(30) });

    private enum Phase
    {
        Before,
        Down,
        After,
    }

    private sealed record Acknowledgement(int Node, Phase Phase, FilingOrder Order, Filing Filing);

    /// <summary>
    /// Workers on every node submitting new companies, call after call, each noting the phase of the outage its call
    /// started in, and what it was answered.
    /// </summary>
    private sealed class Load
    {
        private readonly ConcurrentQueue<Acknowledgement> acknowledged = new();
        private readonly ConcurrentQueue<(int Node, Phase Phase, StatusCode Status, string Reason)> failures = new();
        private readonly Task[] workers;
        private volatile bool stopping;
        private volatile int phase;

        public Load(ProviderGatewayClient[] gateways, int workersPerNode)
        {
            var samples = new SampleFilings(seed: 61);
            workers = gateways.SelectMany((gateway, node) => Enumerable.Range(0, workersPerNode)
                .Select(_ => Task.Run(() => SubmitAsync(gateway, node, samples)))).ToArray();
        }

        public Phase Phase
        {
            get => (Phase)phase;
            set => phase = (int)value;
        }

        /// <summary>The acknowledgements of calls started in <paramref name="of"/> (null: all).</summary>
        public List<Acknowledgement> Acknowledged(Phase? of) => acknowledged.Where(a => of is null || a.Phase == of).ToList();

        public int Refused(Phase of, int node) => failures.Count(f => f.Phase == of && f.Node == node);

        public List<(StatusCode Status, string Reason)> Failures => failures.Select(f => (f.Status, f.Reason)).ToList();

        public async Task StopAsync()
        {
            stopping = true;
            await Task.WhenAll(workers);
        }

        private async Task SubmitAsync(ProviderGatewayClient gateway, int node, SampleFilings samples)
        {
            while (!stopping)
            {
                var filing = samples.CompanyInTurn();
                var started = Phase;
                try
                {
                    var order = (await gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing })).Order;
                    acknowledged.Enqueue(new Acknowledgement(node, started, order, filing));
                }
                catch (RegulatorCallException e)
                {
                    failures.Enqueue((node, started, e.StatusCode, e.Reason));
                    // A client's own pause before it tries again; the outage is not shortened by calling harder.
                    await Task.Delay(20);
                }
            }
        }
    }

    /// <summary>
    /// A provider's stream of order events on the contract's own client, resumed from its cursor whenever it ends (the
    /// gateway's would hide how it ended).
    /// </summary>
    private sealed class Watcher
    {
        private readonly List<long> sequences = [];
        private readonly ConcurrentQueue<StatusCode> ends = new();

        public int Count
        {
            get
            {
                lock (sequences)
                {
                    return sequences.Count;
                }
            }
        }

        public IReadOnlyCollection<StatusCode> Ends => ends;

        public List<long> Sequences()
        {
            lock (sequences)
            {
                return [.. sequences];
            }
        }

        public async Task FollowAsync(FilingService.FilingServiceClient client, CancellationToken stop)
        {
            var headers = new Metadata { { "authorization", $"Bearer {GatewayOptions.SandboxProviderKey}" } };
            long after = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var call = client.WatchFilings(new WatchFilingsRequest { AfterSequence = after }, headers, cancellationToken: stop);
                    while (await call.ResponseStream.MoveNext(stop))
                    {
                        lock (sequences)
                        {
                            sequences.Add(call.ResponseStream.Current.Sequence);
                        }
                        after = call.ResponseStream.Current.Sequence;
                    }
                    ends.Enqueue(StatusCode.OK);
                }
                catch (RpcException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (RpcException e)
                {
                    ends.Enqueue(e.StatusCode);
                }
                try
                {
                    await Task.Delay(200, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
