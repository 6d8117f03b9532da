using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks.PublicSecurity;

/// <summary>
/// What the platform does by itself when a public-security filing's deadline comes: the office that has not decided
/// by the last of its review's working days approves it, or rejects it with the reason its scenario names; and a
/// filing still awaiting its people's codes when its thirty days end becomes overdue, and its subject is reminded.
/// </summary>
public sealed class WebsiteFilingDeadlines(PublicSecurityOffices offices) : IDeadlineHandler
{
    public TimerOwnerKind Owner => TimerOwnerKind.WebsiteFiling;

    public int Apply(WriteSession session, TimerRow timer)
    {
        var filing = PublicSecurityStore.FindFiling(session.Db, session.WorldId, timer.OwnerId)
            ?? throw new InvalidOperationException($"Deadline for missing public-security filing {timer.OwnerId}.");
        var due = filing.Deadlines().Where(d => d.DueAt <= session.Now).Select(d => d.Kind).ToList();
        if (due.Count == 0)
        {
            // The timer outlived its deadline (a decision came first): saving drops it.
            session.SaveWebsiteFiling(filing, isNew: false);
            return 0;
        }
        if (due.Contains(DeadlineKind.PublicSecurityOverdue))
        {
            offices.MarkOverdue(session, filing);
            return 1;
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
