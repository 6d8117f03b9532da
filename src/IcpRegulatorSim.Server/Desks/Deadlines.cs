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
                // Staff did not decide in time: the administration approves the order by itself.
                var reviewer = rules.Province(order.Filing.Subject.Province).Administration;
                approvals.Approve(session, order, DecisionReasons.Approved(session.Now, reviewer, ""));
                return;
            default:
                throw new InvalidOperationException($"Unknown deadline kind {timer.Kind}.");
        }
        session.Save(order, isNew: false);
    }
}
