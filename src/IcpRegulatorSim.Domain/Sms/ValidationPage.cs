using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Sms;

/// <summary>
/// The regulator's SMS validation page. One mobile and certificate suffix can have codes pending on several
/// orders (one administrator running sites for two subjects); the page acts on all of them.
/// </summary>
public static class ValidationPage
{
    public static ValidationAttempt Validate(
        IEnumerable<FilingOrder> candidates, string mobile, string certificateSuffix, string code,
        ISmsCodes codes, DateTimeOffset now, RuleBook rules, ReviewPlanner planner)
    {
        var pending = Pending(candidates, mobile, certificateSuffix, now);
        if (pending.Count == 0)
        {
            // The real page answers NOT_FOUND, not FAILED, when nothing is pending: a wrong mobile counts for nothing.
            return new(ValidateOutcome.NotFound, []);
        }
        foreach (var (order, validation) in pending)
        {
            if (order.CodeMatches(validation.Index, code, codes))
            {
                return new(order.CompleteValidation(validation.Index, now, planner) ? ValidateOutcome.Complete : ValidateOutcome.WaitingForOthers, []);
            }
        }
        var ended = new List<Decision>();
        foreach (var (order, validation) in pending)
        {
            order.FailValidation(validation.Index, now, rules);
            if (order.Decision is { } decision && order.Status == OrderStatus.Rejected)
            {
                ended.Add(decision);
            }
        }
        return new(ValidateOutcome.Failed, ended);
    }

    /// <param name="known">Whether the mobile and suffix are in the validation database at all, pending or not.</param>
    public static ResendOutcome Resend(
        bool known, IEnumerable<FilingOrder> candidates, string mobile, string certificateSuffix,
        ISmsCodes codes, DateTimeOffset now, RuleBook rules)
    {
        if (!known)
        {
            return ResendOutcome.NotFound;
        }
        var pending = Pending(candidates, mobile, certificateSuffix, now);
        if (pending.Count == 0)
        {
            return ResendOutcome.NoPending;
        }
        var resendable = pending.Where(p => p.Order.CanResend(p.Validation.Index, rules)).ToList();
        foreach (var (order, validation) in resendable)
        {
            order.ResendCode(validation.Index, codes, now, rules);
        }
        return resendable.Count == 0 ? ResendOutcome.LimitReached : ResendOutcome.Resent;
    }

    private static List<(FilingOrder Order, SmsValidation Validation)> Pending(
        IEnumerable<FilingOrder> candidates, string mobile, string certificateSuffix, DateTimeOffset now) =>
        candidates.SelectMany(o => o.PendingValidations(mobile, certificateSuffix, now).Select(v => (o, v))).ToList();
}
