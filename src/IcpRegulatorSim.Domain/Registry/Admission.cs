using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Domain.Registry;

/// <summary>Who holds a domain or app: a filed subject's service, or an order in process (no service number yet).</summary>
public sealed record IdentifierHolder(string Identifier, string SubjectKey, string? ServiceNumber);

/// <summary>The access provider filing the order, and its province.</summary>
public sealed record ProviderInfo(string ProviderId, string? Province);

/// <summary>What the registry says about an order's subject and services, gathered by the store.</summary>
/// <param name="Subject">The filed subject the order is about (by number, by service number, or by certificate), if any.</param>
/// <param name="OpenOrderId">An order of the same subject still in process.</param>
/// <param name="Holders">Holders of the order's domains and apps.</param>
/// <param name="Registry">Registrations of the order's domains and the blacklist entries that concern it.</param>
public sealed record AdmissionFacts(FiledSubject? Subject, string? OpenOrderId, IReadOnlyList<IdentifierHolder> Holders, RegistryFacts Registry);

/// <summary>How strict the domain registry checks are: a sandbox may trust domains it has no registration for.</summary>
public sealed record RegistryPolicy(bool TrustUnknownDomains, DateTimeOffset Now);

/// <summary>
/// An order the regulator accepts: its type, the data it is about (for orders on filed services, the filed data
/// itself), and the filed subject and services it concerns.
/// </summary>
public sealed record AdmittedOrder(FilingType Type, Filing Filing, string? SubjectNumber, IReadOnlyList<string> ServiceNumbers)
{
    /// <summary>The sandbox scenario forced on the order: from the request's header, else from the subject's magic email.</summary>
    public OrderScenario Scenario { get; init; } = OrderScenario.None;
}

