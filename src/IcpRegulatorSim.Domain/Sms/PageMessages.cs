using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Domain.Sms;

public enum ValidateOutcome
{
    Unspecified = 0,
    Complete = 1,
    WaitingForOthers = 2,
    Failed = 3,
    NotFound = 4,
}

public enum ResendOutcome
{
    Unspecified = 0,
    Resent = 1,
    NoPending = 2,
    NotFound = 3,
    LimitReached = 4,
}

public sealed record PageMessage(string En, string Zh);

/// <summary>The messages the regulator's validation page shows, word for word.</summary>
public static class PageMessages
{
    public static PageMessage For(ValidateOutcome outcome) => outcome switch
    {
        ValidateOutcome.Complete => new(
            "Dear ICP user: Your text message validation is complete. This request will be submitted to the communications administration for review.",
            "尊敬的ICP用户：您的短信核验已完成，该申请将提交至通信管理局审核。"),
        ValidateOutcome.WaitingForOthers => new(
            "Dear ICP user: Your text message validation is complete. Please wait for other personnel to complete their text message validation.",
            "尊敬的ICP用户：您的短信核验已完成，请等待其他人员完成短信核验。"),
        ValidateOutcome.Failed => new(
            "Dear ICP user: Your text message validation failed. Please try again.",
            "尊敬的ICP用户：您的短信核验失败，请重试。"),
        ValidateOutcome.NotFound => new(
            "Dear ICP user: The record cannot be found in the validation database or the validation is already complete.",
            "尊敬的ICP用户：核验库中未找到该记录或该记录已完成核验。"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static PageMessage For(ResendOutcome outcome) => outcome switch
    {
        ResendOutcome.Resent => new(
            "Dear ICP user: Your text message verification code has been resent successfully. Please check your mobile phone and complete the text message validation as soon as possible.",
            "尊敬的ICP用户：您的短信验证码已重新发送成功，请查看手机并尽快完成短信核验。"),
        ResendOutcome.NoPending => new(
            "Dear ICP user: You have no pending ICP filing applications that require text message validation. You do not need to resend the text message.",
            "尊敬的ICP用户：您没有需要进行短信核验的待办ICP备案申请，无需重发短信。"),
        ResendOutcome.NotFound => new(
            "Dear ICP user: The record cannot be found in the validation database.",
            "尊敬的ICP用户：核验库中未找到该记录。"),
        ResendOutcome.LimitReached => new(
            "Dear ICP user: The verification code has already been resent the maximum number of times and cannot be resent again.",
            "尊敬的ICP用户：验证码重发次数已达上限，不能再次重发。"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>
    /// What the validation page adds after the official message when the attempt ended the order: that it is rejected,
    /// in the words of its decision, and what the applicant does now.
    /// </summary>
    public static PageMessage Rejected(Decision decision) => new(
        $"The filing application was rejected: {decision.En} Nothing is left to validate: to file, ask your access provider to submit the application again.",
        $"该备案申请已被驳回：{decision.Zh}已无需核验；如需备案，请联系接入商重新提交申请。");

    /// <summary>What the password retrieval answers: where the new password went, masked.</summary>
    public static PageMessage PasswordSent(string maskedMobile, string maskedEmail) => new(
        $"A new ICP filing password was sent to the entity leader's mobile {maskedMobile} and email {maskedEmail}.",
        $"新的ICP备案密码已发送至主体负责人手机 {maskedMobile} 及邮箱 {maskedEmail}。");
}
