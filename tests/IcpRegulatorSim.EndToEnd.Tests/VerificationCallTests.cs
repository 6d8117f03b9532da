using System.Text.Json.Nodes;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// The administration's verification call (管局电话核验): when review starts it calls the entity leader; a call not
/// answered within the rules' window rejects the order (LEADER_UNREACHABLE). Forced by the verification-call scenario,
/// or by a province's rule.
/// </summary>
public sealed class VerificationCallTests : ServerTest
{
    private async Task<(Filing Filing, FilingOrder Order)> UnderReviewAsync(string scenario)
    {
        var filing = Samples.Company();
        var order = (await Gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: scenario)).Order;
        order = await Gateway.ValidateAsAsync(order, filing.Subject.Leader, filing.Services[0].Administrator);
        Assert.Equal(OrderStatus.UnderReview, order.Status);
        return (filing, order);
    }

    private async Task<IReadOnlyList<OutboxMessage>> CallsAsync(string mobile) =>
        (await Gateway.InboxAsync(mobile)).Where(m => m.Channel == MessageChannel.Call).ToList();

    [Fact]
    public async Task An_unanswered_call_rejects_the_order_when_its_window_closes()
    {
        var (filing, order) = await UnderReviewAsync("verification-call");
        var window = (await Gateway.GetRulesAsync()).VerificationCallWindow.ToTimeSpan();

        var call = Assert.Single(await CallsAsync(filing.Subject.Leader.Mobile));
        Assert.Equal(order.OrderId, call.OrderId);
        Assert.Contains("电话核验", call.Subject);
        await Gateway.AdvanceClockAsync(window - TimeSpan.FromMinutes(1));
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(1));

        var rejected = await Gateway.GetFilingAsync(order.OrderId);
        Assert.Equal((OrderStatus.Rejected, "LEADER_UNREACHABLE"), (rejected.Status, rejected.Decision.ReasonCode));
        var e = await Streams.FirstAsync(Gateway.WatchFilingsAsync(), e => e.Kind == OrderEventKind.Rejected);
        Assert.Equal("LEADER_UNREACHABLE", e.ReasonCode);
        var late = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.AnswerCallAsync(filing.Subject.Leader.Mobile));
        Assert.Equal("NO_CALL_RINGING", late.Reason);
    }

    /// <summary>The order's events from the first after UNDER_REVIEW, up to the first that <paramref name="last"/> accepts.</summary>
    private async Task<List<OrderEvent>> EventsAfterReviewStartsAsync(string orderId, Func<OrderEvent, bool> last)
    {
        var seen = new List<OrderEvent>();
        await Streams.FirstAsync(Gateway.WatchFilingsAsync(), e =>
        {
            if (e.OrderId == orderId && (seen.Count > 0 || e.Kind == OrderEventKind.UnderReview))
            {
                seen.Add(e);
            }
            return last(e);
        });
        return seen.Skip(1).ToList();
    }

    [Fact]
    public async Task The_provider_follows_the_call_in_its_feed_placed_then_unanswered_then_the_rejection()
    {
        var (filing, order) = await UnderReviewAsync("verification-call");
        var placedAt = (await Gateway.GetFilingAsync(order.OrderId)).VerificationCall.PlacedAt.ToDateTimeOffset();
        var window = (await Gateway.GetRulesAsync()).VerificationCallWindow.ToTimeSpan();

        await Gateway.AdvanceClockAsync(window);

        var events = await EventsAfterReviewStartsAsync(order.OrderId, e => e.Kind == OrderEventKind.Rejected);
        var leader = filing.Subject.Leader.Mobile;
        Assert.Equal(
            [
                (OrderEventKind.VerificationCallPlaced, OrderStatus.UnderReview, leader, placedAt),
                (OrderEventKind.VerificationCallUnanswered, OrderStatus.UnderReview, leader, placedAt + window),
                (OrderEventKind.Rejected, OrderStatus.Rejected, "", placedAt + window),
            ],
            events.Select(e => (e.Kind, e.Status, e.Mobile, e.At.ToDateTimeOffset())));
        Assert.Equal("LEADER_UNREACHABLE", events[2].ReasonCode);
    }

    [Fact]
    public async Task The_provider_follows_an_answered_call_in_its_feed()
    {
        var (filing, order) = await UnderReviewAsync("verification-call");

        await Gateway.AnswerCallAsync(filing.Subject.Leader.Mobile);

        var events = await EventsAfterReviewStartsAsync(order.OrderId, e => e.Kind == OrderEventKind.VerificationCallAnswered);
        Assert.Equal(
            [(OrderEventKind.VerificationCallPlaced, filing.Subject.Leader.Mobile), (OrderEventKind.VerificationCallAnswered, filing.Subject.Leader.Mobile)],
            events.Select(e => (e.Kind, e.Mobile)));
    }

    [Fact]
    public async Task The_call_says_that_an_order_whose_call_goes_unanswered_is_rejected()
    {
        var (filing, _) = await UnderReviewAsync("verification-call");

        var call = Assert.Single(await CallsAsync(filing.Subject.Leader.Mobile));

        Assert.Contains("未接听的申请将被驳回", call.Body);
        Assert.DoesNotContain("退回", call.Body);
        Assert.Contains("an order whose call goes unanswered is rejected", call.Body);
    }

    [Fact]
    public async Task An_answered_call_lets_the_review_go_on_to_approval()
    {
        var (filing, order) = await UnderReviewAsync("verification-call");

        var ringing = (await Gateway.GetFilingAsync(order.OrderId)).VerificationCall;
        var answered = await Gateway.AnswerCallAsync(filing.Subject.Leader.Mobile);
        Assert.Null(ringing.AnsweredAt);
        Assert.Equal(ringing.PlacedAt.ToDateTimeOffset() + (await Gateway.GetRulesAsync()).VerificationCallWindow.ToTimeSpan(), ringing.AnswerBy.ToDateTimeOffset());
        Assert.NotNull((await Gateway.GetFilingAsync(order.OrderId)).VerificationCall.AnsweredAt);
        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(2));

        Assert.Equal([order.OrderId], answered.OrderIds);
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        Assert.Equal(OrderStatus.Approved, (await Gateway.ApproveAsync(order.OrderId)).Status);
    }

    [Fact]
    public async Task No_call_without_the_scenario_or_the_province_rule_and_a_phone_with_no_call_is_told_so()
    {
        var (filing, order) = await UnderReviewAsync("fixed-code");
        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(2));

        Assert.Empty(await CallsAsync(filing.Subject.Leader.Mobile));
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        var none = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.AnswerCallAsync(filing.Subject.Leader.Mobile));
        Assert.Equal(("MOBILE", filing.Subject.Leader.Mobile), (none.PreconditionProblems[0].Type, none.PreconditionProblems[0].Subject));
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.AnswerCallAsync("12"));
        Assert.Equal("mobile", Assert.Single(bad.FieldProblems).Field);
    }
}

