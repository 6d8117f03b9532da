using System.Security.Cryptography;
using System.Text;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Time;
using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks;

/// <summary>Approval of an order, whether staff decide it or the administration does when the review time is up.</summary>
public sealed class Approvals(RuleBook rules, PasswordPool passwords, Supervisor supervisor)
{
    /// <summary>
    /// Approves the order, applies it to the registry and saves both. The order is saved first, so that its provider
    /// reads the approval before what the approval causes: an approved change that answers a spot check comes before
    /// the SPOT_CHECK_CLOSED it brings, in the feed as in the outbox.
    /// </summary>
    public void Approve(WriteSession session, FilingOrder order, Decision decision) => Approve(session, order, decision, Filed(session, order));

    private void Approve(WriteSession session, FilingOrder order, Decision decision, FiledSubject? filed)
    {
        var change = Administration.Approve(
            order, filed, () => NewSubjectNumber(session, order.Filing.Subject.Province), passwords.Take, decision, rules);
        session.Save(order, isNew: false);
        if (change.Cancelled)
        {
            session.DeleteSubject(change.Subject.SubjectNumber);
        }
        else
        {
            // A change approved is the answer to any spot check open on what it changed.
            supervisor.CloseCorrectedSpotChecks(session, change.Subject, order);
            Supervisor.PlanScenario(session, change.Subject, order);
            session.SaveSubject(change.Subject, change.IsNew, rules.Supervision);
        }
        // Only a cancellation ends a website's ICP filing (an approval never revokes): other orders skip the lookup.
        if (order.Type is FilingType.CancelService or FilingType.CancelSubject)
        {
            supervisor.IcpFilingsEnded(session, change.Subject.SubjectNumber);
        }
    }

    /// <summary>
    /// The administration's own decision when the review time is up (<see cref="Administration.AutomaticDecision"/>),
    /// applied and saved.
    /// </summary>
    public void DecideAutomatically(WriteSession session, FilingOrder order)
    {
        var filed = Filed(session, order);
        var decision = Administration.AutomaticDecision(order, filed, session.Now, rules);
        if (decision.Outcome == OrderStatus.Approved)
        {
            Approve(session, order, decision, filed);
        }
        else
        {
            order.Reject(decision, rules);
            session.Save(order, isNew: false);
        }
    }

    /// <summary>The filed subject the order is about: by its certificate for an initial filing (normally none), else by its number.</summary>
    private static FiledSubject? Filed(WriteSession session, FilingOrder order) =>
        order.Type == FilingType.Initial
            ? RegistryStore.FindByKey(session.Db, session.WorldId, order.Filing.Subject.Key)
            : RegistryStore.FindByNumber(session.Db, session.WorldId, order.SubjectNumber!);

    /// <summary>
    /// A 10-digit subject number: the year of approval, then a sequence per province and year. Each world's sequences
    /// start at a point drawn from its seed, so numbers look like real ones and replay identically.
    /// </summary>
    public string NewSubjectNumber(WriteSession session, string provinceId)
    {
        var province = rules.Province(provinceId);
        var year = BeijingTime.DateOf(session.Now).Year;
        var scope = $"subject:{province.Id}:{year}";
        var first = 1 + (long)(BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{session.Seed}:{scope}"))) % 100_000);
        var sequence = RegistryStore.NextNumber(session.Db, session.WorldId, scope, first);
        if (sequence > 999_999)
        {
            throw new InvalidOperationException($"Subject numbers of {province.Id} in {year} are exhausted.");
        }
        return IcpNumber.ForSubject(province.Abbreviation, year, (int)sequence);
    }
}
