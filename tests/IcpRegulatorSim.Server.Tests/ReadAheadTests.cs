using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// On PostgreSQL the writer reads the lookups of a batch's submissions, and the codes of its validations with their
/// orders, in one round trip, once it holds their world, instead of one round trip each; a command whose lookups an
/// earlier one of the batch may have changed (the same subject, domain, idempotency key, mobile or order) reads them
/// again, and is decided as it would be in a batch of its own.
/// </summary>
public sealed class ReadAheadTests
{
    private const int Submissions = 10;

    [Fact]
    public async Task A_batch_of_submissions_reads_their_lookups_in_one_round_trip()
    {
        await using var server = await StartAsync();
        var gateway = server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var samples = new SampleFilings(seed: 101);
        await gateway.SubmitAsync(samples.Company());
        using var counters = new ServerCounters(server);

        var orders = await InOneBatchAsync(server, [.. Enumerable.Range(0, Submissions).Select(_ => new SubmitFilingRequest { Filing = samples.Company() })], gateway);

        Assert.All(orders, o => Assert.StartsWith("ord-", o));
        Assert.Equal(Submissions, orders.Distinct().Count());
        // The hold's own batch (its savepoint and commit); then the world's lock with its first reads, the ten
        // submissions' lookups together, the provider's event counter, and their writes with the commit. (Read one by
        // one, the lookups alone are ten.)
        var roundTrips = counters["icp.writer.round_trips"];
        Assert.True(roundTrips <= 6, $"{roundTrips} round trips for a batch of {Submissions} submissions.");
    }

    [Fact]
    public async Task A_submission_of_a_subject_an_earlier_one_of_its_batch_filed_is_refused_as_in_a_batch_of_its_own()
    {
        await using var server = await StartAsync();
        var gateway = server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var samples = new SampleFilings(seed: 103);
        var twice = samples.Company();
        // The same filing in a batch of its own, twice: the second is refused.
        var alone = samples.Company();
        await gateway.SubmitAsync(alone);
        var expected = await Outcome(gateway.SubmitAsync(new SubmitFilingRequest { Filing = alone }));
        Assert.DoesNotContain("ord-", expected);
        // A refusal is answered before its batch commits, and the batch's round trips are counted after: a submission
        // answered after its own commit has them all counted first.
        await gateway.SubmitAsync(samples.Company());
        using var counters = new ServerCounters(server);

        var outcomes = await InOneBatchAsync(server,
            [
                new SubmitFilingRequest { Filing = samples.Company() },
                new SubmitFilingRequest { Filing = twice },
                new SubmitFilingRequest { Filing = samples.Company() },
                new SubmitFilingRequest { Filing = twice },
            ],
            gateway);

        Assert.StartsWith("ord-", outcomes[0]);
        Assert.StartsWith("ord-", outcomes[1]);
        Assert.StartsWith("ord-", outcomes[2]);
        Assert.Equal(expected, outcomes[3]);
        // Found stale and read again on its own, rather than taken as read and its claim refused by the database, which
        // would apply the whole batch again.
        AssertNoBatchAppliedAgain(counters);
    }

