using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks;

/// <summary>
/// What the regulator does by itself when an order's deadline comes: send a code, return an expired order, decide a
/// review.
/// </summary>
public sealed class OrderDeadlines(RuleBook rules, ISmsCodes codes, Approvals approvals) : IDeadlineHandler
{
    public TimerOwnerKind Owner => TimerOwnerKind.Order;

    /// <summary>Applies every deadline of the timer's order due by now (the timer's instant), earliest first; returns how many.</summary>
    public int Apply(WriteSession session, TimerRow timer)
    {
        var order = OrderStore.Find(session.Db, session.WorldId, timer.OwnerId)
            ?? throw new InvalidOperationException($"Deadline for missing order {timer.OwnerId}.");
        var applied = 0;
        var saved = false;
        while (order.Deadlines().Where(d => d.DueAt <= session.Now).OrderBy(d => d.DueAt).ThenBy(d => d.Kind).FirstOrDefault() is { } deadline)
        {
            saved = ApplyOne(session, order, deadline);
            applied++;
        }
        // A decision saves the order itself, before the registry change it makes; anything else is saved here.
        if (!saved)
        {
            session.Save(order, isNew: false);
        }
        return applied;
    }

    /// <summary>Applies one deadline of the order; returns whether that saved the order already.</summary>
    private bool ApplyOne(WriteSession session, FilingOrder order, Deadline deadline)
    {
        switch (deadline.Kind)
        {
            case DeadlineKind.SendCode:
                order.SendCode(deadline.Item, codes, session.Now, rules);
                return false;
            case DeadlineKind.ExpireValidation:
                order.ExpireValidation(session.Now, rules);
                return false;
            case DeadlineKind.ReviewDecision:
                // Staff did not decide in time: the administration decides by itself (approval, unless a scenario says otherwise).
                approvals.DecideAutomatically(session, order);
                return true;
            case DeadlineKind.PlaceVerificationCall:
                order.PlaceVerificationCall(session.Now, rules);
                return false;
            case DeadlineKind.VerificationCallUnanswered:
                // The leader could not be reached: the order is rejected, with the reason of the rejection table.
                order.MissVerificationCall(DecisionReasons.Rejected(session.Now, rules.Province(order.Filing.Subject.Province).Administration,
                    rules.CodeTables.RejectionReason("LEADER_UNREACHABLE")), rules);
                return false;
            default:
                throw new InvalidOperationException($"Unknown deadline kind {deadline.Kind}.");
        }
    }
}
