using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// Retries over a flaky network between the gateway and the real server: safe calls are retried on UNAVAILABLE and
/// DEADLINE_EXCEEDED, a submission with the same idempotency key, and calls that would act twice are never retried.
/// The gateway waits between attempts on a fake clock that each call moves past every wait as it begins: no test
/// sleeps, and the waits and deadlines are exact.
/// </summary>
public sealed class ProviderGatewayClientRetryTests : ServerTest
{
    private readonly FakeClock clock = new();

    [Fact]
    public async Task A_submission_succeeds_after_unavailable_attempts_and_every_attempt_carries_the_same_key()
    {
        var network = new FlakyNetwork(clock, failures: 3);
        var gateway = Through(network);

        var reply = await clock.RunAsync(gateway.SubmitAsync(Samples.Company()));

        Assert.Equal(4, network.Attempts.Count);
        Assert.All(network.Attempts, a => Assert.Equal("SubmitFiling", a.Method));
        var keys = network.Attempts.Select(a => ((SubmitFilingRequest)a.Request).IdempotencyKey).Distinct().ToList();
        Assert.NotEqual("", Assert.Single(keys));
        Assert.False(reply.Replayed);
        Assert.Equal(reply.Order.OrderId, Assert.Single((await Gateway.ListFilingsAsync()).Orders).OrderId);
    }

    [Fact]
    public async Task A_retry_after_a_lost_reply_is_answered_with_the_first_order_and_files_nothing_twice()
    {
        // The first attempt reaches the regulator and files; only its reply is lost on the way back.
        var network = new FlakyNetwork(clock, failures: 1, loseReplies: true);
        var gateway = Through(network);

        var reply = await clock.RunAsync(gateway.SubmitAsync(Samples.Company()));

        Assert.Equal(2, network.Attempts.Count);
        Assert.True(reply.Replayed);
        Assert.Equal(reply.Order.OrderId, Assert.Single((await Gateway.ListFilingsAsync()).Orders).OrderId);
    }

    [Fact]
    public async Task A_key_given_by_the_caller_is_the_one_sent_on_every_attempt()
    {
        var network = new FlakyNetwork(clock, failures: 1);

        await clock.RunAsync(Through(network).SubmitAsync(new SubmitFilingRequest { IdempotencyKey = "callers-own-key", Filing = Samples.Individual() }));

        Assert.All(network.Attempts, a => Assert.Equal("callers-own-key", ((SubmitFilingRequest)a.Request).IdempotencyKey));
    }