/// <summary>A province whose rule (provinces.json: verificationCall) has the administration call every order's leader.</summary>
public sealed class VerificationCallRuleTests : IDisposable
{
    private readonly string rules = Path.Combine(Path.GetTempPath(), $"icp-rules-{Guid.NewGuid():N}");
    private readonly SampleFilings samples = new();

    public VerificationCallRuleTests() => RulesDataTests.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "rules"), rules);

    public void Dispose() => Directory.Delete(rules, recursive: true);

    [Fact]
    public async Task The_province_rule_calls_the_leader_of_its_orders_and_only_of_them()
    {
        var path = Path.Combine(rules, "provinces.json");
        var root = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        root["provinces"]!.AsArray().Single(p => (string?)p!["id"] == "jiangsu")!["verificationCall"] = true;
        await File.WriteAllTextAsync(path, root.ToJsonString());
        await using var server = await RegulatorServer.StartAsync(args: ["--rules", rules]);
        var gateway = server.Gateway();
        Assert.True((await gateway.GetCodeTablesAsync()).Provinces.Single(p => p.Id == "jiangsu").VerificationCall);

        var called = samples.Company("jiangsu");
        var other = samples.Company("zhejiang");
        foreach (var filing in new[] { called, other })
        {
            var order = (await gateway.SubmitAsync(filing)).Order;
            await gateway.ValidateAsAsync(order, filing.Subject.Leader, filing.Services[0].Administrator);
        }

        Assert.Single(await gateway.InboxAsync(called.Subject.Leader.Mobile), m => m.Channel == MessageChannel.Call);
        Assert.DoesNotContain(await gateway.InboxAsync(other.Subject.Leader.Mobile), m => m.Channel == MessageChannel.Call);
    }
}
