using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Server.Desks.PublicSecurity;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks;

/// <summary>
/// What the administration's actions on filed services do inside the writer, whether staff take them, a deadline
/// does, or an approved change: the subject is told (SMS and email), and every access provider of the services gets
/// one event naming those it hosts, numbered in its feed like its orders' events.
/// </summary>
public sealed class Supervisor(RuleBook rules, PublicSecurityOffices publicSecurity)
{
    public void Announce(
        WriteSession s, FiledSubject subject, IReadOnlyList<FiledService> services, SupervisionAction action, AdministrativeReason? reason)
    {
        foreach (var service in services)
        {
            s.Send("", Notices.Supervised(rules, subject.Subject.Leader, action, service.Number, reason, service.SpotCheck?.DueAt).ToList(), s.Now);
        }
        var kind = EventKinds[action];
        foreach (var provider in services.SelectMany(x => x.AccessProviders).Distinct(StringComparer.Ordinal))
        {
            var hosted = services.Where(x => x.AccessProviders.Contains(provider)).Select(x => x.Number).ToList();
            EventStore.AppendAdministrative(s.Db, s.WorldId, provider, s.TakeEventSeqs(provider, 1), kind, s.Now,
                new EventDetail(subject.SubjectNumber, hosted, reason?.Code, reason?.En, reason?.Zh, reason?.NumericCode));
        }
    }

    /// <summary>
    /// Applies the subject's deadlines due by now, earliest first: a spot check not answered in time closes and
    /// restricts its service; an empty shell whose grace is over is cancelled. Returns how many.
    /// </summary>
    public int ApplyDeadlines(WriteSession s, string subjectNumber)
    {
        var subject = RegistryStore.FindByNumber(s.Db, s.WorldId, subjectNumber)
            ?? throw new InvalidOperationException($"Deadline for missing subject {subjectNumber}.");
        var applied = 0;
        while (subject.Deadlines(rules.Supervision.EmptyShellGrace).Where(d => d.DueAt <= s.Now).OrderBy(d => d.DueAt).ThenBy(d => d.Kind)
                   .FirstOrDefault() is { } deadline)
        {
            var service = subject.ServiceAt(deadline.Item)!;
            switch (deadline.Kind)
            {
                case DeadlineKind.SpotCheckDue:
                    var unanswered = rules.CodeTables.AdministrativeReason("SPOT_CHECK_UNANSWERED");
                    Announce(s, subject, [subject.CloseSpotCheck(service.Number, s.Now)], SupervisionAction.CloseSpotCheck, unanswered);
                    if (subject.ServiceAt(deadline.Item)!.Standing == ServiceStanding.Filed)
                    {
                        Announce(s, subject, [subject.Restrict(service.Number, unanswered, s.Now)], SupervisionAction.Restrict, unanswered);
                    }
                    break;
                case DeadlineKind.PlannedAction:
                    TakePlanned(s, subject, service);
                    break;
                case DeadlineKind.EmptyShellDue when OrderInProcess(s, subject) is not null:
                    // An order in process may take the empty shell on (ADD_ACCESS) or cancel it: its decision comes
                    // first, and the administration looks again a day later, as a planned revocation waits.
                    subject.DeferEmptyShellCancellation(service.Number, s.Now.AddDays(1), s.Now);
                    break;
                case DeadlineKind.EmptyShellDue:
                    Announce(s, subject, [subject.CancelEmptyShell(service.Number, s.Now)], SupervisionAction.CancelEmptyShell,
                        rules.CodeTables.AdministrativeReason("EMPTY_SHELL"));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown deadline kind {deadline.Kind} of a subject.");
            }
            applied++;
        }
        Save(s, subject);
        return applied;
    }

    /// <summary>
    /// A sandbox scenario of the approved order (spot-check-after, restrict-after, revoke-after): the administration
    /// will act on the order's services that long after now.
    /// </summary>
    public static void PlanScenario(WriteSession s, FiledSubject subject, FilingOrder order)
    {
        if (order.Scenario?.AfterApproval is not { } plan)
        {
            return;
        }
        foreach (var number in order.ServiceNumbers.Where(n => subject.FindService(n) is not null))
        {
            subject.Plan(number, plan.Action, s.Now + plan.After, s.Now);
        }
    }

