using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Domain.Time;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Storage;
using IcpRegulatorSim.Server.Time;

namespace IcpRegulatorSim.Server.Desks;

/// <param name="Scenario">The x-icp-scenario header as sent, if the call carried one.</param>
public sealed record SubmitCommand(string IdempotencyKey, byte[] RequestHash, OrderRequest Request, string? Scenario);

public sealed record Submission(FilingOrder Order, bool Replayed);

public sealed record TypeQuestion(int CertificateType, string CertificateNumber, string Province, string? Domain, string? AppPackageName);

/// <summary>The regulator's intake of filing orders from access providers.</summary>
public sealed class FilingDesk(
    Writer writer, Database database, WorldClocks clocks, RuleBook rules, PasswordHasher hasher, RegulatorOptions options, ChangeFeed feed,
    ISmsCodes codes)
{
    public const int MaxIdempotencyKeyLength = 200;

    public async Task<Submission> SubmitAsync(ProviderCaller caller, SubmitCommand command, CancellationToken cancellationToken)
    {
        // Every problem of the request at once: the key, the scenario header, and the order itself.
        var v = new Violations();
        CheckIdempotencyKey(v, command.IdempotencyKey);
        var scenario = command.Scenario is { } header ? OrderScenario.ParseHeader(header, OrderScenario.Header, v) : OrderScenario.None;
        var request = OrderValidator.Normalize(command.Request, rules, BeijingTime.DateOf(await clocks.NowAsync(caller.WorldId, cancellationToken)), v);
        var password = request.Type.NeedsPassword() ? CheckPassword(caller.WorldId, request) : null;
        var provider = new ProviderInfo(caller.ProviderId, caller.Province);
        // An order that names its subject by certificate reads its lookups first, and may have them read with its
        // batch's others; one that names it by number finds the subject first.
        var lookups = request.SubjectNumber.Length == 0 && request.ServiceNumbers.Count == 0
            ? AdmissionStore.Declare(caller.WorldId, caller.ProviderId, command.IdempotencyKey, request.Subject?.Key ?? "", [.. request.Identifiers],
                Mobiles(request))
            : null;
        var (submission, refusal) = await writer.RunAsync(caller.WorldId, s =>
        {
            var (first, facts) = Facts(s, caller.ProviderId, command.IdempotencyKey, request, lookups);
            if (first is not null)
            {
                return (Replay(first, command), null);
            }
            var admitted = Admission.Admit(request, facts, provider, rules, new RegistryPolicy(options.TrustUnknownDomains, s.Now), scenario);
            if (password is not null && RecordPasswordCheck(s, facts.Subject!, password) is { } wrong)
            {
                // The failed check is kept (it counts toward the limit); the order is not.
                return ((Submission?)null, wrong);
            }
            var order = FilingOrder.Submit(s.TakeOrderId(), caller.ProviderId, admitted, s.Now, rules, s.Planner(rules));
            var document = s.Save(order, isNew: true);
            IdempotencyStore.Record(s.Db, s.WorldId, caller.ProviderId, command.IdempotencyKey, command.RequestHash, document, s.Now);
            return (new Submission(order, Replayed: false), (RegulatorException?)null);
        }, lookups, cancellationToken);
        return submission ?? throw refusal!;
    }

    /// <summary>The "verify filing type" step: what an order for this subject and domain or app would be.</summary>
    public Determination Determine(ProviderCaller caller, TypeQuestion question)
    {
        var v = new Violations();
        var certificate = TypedIdentifiers.Certificate(question.CertificateNumber);
        v.Required("certificate_number", certificate);
        if (rules.CodeTables.SubjectCertificateType(question.CertificateType) is null
            && rules.CodeTables.LeaderCertificateType(question.CertificateType) is null)
        {
            v.Add("certificate_type", "UNKNOWN_CODE", FieldTexts.UnknownCertificateType(question.CertificateType));
        }
        var province = rules.FindProvince(question.Province);
        if (province is null)
        {
            v.Add("province", question.Province.Trim().Length == 0 ? "REQUIRED" : "UNKNOWN_PROVINCE", FieldTexts.UnknownProvince(question.Province));
        }
        var identifier = Identifier(question, v);
        v.ThrowIfAny();
        // The lookups of a submission, without an idempotency key: the filed subject, its order in process, the holders.
        var facts = Read(db => AdmissionStore.Gather(db, caller.WorldId, caller.ProviderId, idempotencyKey: "", certificate, [identifier!]));
        // Another subject's claim decides; else this subject's own filed service, if any.
        var holder = facts.Holders.FirstOrDefault(h => h.SubjectKey != certificate) ?? facts.Holders.FirstOrDefault(h => h.ServiceNumber is not null);
        return Admission.Determine(facts.Subject, holder, certificate, province!.Id, new ProviderInfo(caller.ProviderId, caller.Province), facts.OpenOrderId);
    }

    public FilingOrder Get(ProviderCaller caller, string orderId) =>
        Owned(caller, Read(db => OrderStore.Find(db, caller.WorldId, orderId)), orderId);

    public IReadOnlyList<FilingOrder> List(ProviderCaller caller, OrderStatus status, string after, int limit) =>
        Read(db => OrderStore.ListByProvider(db, caller.WorldId, caller.ProviderId, status, after, limit));

    public const int EventPage = 500;

    /// <summary>This provider's events after <paramref name="after"/>: those stored, then each new batch as it commits.</summary>
    public IAsyncEnumerable<EventRow> WatchAsync(ProviderCaller caller, long after, CancellationToken cancellationToken) =>
        feed.FollowAsync((from, limit) => Read(db => EventStore.List(db, caller.WorldId, caller.ProviderId, from, limit)), row => row.Seq,
            after, EventPage, cancellationToken);

    public Task<FilingOrder> WithdrawAsync(ProviderCaller caller, string orderId, CancellationToken cancellationToken) =>
        writer.RunAsync(caller.WorldId, s =>
        {
            var order = Owned(caller, OrderStore.Find(s.Db, s.WorldId, orderId), orderId);
            order.Withdraw(s.Now, rules);
            s.Save(order, isNew: false);
            return order;
        }, cancellationToken);

    /// <summary>A cancellation's validation person gets the code on another mobile (see FilingOrder.UpdateValidationMobile).</summary>
    public Task<FilingOrder> UpdateValidationMobileAsync(
        ProviderCaller caller, string orderId, string mobile, string newMobile, CancellationToken cancellationToken)
    {
        var v = new Violations();
        orderId = v.Id("order_id", orderId);
        (mobile, newMobile) = (TypedIdentifiers.Normalize(mobile), TypedIdentifiers.Normalize(newMobile));
        v.Mobile("mobile", mobile);
        v.Mobile("new_mobile", newMobile);
        if (mobile.Length > 0 && mobile == newMobile)
        {
            v.Add("new_mobile", "UNCHANGED", FieldTexts.NewMobileUnchanged);
        }
        v.ThrowIfAny();
        return writer.RunAsync(caller.WorldId, s =>
        {
            var order = Owned(caller, OrderStore.Find(s.Db, s.WorldId, orderId), orderId);
            order.UpdateValidationMobile(mobile, newMobile, codes, s.Now, rules);
            s.Save(order, isNew: false);
            return order;
        }, cancellationToken);
    }

    /// <summary>Every mobile the order may send a code to: its entity leader's and its services' administrators'.</summary>
    private static IEnumerable<string> Mobiles(OrderRequest request) =>
        (request.Subject is { } subject ? [subject.Leader.Mobile] : Enumerable.Empty<string>())
            .Concat(request.Services.Select(s => s.Administrator.Mobile))
            .Select(TypedIdentifiers.Normalize)
            .Distinct(StringComparer.Ordinal);

    /// <summary>The first answer to the key, if any, and what the registry says about the order's subject, services, domains and apps.</summary>
    private static (IdempotentAnswer? First, AdmissionFacts Facts) Facts(
        WriteSession s, string providerId, string idempotencyKey, OrderRequest request, DeclaredRead<Gathered>? lookups)
    {
        FiledSubject? subject = null;
        var key = request.Subject?.Key;
        if (request.SubjectNumber.Length > 0 || request.ServiceNumbers.Count > 0)
        {
            // The order names its subject by number: find it first, then gather the rest by its certificate.
            subject = request.SubjectNumber.Length > 0
                ? RegistryStore.FindByNumber(s.Db, s.WorldId, request.SubjectNumber)
                : RegistryStore.FindByServiceNumber(s.Db, s.WorldId, request.ServiceNumbers[0])
                  ?? throw RegulatorErrors.Refuse(RegulatorErrors.ServiceNotFound, "SERVICE", request.ServiceNumbers[0],
                      RefusalTexts.NoSuchService(request.ServiceNumbers[0]));
            key = subject?.Subject.Key ?? key;
        }
        var identifiers = request.Identifiers.ToList();
        var gathered = lookups?.Take(s) ?? AdmissionStore.Gather(s.Db, s.WorldId, providerId, idempotencyKey, key ?? "", identifiers);
        subject ??= gathered.Subject;
        var domains = request.Services.SelectMany(d => d.Domains).ToList();
        var registry = s.MayHaveRegistryFixtures()
            ? DomainRegistryStore.Facts(s.Db, s.WorldId, domains, [key ?? ""])
            : RegistryFacts.None;
        return (gathered.Answer, new AdmissionFacts(subject, gathered.OpenOrderId, gathered.Holders, registry));
    }

    /// <summary>The slow password hash, checked before the writer sees the order; the writer only records the result.</summary>
    private CheckedPassword? CheckPassword(string world, OrderRequest request)
    {
        var subject = Read(db => request.SubjectNumber.Length > 0
            ? RegistryStore.FindByNumber(db, world, request.SubjectNumber)
            : RegistryStore.FindByServiceNumber(db, world, request.ServiceNumbers[0]));
        return subject is null ? null : new CheckedPassword(subject.PasswordHash, hasher.Verify(request.FilingPassword, subject.PasswordHash));
    }

    private RegulatorException? RecordPasswordCheck(WriteSession s, FiledSubject subject, CheckedPassword password)
    {
        if (subject.PasswordChecksLocked(s.Now))
        {
            return PasswordDesk.Exhausted(subject, rules);
        }
        // A reset between the check and now makes the checked password stale.
        var valid = password.Matched && password.AgainstHash == subject.PasswordHash;
        subject.RecordPasswordCheck(valid, s.Now, rules.Passwords);
        RegistryStore.SaveDocument(s.Db, s.WorldId, subject);
        return valid
            ? null
            : RegulatorErrors.Refuse(RegulatorErrors.WrongFilingPassword, "FILING_PASSWORD", subject.SubjectNumber,
                RefusalTexts.PasswordChecksLeft(subject.RemainingPasswordChecks(rules.Passwords)));
    }

    private static string? Identifier(TypeQuestion question, Violations v)
    {
        if (question.AppPackageName is { } package)
        {
            return v.Required("app_package_name", package.Trim()) ? AppInfo.IdentifierOf(package.Trim()) : null;
        }
        var domain = DomainNames.Normalize(question.Domain ?? "");
        if (domain is null)
        {
            v.Add("domain", string.IsNullOrWhiteSpace(question.Domain) ? "REQUIRED" : "INVALID_FORMAT", FieldTexts.DomainOrPackage);
        }
        return domain;
    }

    private T Read<T>(Func<DbSession, T> query) => database.Read(query);

    // A provider sees only its own orders; another provider's order is as good as absent.
    private static FilingOrder Owned(ProviderCaller caller, FilingOrder? order, string orderId) =>
        order is not null && order.ProviderId == caller.ProviderId
            ? order
            : throw RegulatorErrors.Unknown(RegulatorErrors.OrderNotFound, orderId);

    private static Submission Replay(IdempotentAnswer answer, SubmitCommand command) =>
        answer.RequestHash.AsSpan().SequenceEqual(command.RequestHash)
            ? new Submission(answer.Order, Replayed: true)
            : throw RegulatorErrors.Refuse(RegulatorErrors.IdempotencyKeyReused, "IDEMPOTENCY_KEY", command.IdempotencyKey,
                RefusalTexts.IdempotencyKeyReused(answer.Order.OrderId));

    private static void CheckIdempotencyKey(Violations v, string key)
    {
        if (key.Length == 0)
        {
            v.Add("idempotency_key", "REQUIRED", FieldTexts.IdempotencyKeyRequired);
        }
        if (key.Length > MaxIdempotencyKeyLength)
        {
            v.Add("idempotency_key", "TOO_LONG", FieldTexts.TooLong(MaxIdempotencyKeyLength));
        }
    }

    private sealed record CheckedPassword(string AgainstHash, bool Matched);
}
