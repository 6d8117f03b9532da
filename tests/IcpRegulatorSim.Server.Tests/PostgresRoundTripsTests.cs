using System.Globalization;
using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using Npgsql;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// On PostgreSQL the writer holds a world locked for every round trip of its transaction: a submission costs few of
/// them (the lock reads with it what the transaction reads first, a command's writes go with the next read), and a
/// statement that fails among writes sent together still fails its own command alone.
/// </summary>
public sealed class PostgresRoundTripsTests
{
    [Fact]
    public async Task A_submission_in_a_batch_of_its_own_takes_at_most_five_round_trips()
    {
        // A process of its own: its /metrics count its writer alone.
        await using var node = await ServerProcess.StartAsync(await TestStore.SchemaAsync("t_" + Guid.NewGuid().ToString("N")), TextWriter.Null);
        using var channel = GrpcChannel.ForAddress(node.Address);
        var gateway = new ProviderGatewayClient(channel, new GatewayOptions { Address = node.Address, MaxAttempts = 1 });
        var samples = new SampleFilings(seed: 83);
        // The world's clock stands still: no deadline falls due, and the deadline worker queues nothing.
        await gateway.SetClockRateAsync(0);
        await gateway.SubmitAsync(samples.Company());

        var before = await WriterCountsAsync(node);
        const int Submissions = 10;
        for (var i = 0; i < Submissions; i++)
        {
            await gateway.SubmitAsync(samples.Company());
        }
        var after = await WriterCountsAsync(node);

        // Each awaited before the next: a batch each.
        var batches = after.Batches - before.Batches;
        var roundTrips = after.RoundTrips - before.RoundTrips;
        Assert.Equal(Submissions, batches);
        // The world's lock with its first reads; the submission's lookups; the provider's event counter; its writes
        // with the batch's counters, the notice to the other nodes and the commit. (Fourteen, each read on its own and
        // the commit alone.)
        Assert.True(roundTrips <= 5 * batches, $"{roundTrips} round trips for {batches} submissions.");
    }

    [Fact]
    public async Task A_write_that_fails_among_a_batch_of_submissions_fails_its_own_alone()
    {
        var data = await TestStore.SchemaAsync("t_" + Guid.NewGuid().ToString("N"));
        await using var server = await RegulatorServer.StartAsync(data);
        var gateway = server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var samples = new SampleFilings(seed: 89);
        await gateway.SubmitAsync(samples.Company());
        await RefusePoisonAsync(data);

        // Submissions, the one the database refuses, more submissions: taken by the writer as one batch.
        var (outcomes, poisoned) = await AroundPoisonAsync(server, gateway, samples, 10);

        Assert.Equal(StatusCode.Unavailable.ToString(), poisoned);
        Assert.All(outcomes, o => Assert.StartsWith("ord-", o));
        foreach (var id in outcomes)
        {
            Assert.Equal(OrderStatus.AwaitingSmsValidation, (await gateway.GetFilingAsync(id)).Status);
        }
    }

