using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>The SMS validation rules of domain.md (profile current), through the validation page.</summary>
public sealed class SmsValidationRulesTests : ServerTest
{
    [Fact]
    public async Task Fifth_consecutive_wrong_code_rejects_the_order()
    {
        var (order, leader, _) = await SubmitAndSendCodesAsync();
        var wrong = Phone.WrongCode(await Gateway.LatestCodeAsync(leader.Mobile));
        for (var i = 1; i <= 4; i++)
        {
            var failed = await Gateway.ValidateCodeAsync(leader.Mobile, leader.Suffix(), wrong);
            Assert.Equal(ValidateOutcome.Failed, failed.Outcome);
            Assert.False(failed.OrderRejected);
            Assert.Null(failed.Notice);
            Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        }
        // The fifth answers FAILED with the official message, as the real page does, and says that the order is rejected and why.
        var fifth = await Gateway.ValidateCodeAsync(leader.Mobile, leader.Suffix(), wrong);
        Assert.Equal(ValidateOutcome.Failed, fifth.Outcome);
        Assert.Equal("尊敬的ICP用户：您的短信核验失败，请重试。", fifth.Message.Zh);
        Assert.True(fifth.OrderRejected);
        Assert.Equal("该备案申请已被驳回：短信核验连续5次失败。已无需核验；如需备案，请联系接入商重新提交申请。", fifth.Notice.Zh);
        Assert.StartsWith("The filing application was rejected: SMS validation failed 5 times in a row.", fifth.Notice.En, StringComparison.Ordinal);

        var rejected = await Gateway.GetFilingAsync(order.OrderId);
        Assert.Equal(OrderStatus.Rejected, rejected.Status);
        Assert.Equal("SMS_VALIDATION_FAILED", rejected.Decision.ReasonCode);
        // Once the order is rejected, nothing is pending: even the right code finds no record.
        var after = await Gateway.ValidateCodeAsync(leader.Mobile, leader.Suffix(), await Gateway.LatestCodeAsync(leader.Mobile));
        Assert.Equal(ValidateOutcome.NotFound, after.Outcome);
    }

    [Fact]
    public async Task A_correct_code_resets_nothing_for_the_other_person_and_failures_count_per_person()
    {
        var (order, leader, admin) = await SubmitAndSendCodesAsync();
        var wrongForAdmin = Phone.WrongCode(await Gateway.LatestCodeAsync(admin.Mobile));
        for (var i = 0; i < 4; i++)
        {
            await Gateway.ValidateCodeAsync(admin.Mobile, admin.Suffix(), wrongForAdmin);
        }
        await Gateway.ValidateCodeAsync(leader.Mobile, leader.Suffix(), await Gateway.LatestCodeAsync(leader.Mobile));

        var current = await Gateway.GetFilingAsync(order.OrderId);
        Assert.Equal(4, current.SmsValidations.Single(v => v.Mobile == admin.Mobile).ConsecutiveFailures);
        Assert.Equal(SmsValidationState.Complete, current.SmsValidations.Single(v => v.Mobile == leader.Mobile).State);
        await Gateway.ValidateCodeAsync(admin.Mobile, admin.Suffix(), wrongForAdmin);
        Assert.Equal(OrderStatus.Rejected, (await Gateway.GetFilingAsync(order.OrderId)).Status);
    }

    [Fact]
    public async Task An_input_matching_no_pending_validation_is_not_found_and_counts_for_nothing()
    {
        var (order, leader, _) = await SubmitAndSendCodesAsync();
        var code = await Gateway.LatestCodeAsync(leader.Mobile);
        Assert.Equal(ValidateOutcome.NotFound, (await Gateway.ValidateCodeAsync("13900000000", leader.Suffix(), code)).Outcome);
        Assert.Equal(ValidateOutcome.NotFound, (await Gateway.ValidateCodeAsync(leader.Mobile, "00000X", code)).Outcome);
        Assert.Equal(0, (await Gateway.GetFilingAsync(order.OrderId)).SmsValidations.Sum(v => v.ConsecutiveFailures));
    }

