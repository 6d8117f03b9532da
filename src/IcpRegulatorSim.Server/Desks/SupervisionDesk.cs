using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks;

/// <summary>A filed service after the administration acted on it.</summary>
public sealed record StandingView(string SubjectNumber, FiledService Service, ServiceStanding Standing);

/// <summary>What a revocation took out of the registry.</summary>
public sealed record Revocation(string SubjectNumber, IReadOnlyList<string> ServiceNumbers, bool SubjectRevoked);

/// <summary>
/// The administration acting on filed services of its own accord (备案后的管理): it restricts access and lifts the
/// restriction, and revokes filings. Each action is sent to the subject (SMS and email) and reaches every access
/// provider of the service as an event of its own kind, numbered in the provider's feed like its orders' events.
/// </summary>
public sealed class SupervisionDesk(Writer writer, RuleBook rules)
{
    public const int MaxReasonLength = 500;

    public Task<StandingView> RestrictAsync(string world, string serviceNumber, string reason, CancellationToken cancellationToken)
    {
        var (number, why) = Check("service_number", serviceNumber, reason, reasonRequired: true);
        return writer.RunAsync(world, s =>
        {
            var subject = SubjectOf(s, number);
            var service = subject.Restrict(number, why!, s.Now);
            Announce(s, subject, [service], SupervisionAction.Restrict, why);
            RegistryStore.Save(s.Db, s.WorldId, subject, isNew: false);
            return new StandingView(subject.SubjectNumber, service, service.Standing);
        }, cancellationToken);
    }

    public Task<StandingView> LiftRestrictionAsync(string world, string serviceNumber, string reason, CancellationToken cancellationToken)
    {
        var (number, why) = Check("service_number", serviceNumber, reason, reasonRequired: false);
        return writer.RunAsync(world, s =>
        {
            var subject = SubjectOf(s, number);
            var service = subject.LiftRestriction(number, s.Now);
            Announce(s, subject, [service], SupervisionAction.LiftRestriction, why);
            RegistryStore.Save(s.Db, s.WorldId, subject, isNew: false);
            return new StandingView(subject.SubjectNumber, service, service.Standing);
        }, cancellationToken);
    }

    /// <summary>Revokes one service's filing, or (given a subject number) the subject's with every service under it.</summary>
    public Task<Revocation> RevokeAsync(string world, string number, string reason, CancellationToken cancellationToken)
    {
        var (trimmed, why) = Check("number", number, reason, reasonRequired: true);
        return writer.RunAsync(world, s =>
        {
            var whole = RegistryStore.FindByNumber(s.Db, s.WorldId, trimmed);
            var subject = whole ?? SubjectOf(s, trimmed);
            RequireNoOrderInProcess(s, subject);
            var revoked = (whole is null ? [trimmed] : subject.Services.Select(x => x.Number).ToList())
                .Select(n => subject.Revoke(n, s.Now)).ToList();
            Announce(s, subject, revoked, SupervisionAction.Revoke, why);
            // A subject left without services is gone with them; its number, like theirs, is never issued again.
            if (subject.Services.Count == 0)
            {
                RegistryStore.Delete(s.Db, s.WorldId, subject.SubjectNumber);
            }
            else
            {
                RegistryStore.Save(s.Db, s.WorldId, subject, isNew: false);
            }
            return new Revocation(subject.SubjectNumber, revoked.Select(x => x.Number).ToList(), subject.Services.Count == 0);
        }, cancellationToken);
    }

    private (string Number, AdministrativeReason? Reason) Check(string field, string number, string reason, bool reasonRequired)
    {
        var v = new Violations();
        var trimmed = v.Id(field, number);
        if (reasonRequired && string.IsNullOrWhiteSpace(reason))
        {
            v.Add("reason", "REQUIRED", "The administration says why it acts.", "须说明原因。");
        }
        v.MaxLength("reason", reason.Trim(), MaxReasonLength);
        v.ThrowIfAny();
        return (trimmed, string.IsNullOrWhiteSpace(reason) ? null : rules.CodeTables.AdministrativeReason(reason));
    }

    /// <summary>
    /// The subject is told by SMS and email; each access provider of the services gets one event naming those it hosts.
    /// </summary>
    private void Announce(WriteSession s, FiledSubject subject, IReadOnlyList<FiledService> services, SupervisionAction action, AdministrativeReason? reason)
    {
        foreach (var service in services)
        {
            s.Send("", Notices.Supervised(rules, subject.Subject.Leader, action, service.Number, reason).ToList(), s.Now);
        }
        var kind = EventKinds[action];
        foreach (var provider in services.SelectMany(x => x.AccessProviders).Distinct(StringComparer.Ordinal))
        {
            var hosted = services.Where(x => x.AccessProviders.Contains(provider)).Select(x => x.Number).ToList();
            EventStore.AppendAdministrative(s.Db, s.WorldId, provider, s.TakeEventSeqs(provider, 1), kind, s.Now,
                new EventDetail(subject.SubjectNumber, hosted, reason?.Code, reason?.En, reason?.Zh, reason?.NumericCode));
        }
    }

    private static readonly IReadOnlyDictionary<SupervisionAction, OrderEventKind> EventKinds = new Dictionary<SupervisionAction, OrderEventKind>
    {
        [SupervisionAction.Restrict] = OrderEventKind.Restricted,
        [SupervisionAction.LiftRestriction] = OrderEventKind.RestrictionLifted,
        [SupervisionAction.Revoke] = OrderEventKind.Revoked,
        [SupervisionAction.CancelEmptyShell] = OrderEventKind.CancelledByAdministration,
        [SupervisionAction.OpenSpotCheck] = OrderEventKind.SpotCheckOpened,
        [SupervisionAction.CloseSpotCheck] = OrderEventKind.SpotCheckClosed,
    };

    private static FiledSubject SubjectOf(WriteSession s, string serviceNumber) =>
        RegistryStore.FindByServiceNumber(s.Db, s.WorldId, serviceNumber)
        ?? throw RegulatorErrors.Refuse(RegulatorErrors.ServiceNotFound, "SERVICE", serviceNumber,
            $"No filed subject or service is numbered {serviceNumber}.", $"未找到备案号为 {serviceNumber} 的主体、网站或App。");

    // An order in process would be decided against a filing that is gone: it is withdrawn or decided first.
    private static void RequireNoOrderInProcess(WriteSession s, FiledSubject subject)
    {
        if (AdmissionStore.Gather(s.Db, s.WorldId, "", "", subject.Subject.Key, []).OpenOrderId is { } open)
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.OrderInProcess, "ORDER", open,
                $"Order {open} of {subject.SubjectNumber} is in process: it must be decided or withdrawn before the filing is revoked.",
                $"{subject.SubjectNumber} 的备案申请 {open} 正在办理中，须办结或撤回后才能撤销备案。");
        }
    }
}
