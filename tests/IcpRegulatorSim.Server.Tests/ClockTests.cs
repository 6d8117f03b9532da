using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// The simulated clock: jumps of any size apply every deadline once, in order; a running clock needs no help. The
/// server's real time is a fake clock: a running clock moves when the test moves it, and only then.
/// </summary>
public sealed class ClockTests : ServerTest
{
    private readonly FakeClock clock = new();

    protected override TimeProvider RealTime => clock;

    [Fact]
    public async Task An_advance_cancelled_between_two_parts_brings_the_clock_up_to_the_deadlines_it_applied()
    {
        // 600 orders: their codes go out at one instant, in two parts.
        for (var i = 0; i < 12; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Gateway.SubmitAsync(Samples.Company())));
        }
        var before = (await Gateway.GetClockAsync()).Now.ToDateTimeOffset();
        var writer = Server.Services.GetRequiredService<Writer>();
        using var giveUp = new CancellationTokenSource();
        // The caller gives up as soon as the first part has committed.
        writer.DeadlinesMayHaveChanged += giveUp.Cancel;
        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Server.Services.GetRequiredService<SandboxDesk>()
                .AdvanceAsync(RegulatorOptions.DefaultWorld, now => now.AddMinutes(10), giveUp.Token));
        }
        finally
        {
            writer.DeadlinesMayHaveChanged -= giveUp.Cancel;
        }

        var clock = (await Gateway.GetClockAsync()).Now.ToDateTimeOffset();
        Assert.True(clock > before, "the clock stayed behind the deadlines the advance applied");
        Assert.True(clock < before.AddMinutes(10), "the clock went all the way");
        var sent = (await Gateway.ListMessagesAsync(pageSize: 1000)).Messages;
        Assert.NotEmpty(sent);
        Assert.All(sent, m => Assert.True(m.SentAt.ToDateTimeOffset() <= clock, $"sent at {m.SentAt}, the clock reads {clock:O}"));
    }

    [Fact]
    public async Task A_thirty_day_jump_over_two_hundred_pending_orders_decides_each_correctly()
    {
        var validated = new List<string>();
        var waiting = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var filing = Samples.Company();
            var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: "fixed-code")).Order;
            validated.Add(order.OrderId);
        }
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        foreach (var id in validated)
        {
            var order = await Gateway.GetFilingAsync(id);
            foreach (var v in order.SmsValidations)
            {
                var person = v.Roles.Contains(PersonRole.EntityLeader) ? order.Filing.Subject.Leader : order.Filing.Services[0].Administrator;
                await Gateway.ValidateCodeAsync(person.Mobile, person.Suffix(), "123456");
            }
        }
        for (var i = 0; i < 100; i++)
        {
            waiting.Add((await Gateway.SubmitAsync(Samples.Company())).Order.OrderId);
        }

        var jump = await Gateway.AdvanceClockAsync(TimeSpan.FromDays(30));

        var reviewed = await Task.WhenAll(validated.Select(id => Gateway.GetFilingAsync(id)));
        var returned = await Task.WhenAll(waiting.Select(id => Gateway.GetFilingAsync(id)));
        Assert.All(reviewed, o => Assert.Equal(OrderStatus.Approved, o.Status));
        Assert.All(returned, o => Assert.Equal(OrderStatus.Returned, o.Status));
        // 100 decisions, and for each waiting order two codes sent and one expiry: every deadline exactly once.
        Assert.Equal(100 + (100 * 3), jump.DeadlinesApplied);
        Assert.Equal(100, reviewed.Select(o => o.SubjectNumber).Distinct().Count());
        // Subject numbers were issued in the order the decisions fell due.
        var byDecision = reviewed.OrderBy(o => o.Decision.DecidedAt.ToDateTimeOffset()).ThenBy(o => o.OrderId).Select(o => o.SubjectNumber).ToList();
        Assert.Equal(byDecision.Order(StringComparer.Ordinal), byDecision);
        Assert.Empty((await Gateway.ListPendingReviewsAsync()).Reviews);
    }

    [Fact]
    public async Task A_running_clock_sends_codes_and_decides_reviews_by_itself()
    {
        // A simulated hour per real second: the codes are due five simulated minutes, 84 real milliseconds, after the submission.
        await Gateway.SetClockRateAsync(3_600);
        var filing = Samples.Individual();
        var person = filing.Subject.Leader;
        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: "review-days:1")).Order;
        Assert.Empty(await Gateway.InboxAsync(person.Mobile));

        // Nobody calls the regulator while time passes: the deadline worker sends the code.
        clock.Advance(TimeSpan.FromMilliseconds(100));
        var sms = await Streams.FirstAsync(Gateway.WatchMessagesAsync(person.Mobile), m => m.VerificationCode() is not null);
        Assert.Equal(ValidateOutcome.Complete, (await Gateway.ValidateCodeAsync(person.Mobile, person.Suffix(), sms.VerificationCode()!)).Outcome);
        // A simulated day per real second: two real seconds cover the one working day of review, and the administration decides.
        await Gateway.SetClockRateAsync(86_400);
        clock.Advance(TimeSpan.FromSeconds(2));
        var approved = await Streams.FirstAsync(Gateway.WatchFilingsAsync(), e => e.Kind == OrderEventKind.Approved);
        Assert.Equal(order.OrderId, approved.OrderId);
        Assert.Matches(@"^京ICP备\d{10}号-1$", Assert.Single(approved.ServiceNumbers));

        var frozen = await Gateway.SetClockRateAsync(0);
        Assert.Equal(0, frozen.Rate);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(frozen.Now, (await Gateway.GetClockAsync()).Now);
    }

    [Fact]
    public async Task Clock_rates_and_jumps_out_of_range_are_refused()
    {
        await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SetClockRateAsync(-1));
        await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.SetClockRateAsync(double.NaN));
        await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.AdvanceClockAsync(TimeSpan.FromDays(-1)));
        await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.AdvanceClockToAsync(RegulatorServer.Start.AddYears(-1)));
        await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.AdvanceClockAsync(TimeSpan.FromDays(365 * 50)));
    }
}
