using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>The provider's event feed and the outbox stream: every change, once, in order, live.</summary>
public sealed class EventStreamTests : ServerTest
{
    [Fact]
    public async Task The_feed_tells_an_order_from_submission_to_approval_with_its_numbers()
    {
        var filing = Samples.Company();
        var order = await Gateway.FileAsync(filing);

        var events = await Streams.TakeAsync(Gateway.WatchFilingsAsync(), 7);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(
            [OrderEventKind.Submitted, OrderEventKind.CodeSent, OrderEventKind.CodeSent, OrderEventKind.Validated, OrderEventKind.Validated,
             OrderEventKind.UnderReview, OrderEventKind.Approved],
            events.Select(e => e.Kind));
        var approved = events[6];
        Assert.Equal(order.SubjectNumber, approved.SubjectNumber);
        Assert.Equal(order.ServiceNumbers.Select(n => n.Number), approved.ServiceNumbers);
        Assert.Contains(events, e => e.Kind == OrderEventKind.CodeSent && e.Mobile == filing.Subject.Leader.Mobile);
    }

    [Fact]
    public async Task A_watcher_receives_new_events_live_and_resumes_after_the_last_one_it_saw()
    {
        var live = Streams.TakeAsync(Gateway.WatchFilingsAsync(), 3);
        var filing = Samples.Company();
        var order = (await Gateway.SubmitAsync(filing)).Order;
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var first = await live;
        Assert.Equal([1L, 2L, 3L], first.Select(e => e.Sequence));

        await Gateway.WithdrawAsync(order.OrderId);
        var resumed = await Streams.TakeAsync(Gateway.WatchFilingsAsync(afterSequence: 3), 1);
        Assert.Equal(OrderEventKind.Withdrawn, Assert.Single(resumed).Kind);
        Assert.Equal(4, resumed[0].Sequence);
        Assert.Equal("WITHDRAWN_BY_PROVIDER", resumed[0].ReasonCode);
    }

    [Fact]
    public async Task Each_provider_watches_only_its_own_orders_numbered_from_one()
    {
        var second = Server.Gateway(new GatewayOptions { ProviderKey = GatewayOptions.SecondSandboxProviderKey });
        await Gateway.SubmitAsync(Samples.Company());
        await second.SubmitAsync(Samples.Company());
        var mine = await Streams.TakeAsync(second.WatchFilingsAsync(), 1);
        Assert.Equal((1L, OrderEventKind.Submitted), (mine[0].Sequence, mine[0].Kind));
        Assert.Equal("sandbox-provider-2", (await second.GetFilingAsync(mine[0].OrderId)).ProviderId);
    }

    [Fact]
    public async Task The_outbox_stream_follows_one_phone()
    {
        var filing = Samples.Company();
        var leader = filing.Subject.Leader;
        var phone = Streams.TakeAsync(Gateway.WatchMessagesAsync(leader.Mobile), 2);
        await Gateway.SubmitAsync(filing);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        await Gateway.ResendCodeAsync(leader.Mobile, leader.Suffix());
        var messages = await phone;
        Assert.All(messages, m => Assert.Equal(leader.Mobile, m.Recipient));
        Assert.All(messages, m => Assert.NotNull(m.VerificationCode()));
    }
}