    [Fact]
    public async Task A_submission_repeating_an_idempotency_key_of_its_batch_is_answered_with_the_first_order()
    {
        await using var server = await StartAsync();
        var gateway = server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var samples = new SampleFilings(seed: 107);
        var filing = samples.Company();
        using var counters = new ServerCounters(server);

        var outcomes = await InOneBatchAsync(server,
            [
                new SubmitFilingRequest { Filing = filing, IdempotencyKey = "again" },
                new SubmitFilingRequest { Filing = samples.Company() },
                new SubmitFilingRequest { Filing = filing, IdempotencyKey = "again" },
            ],
            gateway);

        Assert.StartsWith("ord-", outcomes[0]);
        Assert.StartsWith("ord-", outcomes[1]);
        Assert.Equal(outcomes[0], outcomes[2]);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await gateway.GetFilingAsync(outcomes[0])).Status);
        AssertNoBatchAppliedAgain(counters);
    }

    [Fact]
    public async Task A_batch_of_validations_reads_their_codes_and_orders_in_one_round_trip()
    {
        await using var server = await StartAsync();
        var gateway = server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var samples = new SampleFilings(seed: 109);
        var filings = Enumerable.Range(0, Submissions).Select(_ => samples.Company()).ToList();
        foreach (var filing in filings)
        {
            await gateway.SubmitAsync(filing);
        }
        await gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var leaders = filings.Select(f => f.Subject.Leader).ToList();
        var codes = new List<string>();
        foreach (var leader in leaders)
        {
            codes.Add(await gateway.LatestCodeAsync(leader.Mobile));
        }
        using var counters = new ServerCounters(server);

        var outcomes = await InOneBatchAsync(server,
            [.. leaders.Select((leader, i) => (Func<Task<string>>)(async () =>
                (await gateway.ValidateCodeAsync(leader.Mobile, leader.Suffix(), codes[i])).Outcome.ToString()))]);

        Assert.All(outcomes, o => Assert.Equal(nameof(ValidateOutcome.WaitingForOthers), o));
        // The hold's batch; then the lock, the ten validations' codes and orders together, and their writes with the
        // commit. (Read one by one, they are twenty: each mobile's codes, then its order.)
        var roundTrips = counters["icp.writer.round_trips"];
        Assert.True(roundTrips <= 6, $"{roundTrips} round trips for a batch of {Submissions} validations.");
    }

    [Fact]
    public async Task Two_people_of_one_order_validating_in_one_batch_both_count()
    {
        await using var server = await StartAsync();
        var gateway = server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var filing = new SampleFilings(seed: 113).Company();
        var order = (await gateway.SubmitAsync(filing)).Order;
        await gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var people = new[] { filing.Subject.Leader }.Concat(filing.Services.Select(s => s.Administrator)).DistinctBy(p => p.Mobile).ToList();
        Assert.Equal(2, people.Count);
        var codes = new List<string>();
        foreach (var person in people)
        {
            codes.Add(await gateway.LatestCodeAsync(person.Mobile));
        }
        using var counters = new ServerCounters(server);

        var outcomes = await InOneBatchAsync(server,
            [.. people.Select((person, i) => (Func<Task<string>>)(async () =>
                (await gateway.ValidateCodeAsync(person.Mobile, person.Suffix(), codes[i])).Outcome.ToString()))]);

        // The second read the order again after the first changed it, rather than save the order as it was before.
        Assert.Equal([nameof(ValidateOutcome.WaitingForOthers), nameof(ValidateOutcome.Complete)], outcomes);
        Assert.Equal(OrderStatus.UnderReview, (await gateway.GetFilingAsync(order.OrderId)).Status);
        AssertNoBatchAppliedAgain(counters);
    }

    [Fact]
    public async Task A_resend_after_a_submission_naming_its_mobile_in_one_batch_sees_the_new_order()
    {
        await using var server = await StartAsync();
        var gateway = server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var samples = new SampleFilings(seed: 127);
        var filing = samples.Company();
        var leader = filing.Subject.Leader;

        var outcomes = await InOneBatchAsync(server,
            [
                async () => await Outcome(gateway.SubmitAsync(new SubmitFilingRequest { Filing = samples.Company() })),
                async () => await Outcome(gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing })),
                async () => (await gateway.ResendCodeAsync(leader.Mobile, leader.Suffix())).Outcome.ToString(),
            ]);

        // Read ahead, the validation database did not know the mobile (NOT_FOUND); after the submission, the order is
        // there but still syncing.
        Assert.StartsWith("ord-", outcomes[1]);
        Assert.Equal(nameof(ResendOutcome.NoPending), outcomes[2]);
    }

    /// <summary>
    /// The hold's batch, then the lock, the lookups read ahead, the event counter, the one submission's lookups read
    /// again (and its refusal rolled back), and the commit: seven or eight round trips. A batch applied again after a
    /// write the database refused takes more than twice as many (18 and 22, seen with the keys not compared).
    /// </summary>
    private static void AssertNoBatchAppliedAgain(ServerCounters counters)
    {
        var roundTrips = counters["icp.writer.round_trips"];
        Assert.True(roundTrips <= 10, $"{roundTrips} round trips.");
    }

    /// <summary>A server on a PostgreSQL schema of its own, its world's clock standing still: no deadline falls due.</summary>
    private static async Task<RegulatorServer> StartAsync()
    {
        var server = await RegulatorServer.StartAsync(await TestStore.SchemaAsync("t_" + Guid.NewGuid().ToString("N")));
        await server.Gateway().SetClockRateAsync(0);
        return server;
    }

    /// <summary>The requests, queued behind a hold on the writer in order, so that it takes them as one batch; their outcomes.</summary>
    private static Task<string[]> InOneBatchAsync(RegulatorServer server, SubmitFilingRequest[] requests, ProviderGatewayClient gateway) =>
        InOneBatchAsync(server, [.. requests.Select(r => (Func<Task<string>>)(() => Outcome(gateway.SubmitAsync(r))))]);

    /// <summary>The calls, queued behind a hold on the writer in order, so that it takes them as one batch; their outcomes.</summary>
    private static async Task<string[]> InOneBatchAsync(RegulatorServer server, Func<Task<string>>[] calls)
    {
        var started = new List<Task<string>>();
        await using (var hold = await server.HoldWriterAsync())
        {
            foreach (var call in calls)
            {
                started.Add(call());
                await hold.UntilQueuedAsync(started.Count, started[^1]);
            }
        }
        return await Task.WhenAll(started);
    }

    /// <summary>The order's id, or the refusal's status and reason.</summary>
    private static async Task<string> Outcome(Task<SubmitFilingResponse> call)
    {
        try
        {
            return (await call).Order.OrderId;
        }
        catch (RegulatorCallException e)
        {
            return $"{e.StatusCode} {e.Reason}";
        }
    }
}
