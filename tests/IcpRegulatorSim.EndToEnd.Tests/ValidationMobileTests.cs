using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// A validation person's mobile is unavailable: during a cancellation the provider sends the code to another number;
/// any other order is withdrawn and submitted again.
/// </summary>
public sealed class ValidationMobileTests : ServerTest
{
    private const string NewMobile = "13700001111";

    [Fact]
    public async Task During_a_cancellation_the_code_goes_to_the_new_number_and_validates_there()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company(websites: 2));
        var administrator = filed.Administrator(1);
        var order = (await Gateway.SubmitAsync(filed.CancelService(1))).Order;
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var oldCode = await Gateway.LatestCodeAsync(administrator.Mobile);

        var updated = await Gateway.UpdateValidationMobileAsync(order.OrderId, administrator.Mobile, NewMobile);

        Assert.Contains(updated.SmsValidations, v => v.Mobile == NewMobile);
        Assert.DoesNotContain(updated.SmsValidations, v => v.Mobile == administrator.Mobile);
        var newCode = await Gateway.LatestCodeAsync(NewMobile);
        Assert.Equal(ValidateOutcome.NotFound,
            (await Gateway.ValidateCodeAsync(administrator.Mobile, administrator.Suffix(), oldCode)).Outcome);
        Assert.Equal(ValidateOutcome.Complete, (await Gateway.ValidateCodeAsync(NewMobile, administrator.Suffix(), newCode)).Outcome);
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        var sent = await Streams.FirstAsync(Gateway.WatchFilingsAsync(), e => e.OrderId == order.OrderId && e.Mobile == NewMobile);
        Assert.Equal(OrderEventKind.CodeSent, sent.Kind);
        // The order's messages are found through the numbers its document names: the one it no longer has, too.
        var codes = (await Gateway.ListMessagesAsync(orderId: order.OrderId)).Messages.Where(m => m.VerificationCode() is not null).ToList();
        Assert.Contains(codes, m => m.Recipient == administrator.Mobile && m.VerificationCode() == oldCode);
        Assert.Contains(codes, m => m.Recipient == NewMobile && m.VerificationCode() == newCode);
        Assert.Equal(codes.Select(m => m.Sequence).Order(), codes.Select(m => m.Sequence));
        Assert.Equal([NewMobile], (await Gateway.ListMessagesAsync(recipient: NewMobile, orderId: order.OrderId)).Messages.Select(m => m.Recipient).Distinct());
    }

    [Fact]
    public async Task A_code_not_sent_yet_goes_to_the_new_number_when_it_is_due()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company(websites: 2));
        var administrator = filed.Administrator(1);
        var order = (await Gateway.SubmitAsync(filed.CancelService(1))).Order;

        await Gateway.UpdateValidationMobileAsync(order.OrderId, administrator.Mobile, NewMobile);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));

        Assert.DoesNotContain(await Gateway.InboxAsync(administrator.Mobile), m => m.OrderId == order.OrderId && m.VerificationCode() is not null);
        Assert.Equal(ValidateOutcome.Complete,
            (await Gateway.ValidateCodeAsync(NewMobile, administrator.Suffix(), await Gateway.LatestCodeAsync(NewMobile))).Outcome);
    }

    [Fact]
    public async Task Any_other_order_is_refused_with_the_reason_and_keeps_its_number()
    {
        var filing = Samples.Company();
        var leader = filing.Subject.Leader;
        var order = (await Gateway.SubmitAsync(filing)).Order;

        var e = await Assert.ThrowsAsync<RequestRefusedException>(() => Gateway.UpdateValidationMobileAsync(order.OrderId, leader.Mobile, NewMobile));

        Assert.Equal("MOBILE_UPDATE_NOT_ALLOWED", e.Reason);
        Assert.Equal(("ORDER_TYPE", "FILING_TYPE_INITIAL"), (e.PreconditionProblems[0].Type, e.PreconditionProblems[0].Subject));
        Assert.Contains("withdraw this FILING_TYPE_INITIAL order", e.PreconditionProblems[0].Description);
        Assert.Contains((await Gateway.GetFilingAsync(order.OrderId)).SmsValidations, v => v.Mobile == leader.Mobile);
    }

    [Fact]
    public async Task Bad_numbers_are_refused_with_the_field_named_and_change_nothing()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company(websites: 2));
        var administrator = filed.Administrator(1);
        var order = (await Gateway.SubmitAsync(filed.CancelService(1))).Order;

        var malformed = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.UpdateValidationMobileAsync(order.OrderId, administrator.Mobile, "2345"));
        Assert.Equal(("new_mobile", "INVALID_FORMAT"), (malformed.FieldProblems[0].Field, malformed.FieldProblems[0].Reason));
        var stranger = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.UpdateValidationMobileAsync(order.OrderId, "13911112222", NewMobile));
        Assert.Equal(("mobile", "NOT_ON_ORDER"), (stranger.FieldProblems[0].Field, stranger.FieldProblems[0].Reason));
        // Full-width digits, as a person types them, are the same number.
        var same = await Assert.ThrowsAsync<InvalidRequestException>(() => Gateway.UpdateValidationMobileAsync(order.OrderId, administrator.Mobile,
            string.Concat(administrator.Mobile.Select(c => (char)(c - '0' + '０')))));
        Assert.Equal("UNCHANGED", same.FieldProblems[0].Reason);

        Assert.Equal([administrator.Mobile], (await Gateway.GetFilingAsync(order.OrderId)).SmsValidations.Select(v => v.Mobile));
    }
}
