using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks;

/// <summary>The provincial administration's reviewers.</summary>
public sealed class ReviewDesk(Writer writer, Database database, RuleBook rules, Approvals approvals)
{
    public IReadOnlyList<FilingOrder> Pending(string world, string province, string after, int limit) =>
        database.Read(db => OrderStore.ListUnderReview(db, world, province, after, limit));

    public const int MaxTextLength = 500;

    public Task<FilingOrder> ApproveAsync(string world, string orderId, string reviewer, string opinion, CancellationToken cancellationToken)
    {
        var v = new Violations();
        orderId = CheckDecision(v, orderId, reviewer);
        v.MaxLength("opinion", opinion.Trim(), MaxTextLength);
        v.ThrowIfAny();
        return writer.RunAsync(world, s =>
        {
            var order = Find(s, orderId);
            Administration.RequireDecisionDay(order, s.Now, s.Planner(rules));
            approvals.Approve(s, order, DecisionReasons.Approved(s.Now, ReviewerOr(reviewer, order), opinion.Trim()));
            return order;
        }, cancellationToken);
    }

    public Task<FilingOrder> RejectAsync(string world, string orderId, string reviewer, string reason, CancellationToken cancellationToken)
    {
        var v = new Violations();
        orderId = CheckDecision(v, orderId, reviewer);
        if (string.IsNullOrWhiteSpace(reason))
        {
            v.Add("reason", "REQUIRED", FieldTexts.RejectionReason);
        }
        v.MaxLength("reason", reason.Trim(), MaxTextLength);
        v.ThrowIfAny();
        return writer.RunAsync(world, s =>
        {
            var order = Find(s, orderId);
            Administration.RequireDecisionDay(order, s.Now, s.Planner(rules));
            // A code of the rejection reasons table goes out in its words in both languages; anything else is the reviewer's own.
            var reviewerName = ReviewerOr(reviewer, order);
            order.Reject(rules.CodeTables.RejectionReasons.FirstOrDefault(r => r.Code == reason.Trim()) is { } entry
                ? DecisionReasons.Rejected(s.Now, reviewerName, entry)
                : DecisionReasons.Rejected(s.Now, reviewerName, reason.Trim()), rules);
            s.Save(order, isNew: false);
            return order;
        }, cancellationToken);
    }

    /// <summary>The order id a decision names, checked with the reviewer's name; returns the id trimmed.</summary>
    private static string CheckDecision(Violations v, string orderId, string reviewer)
    {
        var id = v.Id("order_id", orderId);
        v.MaxLength("reviewer", reviewer.Trim(), FilingValidator.MaxNameLength);
        return id;
    }

    private string ReviewerOr(string reviewer, FilingOrder order) =>
        string.IsNullOrWhiteSpace(reviewer) ? rules.Province(order.Filing.Subject.Province).Administration : reviewer.Trim();

    private static FilingOrder Find(WriteSession s, string orderId) =>
        OrderStore.Find(s.Db, s.WorldId, orderId)
        ?? throw RegulatorErrors.Unknown(RegulatorErrors.OrderNotFound, orderId);
}
