using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Domain.Filings;

/// <summary>How an order left the regulator's hands.</summary>
public sealed record Decision(
    OrderStatus Outcome,
    string ReasonCode,
    int? NumericCode,
    string En,
    string Zh,
    string Reviewer,
    DateTimeOffset DecidedAt);

/// <summary>The reasons an order ends, with the real regulator's result code where it has one.</summary>
public static class DecisionReasons
{
    public static Decision Approved(DateTimeOffset at, string reviewer, string opinion) =>
        new(OrderStatus.Approved, "REVIEW_APPROVED", 1001,
            string.IsNullOrWhiteSpace(opinion) ? "Approved by the communications administration." : opinion,
            string.IsNullOrWhiteSpace(opinion) ? "通信管理局审核通过。" : opinion,
            reviewer, at);

    /// <summary>A rejection in the reviewer's own words.</summary>
    public static Decision Rejected(DateTimeOffset at, string reviewer, string reason) =>
        new(OrderStatus.Rejected, "REVIEW_REJECTED", 1002, reason, reason, reviewer, at);

    /// <summary>A rejection for a reason of the code table, in its words in both languages.</summary>
    public static Decision Rejected(DateTimeOffset at, string reviewer, ReasonEntry reason) =>
        new(OrderStatus.Rejected, reason.Code, 1002, reason.En, reason.Zh, reviewer, at);

    public static Decision TooManyFailedCodes(DateTimeOffset at, int failures) =>
        new(OrderStatus.Rejected, "SMS_VALIDATION_FAILED", 1002,
            $"SMS validation failed {failures} times in a row.", $"短信核验连续{failures}次失败。", "", at);

    public static Decision ValidationExpired(DateTimeOffset at) =>
        new(OrderStatus.Returned, "SMS_VALIDATION_EXPIRED", null,
            "SMS validation was not completed in time; the order was returned.", "短信核验未在规定时间内完成，备案申请已退回。", "", at);

    public static Decision Withdrawn(DateTimeOffset at, string providerId) =>
        new(OrderStatus.Withdrawn, "WITHDRAWN_BY_PROVIDER", null,
            "Withdrawn by the access provider.", "接入商已撤回该备案申请。", providerId, at);
}
