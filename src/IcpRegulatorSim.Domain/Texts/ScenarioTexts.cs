using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Texts;

/// <summary>What each scenario of the sandbox does (OrderScenario.Catalogue), once in English and once in Chinese.</summary>
public static class ScenarioTexts
{
    public static readonly PageMessage ReasonCodeParameter = new("reason code (optional)", "原因代码（选填）");
    public static readonly PageMessage WorkingDaysParameter = new("working days", "工作日数");

    /// <summary>A duration parameter, with an example such as <c>2h</c>.</summary>
    public static PageMessage DurationParameter(string example) => new($"duration (e.g. {example})", $"时长（如 {example}）");

    public static readonly PageMessage ApproveImmediately = new("The administration approves as soon as the order reaches review.", "订单进入审核后立即审核通过。");
    public static readonly PageMessage ReviewReject = new(
        "The administration rejects the order when it decides, with the given reason code (default REVIEW_REJECTED; GetCodeTables lists the reasons and their texts).",
        "审核时驳回，可指定原因代码（默认 REVIEW_REJECTED；原因代码及其说明见 GetCodeTables）。");
    public static readonly PageMessage ReviewDays = new("Review takes exactly that many working days.", "审核恰好用时指定的工作日数。");
    public static readonly PageMessage SmsLost = new("Codes are issued but never delivered: only a resend brings one.", "核验码已生成但短信丢失，只能通过重发获取。");
    public static readonly PageMessage SmsLate = new("Codes reach the phone that much late; the 24-hour deadline does not move.", "短信延迟送达指定时长，核验截止时间不变。");
    public static readonly PageMessage SyncDelay = new(
        "The order reaches the validation database that much later: resend answers NO_PENDING, validate NOT_FOUND meanwhile.",
        "订单延迟同步到核验库：期间重发返回 NO_PENDING，核验返回 NOT_FOUND。");
    public static readonly PageMessage Blacklisted = new(
        $"The subject is treated as blacklisted: the order is refused with code {RegulatorErrors.SubjectBlacklisted.NumericCode}.",
        $"将主体视为黑名单主体：申请被拒绝（{RegulatorErrors.SubjectBlacklisted.NumericCode}）。");
    public static readonly PageMessage FixedCode = new("Every code of the order is 123456.", "该订单的核验码固定为 123456。");
    public static readonly PageMessage VerificationCall = new(
        "When review starts the administration calls the entity leader (管局电话核验): a call in the outbox and on the phone; unanswered within the rules' window, the order is rejected (LEADER_UNREACHABLE).",
        "审核开始时通信管理局致电主体负责人（管局电话核验）：来电见发件箱及模拟手机；在规定时间内未接听则驳回（LEADER_UNREACHABLE）。");
    public static readonly PageMessage SpotCheckAfter = new(
        "That long after approval, the administration opens a spot check on the order's services (answered within the rules' time, else restricted).",
        "审核通过后经过指定时长，通信管理局对该订单的网站或App发起核查（须在规定时间内答复，否则限制接入）。");
    public static readonly PageMessage RestrictAfter = new(
        "That long after approval, the administration restricts access to the order's services.", "审核通过后经过指定时长，通信管理局对该订单的网站或App限制接入。");
    public static readonly PageMessage RevokeAfter = new(
        "That long after approval, the administration revokes the filing of the order's services.", "审核通过后经过指定时长，通信管理局撤销该订单网站或App的备案。");

    // The public-security platform's, named in the x-psb-scenario header of the call that files a website.
    public static readonly PageMessage PsbReasonParameter = new(
        $"reason code (optional, default {WebsiteFilingScenario.DefaultRejectReason})", $"原因代码（选填，默认 {WebsiteFilingScenario.DefaultRejectReason}）");
    public static readonly PageMessage PsbReject = new(
        "Public security (x-psb-scenario on FileWebsite): the office rejects the filing when its review is due, with that reason of the platform's rejection table (rules/public-security.json).",
        "公安联网备案（FileWebsite 的 x-psb-scenario 请求头）：审核到期时公安机关以指定原因驳回，原因须为平台驳回原因代码表（rules/public-security.json）中的代码。");
    public static readonly PageMessage PsbReviewDays = new(
        "Public security: the office's review (an on-site check included) takes exactly that many working days.",
        "公安联网备案：公安机关审核（含现场检查）恰好用时指定的工作日数。");
    public static readonly PageMessage PsbOnSite = new(
        "Public security: the office asks for an on-site check as soon as the filing reaches review; only for a website with interactive services (any other is refused when filed, NOT_INTERACTIVE).",
        "公安联网备案：备案进入审核后公安机关即要求现场检查；仅适用于提供交互式服务的网站（其他网站提交时即被拒绝，NOT_INTERACTIVE）。");
    public static readonly PageMessage PsbOverdue = new(
        "Public security: the filing is judged filed after the 30 days from the website's opening (overdue, as the office sees it), whatever its dates.",
        "公安联网备案：无论日期如何，均视为在网站开通30日后才备案（逾期，公安机关可见）。");
    public static readonly PageMessage PsbReviewDaysParameter = new(
        "psb-review-days takes a number of working days from 0 to 250.", "psb-review-days 须为 0 到 250 的工作日数。");
    public static readonly PageMessage PsbOnSiteNotInteractive = new(
        "psb-onsite asks for an on-site check, which only a website with interactive services gets.", "psb-onsite 要求现场检查，仅适用于提供交互式服务的网站。");
    public static PageMessage PsbUnknownReason(string code, IReadOnlyList<string> known) => new(
        $"psb-reject: '{code}' is not a rejection reason of the platform's table; known: {string.Join(", ", known)}.",
        $"psb-reject：“{code}”不是平台驳回原因代码表中的代码；可用：{string.Join("、", known)}。");
}
