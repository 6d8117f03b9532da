using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Registry;

/// <summary>What the registry holds about an order's domains and subject beyond the filings: registrations and the blacklist.</summary>
/// <param name="Registrations">Registrations of the order's domains and of their parent domains, by domain.</param>
/// <param name="Blacklisted">Blacklisted domains and subject certificate numbers among the order's.</param>
public sealed record RegistryFacts(IReadOnlyDictionary<string, DomainRegistration> Registrations, IReadOnlySet<string> Blacklisted)
{
    public static readonly RegistryFacts None = new(new Dictionary<string, DomainRegistration>(), new HashSet<string>());
}

/// <summary>
/// The administration's checks of an order against the domain registry and the blacklist. Every problem is reported
/// at once, each with the field it concerns, named from the request (<c>filing.services[0].domains[1]</c>).
/// </summary>
public static class RegistryChecks
{
    /// <summary>
    /// Blacklisted subjects (code 1065) and domains (code 1064) are refused whatever the order. The refusal lists every
    /// problem at once: the subject, each blacklisted domain, and what the registry finds wrong with the other domains.
    /// </summary>
    public static void RefuseBlacklisted(
        OrderRequest request, Subject subject, IReadOnlySet<string> blacklisted, RegistryFacts facts, RegistryPolicy policy, RuleBook rules)
    {
        var problems = new List<PreconditionViolation>();
        if (blacklisted.Contains(subject.Key))
        {
            problems.Add(Problem("SUBJECT_BLACKLISTED", SubjectField(request), RefusalTexts.SubjectBlacklisted(subject.Key)));
        }
        ForEachDomain(request.Services, (domain, field) =>
        {
            // A blacklisted domain takes its subdomains with it: www.x.cn is as barred as x.cn.
            if (SelfAndParents(domain).Any(blacklisted.Contains))
            {
                problems.Add(Problem("DOMAIN_BLACKLISTED", field, RefusalTexts.DomainBlacklisted(domain)));
            }
        });
        if (problems.Count == 0)
        {
            return;
        }
        problems.AddRange(RegistrationProblems(request.Services, subject, facts, policy, rules));
        // One reason heads the refusal (the subject's is the graver); the violations list every problem.
        throw new RegulatorException(
            blacklisted.Contains(subject.Key) ? RegulatorErrors.SubjectBlacklisted : RegulatorErrors.DomainBlacklisted,
            preconditionViolations: problems);
    }

    /// <summary>
    /// Each domain of the services must be registered, unexpired, with an approved registrar, real-name verified,
    /// and registered to the subject itself (name, certificate type and number). Unknown domains pass only when the
    /// sandbox trusts them.
    /// </summary>
    public static void Check(IReadOnlyList<Service> services, Subject subject, RegistryFacts facts, RegistryPolicy policy, RuleBook rules)
    {
        var problems = RegistrationProblems(services, subject, facts, policy, rules);
        if (problems.Count > 0)
        {
            throw new RegulatorException(RegulatorErrors.DomainChecksFailed, preconditionViolations: problems);
        }
    }

    private static List<PreconditionViolation> RegistrationProblems(
        IReadOnlyList<Service> services, Subject subject, RegistryFacts facts, RegistryPolicy policy, RuleBook rules)
    {
        var problems = new List<PreconditionViolation>();
        var now = policy.Now;
        ForEachDomain(services, (domain, field) =>
        {
            var registration = RegistrationOf(domain, facts.Registrations);
            if (registration is null)
            {
                if (!policy.TrustUnknownDomains)
                {
                    problems.Add(Problem("DOMAIN_NOT_REGISTERED", field, RefusalTexts.DomainNotRegistered(domain)));
                }
                return;
            }
            if (now >= registration.ExpiresAt)
            {
                problems.Add(Problem("DOMAIN_EXPIRED", field, RefusalTexts.DomainExpired(registration.Domain, BeijingTime.DateOf(registration.ExpiresAt))));
            }
            if (!rules.IsApprovedRegistrar(registration.Registrar))
            {
                problems.Add(Problem("REGISTRAR_NOT_APPROVED", field, RefusalTexts.RegistrarNotApproved(registration.Domain, registration.Registrar)));
            }
            if (!registration.RealNameVerified)
            {
                problems.Add(Problem("REAL_NAME_NOT_VERIFIED", field, RefusalTexts.RealNameNotVerified(registration.Domain)));
            }
            if (registration.RegistrantName != subject.Name
                || registration.RegistrantCertificateType != subject.CertificateType
                || !string.Equals(registration.RegistrantCertificateNumber, subject.CertificateNumber, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(Problem("REGISTRANT_MISMATCH", field, RefusalTexts.RegistrantMismatch(registration.Domain, registration.RegistrantName, subject.Name)));
            }
        });
        return problems;
    }

    /// <summary>Each domain of the services, with its field in the request.</summary>
    private static void ForEachDomain(IReadOnlyList<Service> services, Action<string, string> check)
    {
        for (var i = 0; i < services.Count; i++)
        {
            for (var j = 0; j < services[i].Domains.Count; j++)
            {
                check(services[i].Domains[j], $"{OrderRequest.FilingPath}.services[{i}].domains[{j}]");
            }
        }
    }

    /// <summary>Where the order names its subject: by its certificate, else by its number or a service's.</summary>
    private static string SubjectField(OrderRequest request) =>
        request.Subject is not null ? $"{OrderRequest.FilingPath}.subject.certificate_number"
        : request.SubjectNumber.Length > 0 ? "subject_number"
        : "service_numbers[0]";

    /// <summary>The domain and its parents, nearest first: shop.example.cn is registered as example.cn.</summary>
    public static IEnumerable<string> SelfAndParents(string domain)
    {
        for (var d = domain; d.Contains('.'); d = d[(d.IndexOf('.') + 1)..])
        {
            yield return d;
        }
    }

    private static DomainRegistration? RegistrationOf(string domain, IReadOnlyDictionary<string, DomainRegistration> registrations) =>
        SelfAndParents(domain).Select(d => registrations.GetValueOrDefault(d)).FirstOrDefault(r => r is not null);

    private static PreconditionViolation Problem(string reason, string field, PageMessage text) => new(reason, field, text);
}