    [Fact]
    public async Task Each_submission_call_makes_its_own_key()
    {
        var network = new FlakyNetwork(clock, failures: 0);
        var gateway = Through(network);

        await clock.RunAsync(gateway.SubmitAsync(Samples.Company()));
        await clock.RunAsync(gateway.SubmitAsync(Samples.Company()));

        var keys = network.Attempts.Select(a => ((SubmitFilingRequest)a.Request).IdempotencyKey).ToList();
        Assert.Equal(2, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{32}$", k));
    }

    [Fact]
    public async Task A_read_is_retried_on_deadline_exceeded()
    {
        var order = (await Gateway.SubmitAsync(Samples.Company())).Order;
        var network = new FlakyNetwork(clock, failures: 2, StatusCode.DeadlineExceeded);

        var read = await clock.RunAsync(Through(network).GetFilingAsync(order.OrderId));

        Assert.Equal(order.OrderId, read.OrderId);
        Assert.Equal(3, network.Attempts.Count);
    }

    [Fact]
    public async Task The_gateway_gives_up_after_the_configured_attempts()
    {
        var network = new FlakyNetwork(clock, failures: int.MaxValue);
        var gateway = Through(network, new GatewayOptions { MaxAttempts = 3 });

        var e = await Assert.ThrowsAsync<RegulatorCallException>(() => clock.RunAsync(gateway.SubmitAsync(Samples.Company())));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal(3, network.Attempts.Count);
        Assert.Single(network.Attempts.Select(a => ((SubmitFilingRequest)a.Request).IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task Validating_a_code_is_attempted_once_because_a_retry_could_count_as_a_second_failure()
    {
        var network = new FlakyNetwork(clock, failures: 1);

        var e = await Assert.ThrowsAsync<RegulatorCallException>(() => clock.RunAsync(Through(network).ValidateCodeAsync("13800138000", "071238", "123456")));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal("ValidateCode", Assert.Single(network.Attempts).Method);
    }

    [Fact]
    public async Task Calls_that_act_without_an_idempotency_key_are_attempted_once()
    {
        var order = (await Gateway.SubmitAsync(Samples.Company())).Order;
        var calls = new (string Method, Func<ProviderGatewayClient, Task> Call)[]
        {
            ("ResendCode", g => g.ResendCodeAsync("13800138000", "071238")),
            ("WithdrawFiling", g => g.WithdrawAsync(order.OrderId)),
            ("ApproveFiling", g => g.ApproveAsync(order.OrderId)),
            ("RejectFiling", g => g.RejectAsync(order.OrderId, "资料不全")),
            ("AdvanceClock", g => g.AdvanceClockAsync(TimeSpan.FromHours(1))),
            ("VerifyPassword", g => g.VerifyPasswordAsync("京ICP备2026000001号", "secret")),
            ("RetrievePassword", g => g.RetrievePasswordAsync("京ICP备2026000001号", "11010519491231002X")),
        };

        foreach (var (method, call) in calls)
        {
            var network = new FlakyNetwork(clock, failures: 1);
            var e = await Assert.ThrowsAsync<RegulatorCallException>(() => clock.RunAsync(call(Through(network))));
            Assert.Equal(StatusCode.Unavailable, e.StatusCode);
            Assert.Equal(method, Assert.Single(network.Attempts).Method);
        }
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Gateway.GetFilingAsync(order.OrderId)).Status);
    }

    [Fact]
    public async Task A_refusal_of_the_regulator_is_not_retried()
    {
        var network = new FlakyNetwork(clock, failures: 0);

        await Assert.ThrowsAsync<NotFoundException>(() => clock.RunAsync(Through(network).GetFilingAsync("ord-99999999")));

        Assert.Single(network.Attempts);
    }

    [Fact]
    public async Task An_internal_error_is_not_retried()
    {
        var network = new FlakyNetwork(clock, failures: 1, StatusCode.Internal);

        var e = await Assert.ThrowsAsync<RegulatorCallException>(() => clock.RunAsync(Through(network).GetClockAsync()));

        Assert.Equal(StatusCode.Internal, e.StatusCode);
        Assert.Single(network.Attempts);
    }

    [Fact]
    public async Task The_wait_between_attempts_doubles()
    {
        var backoff = TimeSpan.FromMilliseconds(50);
        var network = new FlakyNetwork(clock, failures: 3);

        await clock.RunAsync(Through(network, new GatewayOptions { InitialBackoff = backoff }).GetClockAsync());

        TimeSpan[] doubling = [backoff, 2 * backoff, 4 * backoff];
        Assert.Equal(doubling, clock.Waits);
        var at = network.Attempts.Select(a => a.At).ToList();
        Assert.Equal(doubling, at.Zip(at.Skip(1), (before, after) => after - before));
    }

    [Fact]
    public async Task Every_attempt_has_its_own_deadline_of_the_call_timeout()
    {
        var timeout = TimeSpan.FromSeconds(7);
        var network = new FlakyNetwork(clock, failures: 2);

        await clock.RunAsync(Through(network, new GatewayOptions { CallTimeout = timeout }).GetClockAsync());

        Assert.Equal(3, network.Attempts.Count);
        Assert.All(network.Attempts, a => Assert.Equal(timeout, a.Deadline - a.At));
        // Attempts made at different instants: a deadline set once for the whole call would be the same on each.
        Assert.Equal(3, network.Attempts.Select(a => a.Deadline).Distinct().Count());
    }

    [Fact]
    public async Task Each_party_speaks_with_its_own_key_and_the_public_pages_with_none()
    {
        var network = new FlakyNetwork(clock, failures: 0);
        var gateway = Through(network);

        await clock.RunAsync(gateway.ListFilingsAsync());
        await clock.RunAsync(gateway.GetClockAsync());
        await clock.RunAsync(gateway.ValidateCodeAsync("13800138000", "071238", "123456"));
        await clock.RunAsync(gateway.QueryByDomainAsync("never-filed-example.cn"));

        var headers = network.Attempts.ToDictionary(a => a.Method, a => a.Headers.GetValue("authorization"));
        Assert.Equal("Bearer sandbox-provider-key", headers["ListFilings"]);
        Assert.Equal("Bearer sandbox-admin-key", headers["GetClock"]);
        // The applicant's pages are public: the provider's key must not leak into them.
        Assert.Null(headers["ValidateCode"]);
        Assert.Null(headers["QueryByDomain"]);
    }

    [Fact]
    public async Task The_world_option_names_the_world_in_every_call()
    {
        var network = new FlakyNetwork(clock, failures: 0);
        var gateway = Through(network, new GatewayOptions { World = "no-such-world" });

        var e = await Assert.ThrowsAsync<NotFoundException>(() => clock.RunAsync(gateway.QueryByDomainAsync("never-filed-example.cn")));

        Assert.Equal("WORLD_NOT_FOUND", e.Reason);
        Assert.Equal("no-such-world", Assert.Single(network.Attempts).Headers.GetValue(ProviderGatewayClient.WorldHeader));
    }

    private ProviderGatewayClient Through(FlakyNetwork network, GatewayOptions? options = null) =>
        new(new InterceptedChannel(Server.Channel(), network), (options ?? new GatewayOptions()) with { Address = Server.Address }, clock);
}