    // What a scenario planned, now: unless the service's standing no longer allows it (already restricted, say).
    // A revocation waits a day at a time while the subject has an order in process, as staff would have to.
    private void TakePlanned(WriteSession s, FiledSubject subject, FiledService service)
    {
        var action = service.Planned!.Action;
        subject.ClearPlan(service.Number, s.Now);
        if (!Supervision.Allows(service.Standing, action, service.SpotCheck is not null))
        {
            return;
        }
        switch (action)
        {
            case SupervisionAction.OpenSpotCheck:
                var routine = rules.CodeTables.AdministrativeReason("ROUTINE_SPOT_CHECK");
                Announce(s, subject, [subject.OpenSpotCheck(service.Number, routine, s.Now + rules.Supervision.SpotCheckAnswerTime, s.Now)],
                    action, routine);
                break;
            case SupervisionAction.Restrict:
                var complaint = rules.CodeTables.AdministrativeReason("COMPLAINT");
                Announce(s, subject, [subject.Restrict(service.Number, complaint, s.Now)], action, complaint);
                break;
            case SupervisionAction.Revoke when OrderInProcess(s, subject) is not null:
                subject.Plan(service.Number, action, s.Now.AddDays(1), s.Now);
                break;
            case SupervisionAction.Revoke:
                Announce(s, subject, [subject.Revoke(service.Number, s.Now)], action, rules.CodeTables.AdministrativeReason("FALSE_INFORMATION"));
                break;
            default:
                throw new InvalidOperationException($"A scenario cannot plan {action}.");
        }
    }

    /// <summary>The order of the subject in process, if any.</summary>
    public static string? OrderInProcess(WriteSession s, FiledSubject subject) =>
        AdmissionStore.Gather(s.Db, s.WorldId, "", "", subject.Subject.Key, []).OpenOrderId;

    /// <summary>An approved change answers the spot checks open on what it changed: the subject's data, or the services'.</summary>
    public void CloseCorrectedSpotChecks(WriteSession s, FiledSubject subject, FilingOrder order)
    {
        if (order.Type is not (FilingType.ChangeSubject or FilingType.ChangeService or FilingType.ChangeBoth))
        {
            return;
        }
        var changed = order.Type == FilingType.ChangeService
            ? order.Filing.Services.Select(x => x.ServiceNumber).ToHashSet(StringComparer.Ordinal)
            : subject.Services.Select(x => x.Number).ToHashSet(StringComparer.Ordinal);
        var corrected = rules.CodeTables.AdministrativeReason("DATA_CORRECTED");
        foreach (var service in subject.Services.Where(x => x.SpotCheck is not null && changed.Contains(x.Number)).ToList())
        {
            Announce(s, subject, [subject.CloseSpotCheck(service.Number, s.Now)], SupervisionAction.CloseSpotCheck, corrected);
        }
    }

    /// <summary>
    /// Saves the subject with its deadlines; one left without services leaves the registry with them. A website whose
    /// ICP filing this revoked or cancelled loses its public-security filing too.
    /// </summary>
    public void Save(WriteSession s, FiledSubject subject)
    {
        if (subject.Services.Count == 0)
        {
            s.DeleteSubject(subject.SubjectNumber);
        }
        else
        {
            s.SaveSubject(subject, isNew: false, rules.Supervision);
        }
        IcpFilingsEnded(s, subject.SubjectNumber);
    }

    /// <summary>The public-security filings of websites whose ICP filing under the subject no longer stands are cancelled, and their subjects told.</summary>
    public void IcpFilingsEnded(WriteSession s, string subjectNumber) => publicSecurity.CancelWithIcp(s, subjectNumber);

    private static readonly IReadOnlyDictionary<SupervisionAction, OrderEventKind> EventKinds = new Dictionary<SupervisionAction, OrderEventKind>
    {
        [SupervisionAction.Restrict] = OrderEventKind.Restricted,
        [SupervisionAction.LiftRestriction] = OrderEventKind.RestrictionLifted,
        [SupervisionAction.Revoke] = OrderEventKind.Revoked,
        [SupervisionAction.CancelEmptyShell] = OrderEventKind.CancelledByAdministration,
        [SupervisionAction.OpenSpotCheck] = OrderEventKind.SpotCheckOpened,
        [SupervisionAction.CloseSpotCheck] = OrderEventKind.SpotCheckClosed,
    };
}
