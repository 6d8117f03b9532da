using System.Security.Cryptography;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Domain.Time;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Time;

namespace IcpRegulatorSim.Server.Desks.PublicSecurity;

/// <summary>
/// A subject's account on the public-security platform: a code sent to a mobile (on the simulated phone), the account
/// registered with that code, and each later call's token found by its hash (the token is answered once). Codes to one
/// mobile are limited as the platform's page limits them (<see cref="PublicSecurityRules.RegistrationCodeInterval"/>,
/// <see cref="PublicSecurityRules.RegistrationCodesPerDay"/>): a code asked for too soon is refused with the delay after
/// which it would be sent.
/// </summary>
public sealed class AccountDesk(Writer writer, Database database, WorldClocks clocks, RuleBook rules, PublicSecurityRules platform, ISmsCodes codes)
{
    /// <summary>The token's prefix: a call's bearer value that begins with it is an account's token, not a key.</summary>
    public const string TokenPrefix = "psb-";

    /// <summary>Sends a registration code to the mobile (a new one replaces the last); returns when another may be asked.</summary>
    public Task<TimeSpan> SendCodeAsync(string world, string mobile, CancellationToken cancellationToken)
    {
        var v = new Violations();
        mobile = TypedIdentifiers.Normalize(mobile);
        CheckMobile(v, mobile);
        v.ThrowIfAny();
        return writer.RunAsync(world, s =>
        {
            if (PublicSecurityStore.FindAccountByMobile(s.Db, s.WorldId, mobile) is not null)
            {
                throw new RegulatorException(RegulatorErrors.PublicSecurityAccountExists);
            }
            var sendsThatDay = SendsThatDay(PublicSecurityStore.FindRegistrationCode(s.Db, s.WorldId, mobile), mobile, s.Now);
            var code = codes.NewCode();
            PublicSecurityStore.SaveRegistrationCode(s.Db, s.WorldId, mobile, codes.Hash(CodeKey(mobile), 0, code), s.Now, sendsThatDay);
            s.Send(CodeKey(mobile), [PublicSecurityNotices.RegistrationCode(rules, mobile, code, s.Now + rules.Sms.Validity)], s.Now);
            return platform.RegistrationCodeInterval;
        }, cancellationToken);
    }

    /// <summary>
    /// How many codes the mobile will have received today with this one; RESOURCE_EXHAUSTED, with the delay to wait, when
    /// the last was sent less than the interval ago or today's are all sent.
    /// </summary>
    private int SendsThatDay(RegistrationCodeRow? last, string mobile, DateTimeOffset now)
    {
        if (last is null)
        {
            return 1;
        }
        var wait = last.SentAt + platform.RegistrationCodeInterval - now;
        if (wait > TimeSpan.Zero)
        {
            throw Limit(mobile, wait, PublicSecurityTexts.CodeSentRecently(wait));
        }
        var today = BeijingTime.DateOf(now);
        if (BeijingTime.DateOf(last.SentAt) != today)
        {
            return 1;
        }
        return last.SendsThatDay < platform.RegistrationCodesPerDay
            ? last.SendsThatDay + 1
            : throw Limit(mobile, BeijingTime.StartOf(today.AddDays(1)) - now, PublicSecurityTexts.CodesPerDayReached(platform.RegistrationCodesPerDay));
    }

    private static RegulatorException Limit(string mobile, TimeSpan wait, PageMessage text) =>
        new(RegulatorErrors.RegistrationCodeLimit, preconditionViolations: [new PreconditionViolation("REGISTRATION_CODE", mobile, text)])
        {
            RetryAfter = wait,
        };

    /// <summary>Registers the subject's account with the code sent to its mobile; returns the account and its token.</summary>
    public Task<(PublicSecurityAccount Account, string Token)> RegisterAsync(
        string world, Subject subject, string mobile, string code, string email, CancellationToken cancellationToken)
    {
        var v = new Violations();
        var checkedSubject = WebsiteFilingValidator.Subject(subject, rules, BeijingTime.DateOf(clocks.Now(world)), v);
        mobile = TypedIdentifiers.Normalize(mobile);
        CheckMobile(v, mobile);
        v.Required("code", code.Trim());
        email = TypedIdentifiers.Normalize(email);
        if (email.Length > 0 && (email.Length > FilingValidator.MaxEmailLength || !ContactChecks.IsEmail(email)))
        {
            v.Add("email", "INVALID_FORMAT", FieldTexts.Email);
        }
        v.ThrowIfAny();
        return writer.RunAsync(world, s =>
        {
            var sent = PublicSecurityStore.FindRegistrationCode(s.Db, s.WorldId, mobile);
            if (sent is null || sent.SentAt + rules.Sms.Validity < s.Now)
            {
                throw RegulatorErrors.Invalid("code", "NO_CODE_SENT", PublicSecurityTexts.NoCodeSent);
            }
            if (!codes.Hash(CodeKey(mobile), 0, code.Trim()).AsSpan().SequenceEqual(sent.CodeHash))
            {
                throw RegulatorErrors.Invalid("code", "WRONG_CODE", PublicSecurityTexts.WrongCode);
            }
            if (PublicSecurityStore.FindAccountByMobile(s.Db, s.WorldId, mobile) is not null)
            {
                throw new RegulatorException(RegulatorErrors.PublicSecurityAccountExists);
            }
            var token = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var account = PublicSecurityAccount.Register(s.TakePublicSecurityAccountId(), checkedSubject, mobile, email, token, s.Now);
            PublicSecurityStore.AddAccount(s.Db, s.WorldId, account);
            PublicSecurityStore.DeleteRegistrationCode(s.Db, s.WorldId, mobile);
            return (account, token);
        }, cancellationToken);
    }

    /// <summary>The account whose token a call carries; UNAUTHENTICATED when there is none or it is no account's.</summary>
    public PublicSecurityAccount Authenticate(string world, string token) =>
        token.StartsWith(TokenPrefix, StringComparison.Ordinal)
        && database.Read(db => PublicSecurityStore.FindAccountByToken(db, world, PublicSecurityAccount.HashOf(token))) is { } account
        && account.Holds(token)
            ? account
            : throw new RegulatorException(RegulatorErrors.Unauthenticated,
                detailEn: PublicSecurityTexts.AccountTokenRequired.En, detailZh: PublicSecurityTexts.AccountTokenRequired.Zh);

    private void CheckMobile(Violations v, string mobile)
    {
        v.Mobile("mobile", mobile);
        if (ContactChecks.IsMobile(mobile) && rules.CarrierOf(mobile) is null)
        {
            v.Add("mobile", "UNKNOWN_PREFIX", FieldTexts.UnknownMobilePrefix(mobile[..3]));
        }
    }

    // What a registration code is hashed with, and its messages filed under in the outbox: the mobile it was sent to.
    private static string CodeKey(string mobile) => $"psb-register:{mobile}";
}
