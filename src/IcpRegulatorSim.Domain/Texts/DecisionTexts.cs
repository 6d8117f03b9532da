using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Texts;

/// <summary>
/// Why an order ended, where the regulator words it itself, once in English and once in Chinese. A reviewer's own
/// words and the rejection reasons of the code tables (rules data) are the others.
/// </summary>
public static class DecisionTexts
{
    public static readonly PageMessage Approved = new("Approved by the communications administration.", "通信管理局审核通过。");
    public static PageMessage TooManyFailedCodes(int failures) => new($"SMS validation failed {failures} times in a row.", $"短信核验连续{failures}次失败。");
    public static readonly PageMessage ValidationExpired = new(
        "SMS validation was not completed in time; the order was returned.", "短信核验未在规定时间内完成，备案申请已退回。");
    public static readonly PageMessage Withdrawn = new("Withdrawn by the access provider.", "接入商已撤回该备案申请。");

    /// <summary>A rejection reason code the code tables do not have (a sandbox user's own, given to review-reject).</summary>
    public static PageMessage UnknownRejectionReason(string code) =>
        new($"The communications administration rejected the filing (reason code {code}).", $"经通信管理局审核，备案申请未通过（原因代码：{code}）。");
}
