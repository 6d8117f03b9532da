using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks.PublicSecurity;

/// <summary>
/// What the platform does by itself when a public-security filing's deadline comes: the office that has not decided
/// by the last of its review's working days approves it, or rejects it with the reason its scenario names.
/// </summary>
public sealed class WebsiteFilingDeadlines(PublicSecurityOffices offices) : IDeadlineHandler
{
    public TimerOwnerKind Owner => TimerOwnerKind.WebsiteFiling;

    public int Apply(WriteSession session, TimerRow timer)
    {
        var filing = PublicSecurityStore.FindFiling(session.Db, session.WorldId, timer.OwnerId)
            ?? throw new InvalidOperationException($"Deadline for missing public-security filing {timer.OwnerId}.");
        if (!filing.Deadlines().Any(d => d.DueAt <= session.Now))
        {
            // The timer outlived its deadline (a decision came first): saving drops it.
            session.SaveWebsiteFiling(filing, isNew: false);
            return 0;
        }
        if (filing.Scenario.RejectReasonCode is { } reason)
        {
            offices.Reject(session, filing, offices.RejectionReason(reason));
        }
        else
        {
            offices.Approve(session, filing);
        }
        return 1;
    }
}