    [Fact]
    public async Task Third_resend_is_refused_and_each_resend_replaces_the_code()
    {
        var (order, leader, _) = await SubmitAndSendCodesAsync();
        var codes = new List<string> { await Gateway.LatestCodeAsync(leader.Mobile) };
        for (var i = 0; i < 2; i++)
        {
            await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(ResendOutcome.Resent, (await Gateway.ResendCodeAsync(leader.Mobile, leader.Suffix())).Outcome);
            codes.Add(await Gateway.LatestCodeAsync(leader.Mobile));
        }
        var third = await Gateway.ResendCodeAsync(leader.Mobile, leader.Suffix());
        Assert.Equal(ResendOutcome.LimitReached, third.Outcome);
        Assert.Equal(3, (await Gateway.InboxAsync(leader.Mobile)).Count);
        Assert.Equal(2, (await Gateway.GetFilingAsync(order.OrderId)).SmsValidations.Single(v => v.Mobile == leader.Mobile).ResendsUsed);

        // The code in force is the last one; an earlier one (unless it happens to be equal) fails.
        if (codes[0] != codes[2])
        {
            Assert.Equal(ValidateOutcome.Failed, (await Gateway.ValidateCodeAsync(leader.Mobile, leader.Suffix(), codes[0])).Outcome);
        }
        Assert.Equal(ValidateOutcome.WaitingForOthers, (await Gateway.ValidateCodeAsync(leader.Mobile, leader.Suffix(), codes[2])).Outcome);
    }

    [Fact]
    public async Task Resend_answers_not_found_for_unknown_people_and_no_pending_once_validated()
    {
        var (_, leader, _) = await SubmitAndSendCodesAsync();
        Assert.Equal(ResendOutcome.NotFound, (await Gateway.ResendCodeAsync("13900000000", "123456")).Outcome);
        await Gateway.ValidateCodeAsync(leader.Mobile, leader.Suffix(), await Gateway.LatestCodeAsync(leader.Mobile));
        var reply = await Gateway.ResendCodeAsync(leader.Mobile, leader.Suffix());
        Assert.Equal(ResendOutcome.NoPending, reply.Outcome);
        Assert.StartsWith("Dear ICP user: You have no pending ICP filing applications", reply.Message.En);
    }

    [Fact]
    public async Task An_order_not_validated_within_24_hours_is_returned_and_its_codes_stop_working()
    {
        var (order, leader, _) = await SubmitAndSendCodesAsync();
        var code = await Gateway.LatestCodeAsync(leader.Mobile);
        // A resend does not extend the deadline.
        await Gateway.AdvanceClockAsync(TimeSpan.FromHours(23));
        Assert.Equal(ResendOutcome.Resent, (await Gateway.ResendCodeAsync(leader.Mobile, leader.Suffix())).Outcome);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(59));
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await Gateway.GetFilingAsync(order.OrderId)).Status);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(1));

        var returned = await Gateway.GetFilingAsync(order.OrderId);
        Assert.Equal(OrderStatus.Returned, returned.Status);
        Assert.Equal("SMS_VALIDATION_EXPIRED", returned.Decision.ReasonCode);
        Assert.Equal(ValidateOutcome.NotFound, (await Gateway.ValidateCodeAsync(leader.Mobile, leader.Suffix(), code)).Outcome);
        Assert.Contains(await Gateway.InboxAsync(leader.Mobile), m => m.Body.Contains("退回"));
    }

    [Fact]
    public async Task Codes_are_not_sent_before_the_sms_delay_and_validation_before_it_finds_nothing()
    {
        var filing = Samples.Company();
        var leader = filing.Subject.Leader;
        await Gateway.SubmitAsync(filing);
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        Assert.Empty(await Gateway.InboxAsync(leader.Mobile));
        Assert.Equal(ValidateOutcome.NotFound, (await Gateway.ValidateCodeAsync(leader.Mobile, leader.Suffix(), "123456")).Outcome);
        Assert.Equal(ResendOutcome.NoPending, (await Gateway.ResendCodeAsync(leader.Mobile, leader.Suffix())).Outcome);
        await Gateway.AdvanceClockAsync(TimeSpan.FromSeconds(1));
        Assert.Single(await Gateway.InboxAsync(leader.Mobile));
    }

    [Fact]
    public async Task Two_people_sharing_a_mobile_get_one_code_that_covers_both()
    {
        var filing = Samples.Company();
        var admin = filing.Services[0].Administrator;
        admin.Mobile = filing.Subject.Leader.Mobile;
        var order = (await Gateway.SubmitAsync(filing)).Order;
        Assert.Single(order.SmsValidations);

        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        Assert.Single(await Gateway.InboxAsync(admin.Mobile));
        // Either person's certificate suffix identifies the shared code.
        var reply = await Gateway.ValidateCodeAsync(admin.Mobile, admin.Suffix(), await Gateway.LatestCodeAsync(admin.Mobile));
        Assert.Equal(ValidateOutcome.Complete, reply.Outcome);
        Assert.Equal(OrderStatus.UnderReview, (await Gateway.GetFilingAsync(order.OrderId)).Status);
    }

    private async Task<(FilingOrder Order, Person Leader, Person Admin)> SubmitAndSendCodesAsync()
    {
        var filing = Samples.Company();
        var order = (await Gateway.SubmitAsync(filing)).Order;
        await Gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        return (order, filing.Subject.Leader, filing.Services[0].Administrator);
    }
}
