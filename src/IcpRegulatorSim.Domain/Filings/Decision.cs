using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;

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
            string.IsNullOrWhiteSpace(opinion) ? DecisionTexts.Approved.En : opinion,
            string.IsNullOrWhiteSpace(opinion) ? DecisionTexts.Approved.Zh : opinion,
            reviewer, at);

    /// <summary>A rejection in the reviewer's own words.</summary>
    public static Decision Rejected(DateTimeOffset at, string reviewer, string reason) =>
        new(OrderStatus.Rejected, "REVIEW_REJECTED", 1002, reason, reason, reviewer, at);

    /// <summary>A rejection for a reason of the code table, in its words in both languages.</summary>
    public static Decision Rejected(DateTimeOffset at, string reviewer, ReasonEntry reason) =>
        new(OrderStatus.Rejected, reason.Code, 1002, reason.En, reason.Zh, reviewer, at);

    public static Decision TooManyFailedCodes(DateTimeOffset at, int failures) =>
        Of(OrderStatus.Rejected, "SMS_VALIDATION_FAILED", 1002, DecisionTexts.TooManyFailedCodes(failures), "", at);

    public static Decision ValidationExpired(DateTimeOffset at) =>
        Of(OrderStatus.Returned, "SMS_VALIDATION_EXPIRED", null, DecisionTexts.ValidationExpired, "", at);

    public static Decision Withdrawn(DateTimeOffset at, string providerId) =>
        Of(OrderStatus.Withdrawn, "WITHDRAWN_BY_PROVIDER", null, DecisionTexts.Withdrawn, providerId, at);

    private static Decision Of(OrderStatus outcome, string reasonCode, int? numericCode, PageMessage text, string reviewer, DateTimeOffset at) =>
        new(outcome, reasonCode, numericCode, text.En, text.Zh, reviewer, at);
}
