using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks;

/// <summary>What the regulator does by itself when a deadline comes: send a code, return an expired order, decide a review.</summary>
public sealed class Deadlines(RuleBook rules, ISmsCodes codes, Approvals approvals) : IDeadlineHandler
{
    public void Apply(WriteSession session, TimerRow timer)
    {
        var order = OrderStore.Find(session.Db, session.WorldId, timer.OrderId)
            ?? throw new InvalidOperationException($"Deadline for missing order {timer.OrderId}.");
        switch (timer.DeadlineKind)
        {
            case DeadlineKind.SendCode:
                order.SendCode((int)timer.Item, codes, session.Now, rules);
                break;
            case DeadlineKind.ExpireValidation:
                order.ExpireValidation(session.Now, rules);
                break;
            case DeadlineKind.ReviewDecision:
                // Staff did not decide in time: the administration decides by itself (approval, unless a scenario says otherwise).
                var decision = order.AutomaticDecision(session.Now, rules.Province(order.Filing.Subject.Province).Administration);
                if (decision.Outcome == OrderStatus.Approved)
                {
                    approvals.Approve(session, order, decision);
                    return;
                }
                order.Reject(decision, rules);
                break;
            default:
                throw new InvalidOperationException($"Unknown deadline kind {timer.Kind}.");
        }
        session.Save(order, isNew: false);
    }
}
