using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Tests;

/// <summary>The validation page's answers are the real page's words; applicants and providers match on them.</summary>
public sealed class PageMessagesTests
{
    [Fact]
    public void Complete_says_the_request_goes_to_the_administration()
    {
        var message = PageMessages.For(ValidateOutcome.Complete);

        Assert.Equal(
            "Dear ICP user: Your text message validation is complete. This request will be submitted to the communications administration for review.",
            message.En);
        Assert.Equal("尊敬的ICP用户：您的短信核验已完成，该申请将提交至通信管理局审核。", message.Zh);
    }

    [Fact]
    public void Waiting_for_others_asks_to_wait_for_the_other_personnel()
    {
        var message = PageMessages.For(ValidateOutcome.WaitingForOthers);

        Assert.Equal(
            "Dear ICP user: Your text message validation is complete. Please wait for other personnel to complete their text message validation.",
            message.En);
        Assert.Equal("尊敬的ICP用户：您的短信核验已完成，请等待其他人员完成短信核验。", message.Zh);
    }

    [Fact]
    public void Failed_asks_to_try_again()
    {
        var message = PageMessages.For(ValidateOutcome.Failed);

        Assert.Equal("Dear ICP user: Your text message validation failed. Please try again.", message.En);
        Assert.Equal("尊敬的ICP用户：您的短信核验失败，请重试。", message.Zh);
    }

    [Fact]
    public void Not_found_covers_both_missing_and_already_complete()
    {
        var message = PageMessages.For(ValidateOutcome.NotFound);

        Assert.Equal(
            "Dear ICP user: The record cannot be found in the validation database or the validation is already complete.",
            message.En);
        Assert.Equal("尊敬的ICP用户：核验库中未找到该记录或该记录已完成核验。", message.Zh);
    }

    [Fact]
    public void Resend_messages_are_the_real_pages_words()
    {
        Assert.Equal(
            "Dear ICP user: Your text message verification code has been resent successfully. Please check your mobile phone and complete the text message validation as soon as possible.",
            PageMessages.For(ResendOutcome.Resent).En);
        Assert.Equal(
            "Dear ICP user: You have no pending ICP filing applications that require text message validation. You do not need to resend the text message.",
            PageMessages.For(ResendOutcome.NoPending).En);
        Assert.Equal("Dear ICP user: The record cannot be found in the validation database.", PageMessages.For(ResendOutcome.NotFound).En);
    }

    [Fact]
    public void Every_resend_outcome_has_a_message_in_both_languages() =>
        Assert.All([ResendOutcome.Resent, ResendOutcome.NoPending, ResendOutcome.NotFound, ResendOutcome.LimitReached], outcome =>
        {
            var message = PageMessages.For(outcome);
            Assert.StartsWith("Dear ICP user: ", message.En);
            Assert.StartsWith("尊敬的ICP用户：", message.Zh);
        });

    [Fact]
    public void Unspecified_outcome_has_no_message()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PageMessages.For(ValidateOutcome.Unspecified));
        Assert.Throws<ArgumentOutOfRangeException>(() => PageMessages.For(ResendOutcome.Unspecified));
    }
}
