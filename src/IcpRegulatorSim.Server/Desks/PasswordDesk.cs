using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Time;

namespace IcpRegulatorSim.Server.Desks;

public sealed record PasswordCheck(bool Valid, int RemainingAttempts);

public sealed record PasswordSent(string MaskedMobile, string MaskedEmail);

/// <summary>ICP filing passwords: checked for providers (a limited number of failures), reset for applicants.</summary>
public sealed class PasswordDesk(
    Writer writer, Database database, WorldClocks clocks, RuleBook rules, PasswordHasher hasher, PasswordPool passwords)
{
    public async Task<PasswordCheck> VerifyAsync(ProviderCaller caller, string subjectNumber, string password, CancellationToken cancellationToken)
    {
        var v = new Violations();
        var number = SubjectNumber(v, subjectNumber);
        v.Required("password", password);
        v.ThrowIfAny();
        var subject = Read(caller.WorldId, number);
        if (subject.PasswordChecksLocked(clocks.Now(caller.WorldId)))
        {
            throw Exhausted(subject, rules);
        }
        // The slow hash runs here, outside the writer; the writer only records the result.
        var matched = hasher.Verify(password, subject.PasswordHash);
        return await writer.RunAsync(caller.WorldId, s =>
        {
            var current = Find(s.Db, s.WorldId, number);
            if (current.PasswordChecksLocked(s.Now))
            {
                throw Exhausted(current, rules);
            }
            // A reset between the check and now makes the checked password stale.
            var valid = matched && current.PasswordHash == subject.PasswordHash;
            current.RecordPasswordCheck(valid, s.Now, rules.Passwords);
            RegistryStore.SaveDocument(s.Db, s.WorldId, current);
            return new PasswordCheck(valid, current.RemainingPasswordChecks(rules.Passwords));
        }, cancellationToken);
    }

    public async Task<PasswordSent> RetrieveAsync(string world, string subjectNumber, string leaderCertificateNumber, CancellationToken cancellationToken)
    {
        var v = new Violations();
        var number = SubjectNumber(v, subjectNumber);
        var certificate = TypedIdentifiers.Certificate(leaderCertificateNumber);
        v.Required("leader_certificate_number", certificate);
        v.ThrowIfAny();
        var known = Read(world, number);
        if (known.PasswordChecksLocked(clocks.Now(world)))
        {
            throw Exhausted(known, rules);
        }
        if (known.Subject.Leader.CertificateNumber != certificate)
        {
            // A wrong certificate number counts as a failed password check: guessing it is limited per day, as guessing the password is.
            await writer.RunAsync(world, s =>
            {
                var current = Find(s.Db, s.WorldId, number);
                current.RecordPasswordCheck(false, s.Now, rules.Passwords);
                RegistryStore.SaveDocument(s.Db, s.WorldId, current);
                return 0;
            }, cancellationToken);
            throw new RegulatorException(RegulatorErrors.IdentityMismatch);
        }
        var issued = passwords.Take();
        return await writer.RunAsync(world, s =>
        {
            var subject = Find(s.Db, s.WorldId, number);
            if (subject.PasswordChecksLocked(s.Now))
            {
                throw Exhausted(subject, rules);
            }
            subject.ResetPassword(issued.Hash, s.Now);
            RegistryStore.SaveDocument(s.Db, s.WorldId, subject);
            var leader = subject.Subject.Leader;
            s.Send("", [.. Notices.PasswordReset(rules, leader, subject.SubjectNumber, issued.Plain)], s.Now);
            return new PasswordSent(ContactChecks.MaskMobile(leader.Mobile), ContactChecks.MaskEmail(leader.Email));
        }, cancellationToken);
    }

    private FiledSubject Read(string world, string number) => database.Read(db => Find(db, world, number));

    private static FiledSubject Find(DbSession db, string world, string number) =>
        RegistryStore.FindByNumber(db, world, number)
        ?? throw RegulatorErrors.Unknown(RegulatorErrors.SubjectNotFound, number);

    private static string SubjectNumber(Violations v, string text)
    {
        if (!v.Required("subject_number", text.Trim()))
        {
            return "";
        }
        var number = IcpNumber.Parse(text);
        if (number is null || number.IsServiceNumber)
        {
            v.Add("subject_number", "INVALID_FORMAT", FieldTexts.PasswordSubjectNumber);
            return "";
        }
        return number.SubjectNumber;
    }

    public static RegulatorException Exhausted(FiledSubject subject, RuleBook rules) =>
        new(RegulatorErrors.PasswordChecksExhausted,
            preconditionViolations: [new PreconditionViolation("PASSWORD_CHECKS", subject.SubjectNumber,
                RefusalTexts.PasswordChecksExhausted(rules.Passwords.MaxFailedChecks, subject.PasswordLockedUntil))]);
}
