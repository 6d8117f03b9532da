using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// Injected faults, for testing a provider's retries: they happen before anything changes. The server's real time is a
/// fake clock: an injected delay is a wait on it, which the test sees begin and then lets pass.
/// </summary>
public sealed class FaultTests : ServerTest
{
    private const string Submit = "icp.regulator.v1.FilingService/SubmitFiling";
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(300);

    private readonly FakeClock clock = new();

    protected override TimeProvider RealTime => clock;

    [Fact]
    public async Task An_unavailable_fault_fails_the_call_before_anything_is_filed()
    {
        await Gateway.SetFaultsAsync([new Fault { Method = Submit, Kind = FaultKind.Unavailable, Probability = 1 }]);
        var once = Server.Gateway(new GatewayOptions { MaxAttempts = 1 });
        var e = await Assert.ThrowsAsync<RegulatorCallException>(() => once.SubmitAsync(Samples.Company()));
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
        // Other methods and sandbox controls are untouched.
        Assert.Empty((await Gateway.ListMessagesAsync()).Messages);
        Assert.Empty((await once.QueryByDomainAsync("example.cn")).Filings);
    }

    [Fact]
    public async Task A_deadline_fault_answers_deadline_exceeded_after_its_delay()
    {
        await Gateway.SetFaultsAsync([new Fault
        {
            Method = "icp.regulator.v1.PublicQueryService/*", Kind = FaultKind.DeadlineExceeded, Probability = 1,
            Delay = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(Delay),
        }]);
        var once = Server.Gateway(new GatewayOptions { MaxAttempts = 1 });

        var (answer, after) = await AfterTheDelay(once.QueryByDomainAsync("example.cn"));

        Assert.Equal(StatusCode.DeadlineExceeded, (await Assert.ThrowsAsync<RegulatorCallException>(() => answer)).StatusCode);
        Assert.Equal(Delay, after);
    }

    [Fact]
    public async Task Latency_slows_a_call_that_then_succeeds()
    {
        await Gateway.SetFaultsAsync([new Fault
        {
            Method = "*", Kind = FaultKind.Latency, Probability = 1, Delay = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(Delay),
        }]);

        var (answer, after) = await AfterTheDelay(Gateway.SubmitAsync(Samples.Company()));

        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await answer).Order.Status);
        Assert.Equal(Delay, after);
    }

    [Fact]
    public async Task A_gateway_retrying_through_flaky_unavailability_files_each_order_once()
    {
        await Gateway.SetFaultsAsync([new Fault { Method = Submit, Kind = FaultKind.Unavailable, Probability = 0.5 }]);
        // The gateway's backoff waits on a clock of its own, moved past each wait as it begins.
        var backoff = new FakeClock();
        var patient = Server.Gateway(new GatewayOptions { MaxAttempts = 30 }, backoff);
        var orders = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            orders.Add((await backoff.RunAsync(patient.SubmitAsync(Samples.Company()))).Order.OrderId);
        }
        Assert.Equal(20, (await Gateway.ListFilingsAsync()).Orders.Count);
        Assert.Equal(20, orders.Distinct().Count());
    }

    [Fact]
    public async Task Reset_clears_the_faults_and_bad_faults_are_refused()
    {
        await Gateway.SetFaultsAsync([new Fault { Method = "*", Kind = FaultKind.Unavailable, Probability = 1 }]);
        await Gateway.ResetAsync();
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Gateway.SubmitAsync(Samples.Company())).Order.Status);

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SetFaultsAsync(
            [new Fault { Method = "not a method", Kind = FaultKind.Unspecified, Probability = 2 }]));
        Assert.Equal(["faults[0].method", "faults[0].kind", "faults[0].probability"], e.FieldProblems.Select(p => p.Field));
    }

    [Fact]
    public async Task A_method_that_does_not_exist_is_refused_with_the_names_that_do()
    {
        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SetFaultsAsync(
        [
            new Fault { Method = Submit, Kind = FaultKind.Unavailable, Probability = 1 },
            new Fault { Method = "icp.regulator.v1.FilingService/SubmitFilng", Kind = FaultKind.Unavailable, Probability = 1 },
            new Fault { Method = "icp.regulator.v1.SandboxService/*", Kind = FaultKind.Unavailable, Probability = 1 },
            new Fault { Method = "icp.regulator.v1.NoSuchService/*", Kind = FaultKind.Unavailable, Probability = 1 },
        ]));

        Assert.Equal(["faults[1].method", "faults[2].method", "faults[3].method"], e.FieldProblems.Select(p => p.Field));
        Assert.All(e.FieldProblems, p => Assert.Equal("UNKNOWN_METHOD", p.Reason));
        Assert.Contains(Submit, e.FieldProblems[0].Description);
        Assert.Contains("icp.regulator.v1.PublicQueryService/*", e.FieldProblems[0].Description);
        // Nothing was set: the one valid fault of the refused request injects nothing.
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Server.Gateway(new GatewayOptions { MaxAttempts = 1 }).SubmitAsync(Samples.Company())).Order.Status);
    }

    [Fact]
    public async Task Faults_stay_in_their_world()
    {
        await Gateway.CreateWorldAsync("calm");
        var calm = Gateway.InWorld("calm");
        var key = await calm.CreateProviderKeyAsync("calm-provider");
        await Gateway.SetFaultsAsync([new Fault { Method = "*", Kind = FaultKind.Unavailable, Probability = 1 }]);
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await calm.InWorld("calm", key.Key).SubmitAsync(Samples.Company())).Order.Status);
    }

    /// <summary>
    /// Waits for <paramref name="call"/> to be held on the server's clock for <see cref="Delay"/>, then lets time pass;
    /// returns the call, completed, and how long after it began the clock read when it was answered (a call answered
    /// before its delay was up would say less).
    /// </summary>
    private async Task<(Task<T> Answer, TimeSpan After)> AfterTheDelay<T>(Task<T> call)
    {
        var began = clock.GetUtcNow();
        var answeredAt = call.ContinueWith(_ => clock.GetUtcNow(), TaskScheduler.Default);
        await clock.WhenWaitingAsync(Delay);
        clock.Advance(Delay);
        var after = await answeredAt - began;
        return (call, after);
    }
}