    [Fact]
    public async Task A_batch_applied_again_after_a_failed_write_counts_and_sends_each_command_once()
    {
        var data = await TestStore.SchemaAsync("t_" + Guid.NewGuid().ToString("N"));
        await using var server = await RegulatorServer.StartAsync(data);
        var gateway = server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var samples = new SampleFilings(seed: 97);
        await gateway.SubmitAsync(samples.Company());
        // What one submission alone adds to the counters kept in memory, outside the transaction.
        var first = await CountersAsync(server);
        await gateway.SubmitAsync(samples.Company());
        var one = await CountersAsync(server) - first;
        Assert.Equal(1, one.Submitted);
        await RefusePoisonAsync(data);

        var before = await CountersAsync(server);
        // The commands before the refused write run, their writes sent, then the batch is rolled back and every command
        // runs again: what each does outside the transaction must happen once, after the commit.
        var (outcomes, poisoned) = await AroundPoisonAsync(server, gateway, samples, 5);

        Assert.Equal(StatusCode.Unavailable.ToString(), poisoned);
        Assert.All(outcomes, o => Assert.StartsWith("ord-", o));
        Assert.Equal(outcomes.Length, outcomes.Distinct().Count());
        var after = await CountersAsync(server);
        Assert.Equal(outcomes.Length * one, after - before);
        // The world's counters held in memory went back with the rollback: the next order takes the next number,
        // neither one taken nor one skipped.
        var next = await gateway.SubmitAsync(samples.Company());
        Assert.DoesNotContain(next.Order.OrderId, outcomes);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await gateway.GetFilingAsync(next.Order.OrderId)).Status);
        foreach (var id in outcomes)
        {
            Assert.Equal(OrderStatus.AwaitingSmsValidation, (await gateway.GetFilingAsync(id)).Status);
        }
    }

    /// <summary>
    /// Orders counted as submitted, and messages counted as sent (a submission's codes go later, on a deadline of its
    /// own: none while the clock stands still), kept in memory and told by /metrics.
    /// </summary>
    private readonly record struct Counters(double Submitted, double Sent)
    {
        public static Counters operator -(Counters a, Counters b) => new(a.Submitted - b.Submitted, a.Sent - b.Sent);
        public static Counters operator *(int n, Counters a) => new(n * a.Submitted, n * a.Sent);
    }

    private static async Task<Counters> CountersAsync(RegulatorServer server)
    {
        var lines = await MetricLinesAsync(server.Address);
        double Sum(string name) => lines
            .Where(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        return new(Sum("icp_orders_submitted_total"), Sum("icp_messages_sent_total"));
    }

    /// <summary>The database refuses a submission's answer to the idempotency key "poison", as it would a value it cannot store.</summary>
    private static async Task RefusePoisonAsync(string data)
    {
        await using var connection = new NpgsqlConnection(data);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'refused'; END $$;
            CREATE TRIGGER refuse_poison BEFORE INSERT ON idempotency_keys
            FOR EACH ROW WHEN (NEW.idempotency_key = 'poison') EXECUTE FUNCTION refuse_poison();
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// <paramref name="around"/> submissions, the poisoned one, and <paramref name="around"/> more, held until the
    /// writer has them all queued, so that it takes them as one batch; the others' outcomes, and the poisoned one's.
    /// </summary>
    private static async Task<(string[] Outcomes, string Poisoned)> AroundPoisonAsync(
        RegulatorServer server, ProviderGatewayClient gateway, SampleFilings samples, int around)
    {
        List<Task<string>> submissions;
        Task<string> poisoned;
        await using (var hold = await server.HoldWriterAsync())
        {
            submissions = [.. Enumerable.Range(0, around).Select(_ => Outcome(gateway.SubmitAsync(new SubmitFilingRequest { Filing = samples.Company() })))];
            await hold.UntilQueuedAsync(around, Task.WhenAll(submissions));
            poisoned = Outcome(gateway.SubmitAsync(new SubmitFilingRequest { Filing = samples.Company(), IdempotencyKey = "poison" }));
            await hold.UntilQueuedAsync(around + 1, poisoned);
            submissions.AddRange(Enumerable.Range(0, around).Select(_ => Outcome(gateway.SubmitAsync(new SubmitFilingRequest { Filing = samples.Company() }))));
            await hold.UntilQueuedAsync(2 * around + 1, Task.WhenAll(submissions));
        }
        return (await Task.WhenAll(submissions), await poisoned);
    }

    /// <summary>The order's id, or the status of the refusal.</summary>
    private static async Task<string> Outcome(Task<SubmitFilingResponse> call)
    {
        try
        {
            return (await call).Order.OrderId;
        }
        catch (RegulatorCallException e)
        {
            return e.StatusCode.ToString();
        }
    }

    /// <summary>The batches the node's writer committed and the round trips it made, from its Prometheus metrics.</summary>
    private static async Task<(double Batches, double RoundTrips)> WriterCountsAsync(ServerProcess node)
    {
        var lines = await MetricLinesAsync(node.Address);
        double Value(string name) => lines.SingleOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal))
            is { } line ? double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) : 0;
        return (Value("icp_writer_batch_size_count"), Value("icp_writer_round_trips_total"));
    }

    private static async Task<string[]> MetricLinesAsync(Uri address)
    {
        using var http = new HttpClient
        {
            BaseAddress = address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        return (await http.GetStringAsync("/metrics")).Split('\n');
    }
}