/// <summary>The rules of state an order must pass, and the filing type the regulator determines.</summary>
public static class Admission
{
    public static AdmittedOrder Admit(
        OrderRequest request, AdmissionFacts facts, ProviderInfo provider, RuleBook rules, RegistryPolicy policy, OrderScenario? scenario = null)
    {
        if (facts.OpenOrderId is { } open)
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.OrderInProcess, "ORDER_IN_PROCESS", open, RefusalTexts.OrderInProcess(open));
        }
        var filed = facts.Subject;
        var type = request.Type == FilingType.Unspecified
            ? (filed is null ? FilingType.Initial : FilingType.AddService)
            : request.Type;
        if (request.SubjectNumber.Length > 0 && filed is null)
        {
            throw RegulatorErrors.Unknown(RegulatorErrors.SubjectNotFound, request.SubjectNumber);
        }
        if (filed is null && type != FilingType.Initial)
        {
            throw Mismatch(type, FilingType.Initial, RefusalTexts.SubjectNotFiled);
        }
        if (filed is not null && type == FilingType.Initial)
        {
            throw Mismatch(type, DeterminedForFiled(filed, request, facts, provider), RefusalTexts.SubjectFiledAs(filed.SubjectNumber));
        }
        var subject = filed?.Subject ?? request.Subject!;
        var province = rules.Province(subject.Province);
        if (request.Subject is { } given && given.Province != province.Id)
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.ProvinceChange, "PROVINCE", given.Province, RefusalTexts.FiledInProvince(filed?.SubjectNumber, province));
        }
        if (rules.Access.OwnProvinceOnly && provider.Province is { } own && own != province.Id)
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.ProviderProvince, "PROVINCE", province.Id, RefusalTexts.ProviderProvince(own, province));
        }
        if (type.IsChange() && !province.ChangesAllowed)
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.ChangesNotAccepted, "PROVINCE", province.Id, RefusalTexts.ChangesNotAccepted(province));
        }
        RefuseHeldIdentifiers(request, facts, subject.Key);
        var forced = (scenario ?? OrderScenario.None).Or(OrderScenario.ParseEmail(subject.Leader.Email, $"{OrderRequest.FilingPath}.subject.leader.email"));
        var blacklisted = forced.Blacklisted ? facts.Registry.Blacklisted.Append(subject.Key).ToHashSet() : facts.Registry.Blacklisted;
        // The data the order files: the filed subject's when the order carries none.
        RegistryChecks.RefuseBlacklisted(request, request.Subject ?? subject, blacklisted, facts.Registry, policy, rules);

        var admitted = type switch
        {
            FilingType.Initial => new AdmittedOrder(type, new Filing(request.Subject!, request.Services), null, []),
            FilingType.AddService => AddService(request, filed!, facts, provider),
            FilingType.AddAccess => AddAccess(request, filed!, provider),
            FilingType.ChangeSubject or FilingType.ChangeService or FilingType.ChangeBoth => Change(type, request, filed!, provider),
            FilingType.CancelSubject => Cancel(type, filed!, filed!.Services, provider, anyHosted: true),
            FilingType.CancelService => CancelServices(request, filed!, provider),
            FilingType.CancelAccess => CancelAccess(request, filed!, provider, rules),
            _ => throw new ArgumentOutOfRangeException(nameof(request), type, "Unknown filing type."),
        };
        if (request.Services.Count > 0)
        {
            // New service data: names against the subject's nature (the validator could not know a filed subject's),
            // and domains against the registry.
            if (request.Subject is null)
            {
                var v = new Checks.Violations();
                Checks.FilingValidator.CheckNames(admitted.Filing.Services, admitted.Filing.Subject, rules, v.Under(OrderRequest.FilingPath));
                v.ThrowIfAny();
            }
            RegistryChecks.Check(admitted.Filing.Services, admitted.Filing.Subject, facts.Registry, policy, rules);
        }
        return admitted with { Scenario = forced };
    }

    /// <summary>What a provider's order for this subject and domain or app would be: the "verify filing type" step.</summary>
    public static Determination Determine(FiledSubject? filed, IdentifierHolder? holder, string subjectKey, string province, ProviderInfo provider, string? openOrder)
    {
        if (holder is not null && holder.SubjectKey != subjectKey)
        {
            return new Determination(Verdict.FiledUnderAnotherSubject, FilingType.Unspecified, filed?.SubjectNumber, null, false, openOrder,
                RegulatorErrors.DomainConflict.NumericCode);
        }
        if (filed is not null && filed.Subject.Province != province)
        {
            return new Determination(Verdict.ProvinceMismatch, FilingType.Unspecified, filed.SubjectNumber, holder?.ServiceNumber, false, openOrder,
                RegulatorErrors.ProvinceChange.NumericCode);
        }
        if (filed is not null && holder?.ServiceNumber is { } number)
        {
            var hosted = filed.FindService(number)?.AccessProviders.Contains(provider.ProviderId) == true;
            return hosted
                ? new Determination(Verdict.AlreadyHosted, FilingType.Unspecified, filed.SubjectNumber, number, false, openOrder, null)
                : new Determination(Verdict.Filable, FilingType.AddAccess, filed.SubjectNumber, number, true, openOrder, null);
        }
        var type = filed is null ? FilingType.Initial : FilingType.AddService;
        return new Determination(Verdict.Filable, type, filed?.SubjectNumber, null, false, openOrder, null);
    }

    private static AdmittedOrder AddService(OrderRequest request, FiledSubject filed, AdmissionFacts facts, ProviderInfo provider)
    {
        var own = facts.Holders.Where(h => h.SubjectKey == filed.Subject.Key && h.ServiceNumber is not null).ToList();
        if (own.Count > 0)
        {
            // The domain is this subject's already: the order adds access to it, or is not needed at all.
            throw Mismatch(FilingType.AddService, DeterminedForFiled(filed, request, facts, provider),
                RefusalTexts.IdentifierFiledAs(own[0].Identifier, own[0].ServiceNumber));
        }
        if (request.Subject != filed.Subject)
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.FiledDataModified, "SUBJECT", filed.SubjectNumber, RefusalTexts.AddServiceSubjectAsFiled);
        }
        return new AdmittedOrder(FilingType.AddService, new Filing(filed.Subject, request.Services), filed.SubjectNumber, []);
    }

    private static AdmittedOrder AddAccess(OrderRequest request, FiledSubject filed, ProviderInfo provider)
    {
        var services = Targets(request.ServiceNumbers, filed);
        foreach (var service in services)
        {
            if (service.AccessProviders.Contains(provider.ProviderId))
            {
                throw RegulatorErrors.Refuse(RegulatorErrors.AlreadyHosted, "SERVICE", service.Number, RefusalTexts.HostedHere(service.Number));
            }
            // Under 限制接入 no provider may serve the service: none may take it on until the restriction is lifted.
            Supervision.Next(service.Standing, SupervisionAction.AddAccess, service.SpotCheck is not null);
        }
        return Concerning(FilingType.AddAccess, filed, filed.Subject, services.Select(filed.OrderDataOf).ToList());
    }

    private static AdmittedOrder Change(FilingType type, OrderRequest request, FiledSubject filed, ProviderInfo provider)
    {
        if (request.Subject is { } changed && changed.Key != filed.Subject.Key)
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.CertificateChange, "CERTIFICATE", changed.Key,
                RefusalTexts.CertificateFiled(filed.SubjectNumber, filed.Subject.Key));
        }
        var targets = Targets(request.Services.Select(s => s.ServiceNumber), filed);
        RequireHosted(targets.Count > 0 ? targets : filed.Services, provider, anyHosted: targets.Count == 0);
        foreach (var (target, data) in targets.Zip(request.Services))
        {
            if (target.Service.Kind != data.Kind)
            {
                throw RegulatorErrors.Refuse(RegulatorErrors.FiledDataModified, "SERVICE_KIND", target.Number, RefusalTexts.KindChange);
            }
        }
        return Concerning(type, filed, request.Subject ?? filed.Subject, request.Services);
    }

    private static AdmittedOrder CancelServices(OrderRequest request, FiledSubject filed, ProviderInfo provider)
    {
        var services = Targets(request.ServiceNumbers, filed);
        if (services.Count == filed.Services.Count)
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.LastService, "SUBJECT", filed.SubjectNumber, RefusalTexts.CancelsEveryService(filed.SubjectNumber));
        }
        return Cancel(FilingType.CancelService, filed, services, provider, anyHosted: false);
    }

    /// <summary>
    /// CANCEL_SERVICE and CANCEL_SUBJECT come from a provider that hosts what they cancel: every service named (a
    /// service), or any one of them (a subject). An empty shell (空壳网站) is the exception: no provider hosts it, and
    /// its subject must cancel and file again, so it cancels through the provider it now goes to, whichever that is.
    /// Only the empty shells are exempt: a service another provider hosts still needs that provider, and a subject with
    /// any hosted service needs one of its providers.
    /// </summary>
    private static AdmittedOrder Cancel(FilingType type, FiledSubject filed, IReadOnlyList<FiledService> services, ProviderInfo provider, bool anyHosted)
    {
        RequireHosted(services.Where(s => !s.IsEmptyShell).ToList(), provider, anyHosted);
        return Concerning(type, filed, filed.Subject, services.Select(filed.OrderDataOf).ToList());
    }

    private static AdmittedOrder CancelAccess(OrderRequest request, FiledSubject filed, ProviderInfo provider, RuleBook rules)
    {
        var services = Targets(request.ServiceNumbers, filed);
        RequireHosted(services, provider, anyHosted: false);
        var alone = services.FirstOrDefault(s => s.AccessProviders.Count == 1);
        if (alone is not null && !rules.Access.EmptyShellAllowed)
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.EmptyShell, "SERVICE", alone.Number, RefusalTexts.NoOtherProvider(alone.Number));
        }
        return Concerning(FilingType.CancelAccess, filed, filed.Subject, services.Select(filed.OrderDataOf).ToList());
    }

    private static AdmittedOrder Concerning(FilingType type, FiledSubject filed, Subject subject, IReadOnlyList<Service> services) =>
        new(type, new Filing(subject, services), filed.SubjectNumber, services.Select(s => s.ServiceNumber).ToList());

    /// <summary>The filed services an order names; every one must belong to the order's subject.</summary>
    private static List<FiledService> Targets(IEnumerable<string> numbers, FiledSubject filed) =>
        numbers.Select(number => filed.FindService(number)
                ?? throw RegulatorErrors.Refuse(RegulatorErrors.ServiceNotFound, "SERVICE", number, RefusalTexts.NotTheSubjectsService(filed.SubjectNumber, number)))
            .ToList();

    private static void RequireHosted(IReadOnlyList<FiledService> services, ProviderInfo provider, bool anyHosted)
    {
        var hosted = services.Where(s => s.AccessProviders.Contains(provider.ProviderId)).ToList();
        var missing = anyHosted ? (hosted.Count == 0 ? services.FirstOrDefault() : null) : services.Except(hosted).FirstOrDefault();
        if (missing is not null)
        {
            throw RegulatorErrors.Refuse(RegulatorErrors.ServiceNotHosted, "SERVICE", missing.Number, RefusalTexts.NotHostedBy(missing.Number, provider.ProviderId));
        }
    }

    private static void RefuseHeldIdentifiers(OrderRequest request, AdmissionFacts facts, string subjectKey)
    {
        var changed = request.Services.Select(s => s.ServiceNumber).Where(n => n.Length > 0).ToHashSet();
        // Held by another subject, or by another service of this subject than the one this order changes.
        var conflicts = facts.Holders
            .Where(h => h.SubjectKey != subjectKey || (h.ServiceNumber is { } n && request.Type.IsChange() && !changed.Contains(n)))
            .Select(h => h.Identifier)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (conflicts.Count > 0)
        {
            throw new RegulatorException(RegulatorErrors.DomainConflict,
                preconditionViolations: conflicts.Select(d => new PreconditionViolation("DOMAIN_CONFLICT", d, RefusalTexts.IdentifierHeld(d))).ToList());
        }
    }

    private static FilingType DeterminedForFiled(FiledSubject filed, OrderRequest request, AdmissionFacts facts, ProviderInfo provider)
    {
        var own = facts.Holders.FirstOrDefault(h => h.SubjectKey == filed.Subject.Key && h.ServiceNumber is not null);
        if (own is null)
        {
            return FilingType.AddService;
        }
        var d = Determine(filed, own, filed.Subject.Key, filed.Subject.Province, provider, null);
        return d.Verdict == Verdict.Filable ? d.Type : FilingType.ChangeService;
    }

    private static RegulatorException Mismatch(FilingType requested, FilingType determined, PageMessage why)
    {
        var detail = RefusalTexts.Determined(determined);
        return new(RegulatorErrors.FilingTypeMismatch,
            preconditionViolations: [new PreconditionViolation("FILING_TYPE", ContractNames.Of(determined), RefusalTexts.TypeMismatch(requested, determined, why))],
            detailEn: detail.En, detailZh: detail.Zh);
    }
}

public enum Verdict
{
    Unspecified = 0,
    Filable = 1,
    FiledUnderAnotherSubject = 2,
    AlreadyHosted = 3,
    ProvinceMismatch = 4,
}

/// <summary>The answer of the "verify filing type" step.</summary>
public sealed record Determination(
    Verdict Verdict, FilingType Type, string? SubjectNumber, string? ServiceNumber, bool PasswordRequired, string? OrderInProcess, int? NumericCode);
