using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;
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
public sealed class SupervisionDesk(Writer writer, Database database, RuleBook rules, Supervisor supervisor)
{
    /// <summary>The filed subject a number names: its own number, or one of its services'.</summary>
    public FiledSubject? Find(string world, string number) =>
        database.Read(db => RegistryStore.FindByNumber(db, world, number.Trim()) ?? RegistryStore.FindByServiceNumber(db, world, number.Trim()));

    public const int MaxReasonLength = 500;

    public Task<StandingView> RestrictAsync(string world, string serviceNumber, string reason, CancellationToken cancellationToken) =>
        ActAsync(world, serviceNumber, reason, SupervisionAction.Restrict, (subject, number, why, now) => subject.Restrict(number, why!, now),
            cancellationToken);

    public Task<StandingView> LiftRestrictionAsync(string world, string serviceNumber, string reason, CancellationToken cancellationToken) =>
        ActAsync(world, serviceNumber, reason, SupervisionAction.LiftRestriction, (subject, number, _, now) => subject.LiftRestriction(number, now),
            cancellationToken);

    /// <summary>
    /// Opens a spot check (核查) on a service: its providers answer, or correct the data with a CHANGE order, within
    /// <paramref name="answerWithin"/> (the rules' time when null), or the service is restricted.
    /// </summary>
    public Task<StandingView> OpenSpotCheckAsync(
        string world, string serviceNumber, string reason, TimeSpan? answerWithin, CancellationToken cancellationToken)
    {
        if (answerWithin is { } within && (within <= TimeSpan.Zero || within > MaxAnswerTime))
        {
            throw RegulatorErrors.Invalid("answer_within", "OUT_OF_RANGE", FieldTexts.AnswerWithin(MaxAnswerTime));
        }
        return ActAsync(world, serviceNumber, reason, SupervisionAction.OpenSpotCheck,
            (subject, number, why, now) => subject.OpenSpotCheck(number, why!, now + (answerWithin ?? rules.Supervision.SpotCheckAnswerTime), now),
            cancellationToken);
    }

    /// <summary>Closes a service's spot check: the administration accepts the providers' answer.</summary>
    public Task<StandingView> CloseSpotCheckAsync(string world, string serviceNumber, string reason, CancellationToken cancellationToken) =>
        ActAsync(world, serviceNumber, reason, SupervisionAction.CloseSpotCheck, (subject, number, _, now) => subject.CloseSpotCheck(number, now),
            cancellationToken);

    /// <summary>
    /// One action on one filed service, in the writer: the service's subject found, the action taken, the subject and
    /// every provider of the service told, the subject saved with its deadlines. Every action says why, but for closing
    /// a spot check (the answer is the reason).
    /// </summary>
    private Task<StandingView> ActAsync(
        string world, string serviceNumber, string reason, SupervisionAction action,
        Func<FiledSubject, string, AdministrativeReason?, DateTimeOffset, FiledService> act, CancellationToken cancellationToken)
    {
        var required = action is not SupervisionAction.CloseSpotCheck;
        var (number, why) = Check("service_number", serviceNumber, reason, reasonRequired: required);
        return writer.RunAsync(world, s =>
        {
            var subject = SubjectOf(s, number);
            var service = act(subject, number, why, s.Now);
            supervisor.Announce(s, subject, [service], action, why);
            supervisor.Save(s, subject);
            return new StandingView(subject.SubjectNumber, service, service.Standing);
        }, cancellationToken);
    }

    /// <summary>The longest a spot check may give its providers to answer.</summary>
    public static readonly TimeSpan MaxAnswerTime = TimeSpan.FromDays(365);

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
            supervisor.Announce(s, subject, revoked, SupervisionAction.Revoke, why);
            // A subject left without services is gone with them; its number, like theirs, is never issued again.
            supervisor.Save(s, subject);
            return new Revocation(subject.SubjectNumber, revoked.Select(x => x.Number).ToList(), subject.Services.Count == 0);
        }, cancellationToken);
    }

    private (string Number, AdministrativeReason? Reason) Check(string field, string number, string reason, bool reasonRequired)
    {
        var v = new Violations();
        var trimmed = v.Id(field, number);
        if (reasonRequired && string.IsNullOrWhiteSpace(reason))
        {
            v.Add("reason", "REQUIRED", FieldTexts.AdministrationReason);
        }
        v.MaxLength("reason", reason.Trim(), MaxReasonLength);
        v.ThrowIfAny();
        return (trimmed, string.IsNullOrWhiteSpace(reason) ? null : rules.CodeTables.AdministrativeReason(reason));
    }

    private static FiledSubject SubjectOf(WriteSession s, string serviceNumber) =>
        RegistryStore.FindByServiceNumber(s.Db, s.WorldId, serviceNumber)
        ?? throw RegulatorErrors.Refuse(RegulatorErrors.ServiceNotFound, "SERVICE", serviceNumber, RefusalTexts.NoSuchSubjectOrService(serviceNumber));

    // An order in process would be decided against a filing that is gone: it is withdrawn or decided first.
    private static void RequireNoOrderInProcess(WriteSession s, FiledSubject subject)
    {
        if (Supervisor.OrderInProcess(s, subject) is { } open)
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.OrderInProcess, "ORDER", open, RefusalTexts.OrderInProcessBeforeRevocation(open, subject.SubjectNumber));
        }
    }
}
