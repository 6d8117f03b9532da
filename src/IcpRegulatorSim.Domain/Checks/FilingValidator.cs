using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Domain.Checks;

/// <summary>
/// The administration's checks of the data in a filing, before anything about the registry's state.
/// Returns the filing in canonical form (trimmed, province ids, upper-case certificates, normalized domains)
/// or throws one error that lists every violation, each named by its field path in the contract.
/// </summary>
public static partial class FilingValidator
{
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 200;
    public const int MaxServices = 50;
    public const int MaxListItems = 20;
    public const int MaxUrlLength = 500;
    public const int MaxEmailLength = 100;

    /// <summary>The data of an initial filing: a subject and its new services.</summary>
    public static Filing Normalize(Filing filing, RuleBook rules, DateOnly today)
    {
        var v = new Violations();
        var subject = Subject(filing.Subject, rules, today, v);
        var services = Services(filing.Services, numbered: false, rules, today, v, subject);
        v.ThrowIfAny();
        return new Filing(subject, services);
    }

    /// <summary>Services of an order, each checked, then checked together for identifiers given twice.</summary>
    /// <param name="subject">The subject the services belong to, when known: names and content are checked against its nature.</param>
    internal static IReadOnlyList<Service> Services(
        IReadOnlyList<Service> services, bool numbered, RuleBook rules, DateOnly today, Violations v, Subject? subject)
    {
        if (services.Count == 0)
        {
            v.Add("services", "REQUIRED", FieldTexts.ServicesRequired);
        }
        if (services.Count > MaxServices)
        {
            v.Add("services", "TOO_MANY", FieldTexts.TooManyServices(MaxServices));
            return services;
        }
        var normalized = services.Select((s, i) => Service(s, $"services[{i}]", numbered, rules, today, v)).ToList();
        RejectDuplicates(normalized, v);
        if (subject is not null)
        {
            CheckNames(normalized, subject, rules, v);
        }
        return normalized;
    }

    /// <summary>
    /// Website names and content against the word lists: state words are for state bodies; interactive services
    /// need a pre-approval and are refused to individuals; an individual's site may not pass for an organization's
    /// or carry business content.
    /// </summary>
    public static void CheckNames(IReadOnlyList<Service> services, Subject subject, RuleBook rules, Violations v)
    {
        var words = rules.Words;
        var individual = subject.Nature == CodeTables.IndividualNature;
        for (var i = 0; i < services.Count; i++)
        {
            var s = services[i];
            var path = $"services[{i}]";
            if (!words.StateNatures.Contains(subject.Nature) && Find(s.Name, words.StateWords) is { } state)
            {
                v.Add($"{path}.name", "STATE_WORD", FieldTexts.StateWord(state));
            }
            if (Find(s.Name, words.InteractiveWords) is { } interactive)
            {
                if (individual)
                {
                    v.Add($"{path}.name", "INTERACTIVE_FOR_INDIVIDUAL", FieldTexts.InteractiveForIndividual(interactive));
                }
                else if (s.PreApprovals.All(p => p.Type != words.InteractivePreApprovalType))
                {
                    v.Add($"{path}.pre_approvals", "PRE_APPROVAL_REQUIRED", FieldTexts.InteractiveNeedsPreApproval(interactive, words.InteractivePreApprovalType));
                }
            }
            if (individual && Find(s.Name, words.PersonalOrganizationWords) is { } organization)
            {
                v.Add($"{path}.name", "ORGANIZATION_WORD", FieldTexts.OrganizationWord(organization));
            }
            if (individual && Find(s.ServiceContent, words.PersonalBusinessWords) is { } business)
            {
                v.Add($"{path}.service_content", "BUSINESS_CONTENT", FieldTexts.BusinessContent(business));
            }
        }
    }

    private static string? Find(string text, IReadOnlyList<string> words) =>
        words.FirstOrDefault(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    internal static Subject Subject(Subject s, RuleBook rules, DateOnly today, Violations v)
    {
        if (s == Filings.Subject.Empty)
        {
            v.Add("subject", "REQUIRED", FieldTexts.Required);
            return s;
        }
        var tables = rules.CodeTables;
        if (tables.Nature(s.Nature) is null)
        {
            v.Add("subject.nature", "UNKNOWN_CODE", FieldTexts.UnknownNature(s.Nature));
        }
        var name = s.Name.Trim();
        if (v.Required("subject.name", name))
        {
            v.MaxLength("subject.name", name, MaxNameLength);
        }
        var individual = s.Nature == CodeTables.IndividualNature;
        var certType = individual ? tables.LeaderCertificateType(s.CertificateType) : tables.SubjectCertificateType(s.CertificateType);
        var certNumber = TypedIdentifiers.Certificate(s.CertificateNumber);
        if (certType is null)
        {
            v.Add("subject.certificate_type", "UNKNOWN_CODE", FieldTexts.UnknownSubjectCertificateType(s.CertificateType));
        }
        else if (!individual && certType.Natures.Count > 0 && tables.Nature(s.Nature) is not null && !certType.Natures.Contains(s.Nature))
        {
            v.Add("subject.certificate_type", "NOT_FOR_NATURE", FieldTexts.CertificateNotForNature(s.CertificateType, certType.En, certType.Zh, s.Nature));
        }
        if (v.Required("subject.certificate_number", certNumber) && certType is not null)
        {
            CertificateNumber("subject.certificate_number", certType, certNumber, today, v);
        }
        var province = Province("subject.province", s.Province, rules, v);
        var certAddress = Address("subject.certificate_address", s.CertificateAddress, province, rules, v);
        var mailAddress = Address("subject.mailing_address", s.MailingAddress, province, rules, v);
        var leader = Person("subject.leader", s.Leader, rules, today, v);
        // The leader's email may carry scenario tags (name+icp-fixed-code@…): an unknown one is a problem like any other.
        OrderScenario.ParseEmail(leader.Email, "subject.leader.email", v);
        if (individual && leader != Filings.Person.Empty)
        {
            // An individual is their own entity leader: the subject is the person.
            if (certNumber.Length > 0 && leader.CertificateNumber != certNumber)
            {
                v.Add("subject.leader.certificate_number", "INDIVIDUAL_MISMATCH", FieldTexts.IndividualLeaderCertificate);
            }
            if (name.Length > 0 && leader.Name != name)
            {
                v.Add("subject.leader.name", "INDIVIDUAL_MISMATCH", FieldTexts.IndividualLeaderName);
            }
        }
        return new Subject(s.Nature, name, s.CertificateType, certNumber, province ?? s.Province.Trim(), certAddress, mailAddress, leader);
    }

    private static Service Service(Service s, string path, bool numbered, RuleBook rules, DateOnly today, Violations v)
    {
        var name = s.Name.Trim();
        if (v.Required($"{path}.name", name))
        {
            v.MaxLength($"{path}.name", name, MaxNameLength);
        }
        var domains = new List<string>();
        var homeUrl = s.HomeUrl.Trim();
        AppInfo? app = null;
        switch (s.Kind)
        {
            case ServiceKind.Website:
                if (s.Domains.Count == 0)
                {
                    v.Add($"{path}.domains", "REQUIRED", FieldTexts.DomainsRequired);
                }
                if (s.Domains.Count > MaxListItems)
                {
                    v.Add($"{path}.domains", "TOO_MANY", FieldTexts.TooManyDomains(MaxListItems));
                    break;
                }
                for (var i = 0; i < s.Domains.Count; i++)
                {
                    domains.Add(Domain($"{path}.domains[{i}]", s.Domains[i], rules, v) ?? s.Domains[i].Trim());
                }
                if (v.Required($"{path}.home_url", homeUrl) && homeUrl.Length <= MaxUrlLength)
                {
                    HomeUrl($"{path}.home_url", homeUrl, domains, v);
                }
                v.MaxLength($"{path}.home_url", homeUrl, MaxUrlLength);
                if (s.App is not null)
                {
                    NotAllowed(v, $"{path}.app", FieldTexts.WebsiteWithApp);
                }
                break;
            case ServiceKind.App:
                if (s.Domains.Count > 0)
                {
                    NotAllowed(v, $"{path}.domains", FieldTexts.AppWithDomains);
                }
                if (homeUrl.Length > 0)
                {
                    NotAllowed(v, $"{path}.home_url", FieldTexts.AppWithHomeUrl);
                }
                app = App($"{path}.app", s.App, v);
                break;
            case ServiceKind.Unspecified:
                v.Add($"{path}.kind", "REQUIRED", FieldTexts.KindRequired);
                break;
            default:
                v.Add($"{path}.kind", "UNKNOWN_CODE", FieldTexts.UnknownKind((int)s.Kind));
                break;
        }
        if (s.Languages.Count == 0)
        {
            v.Add($"{path}.languages", "REQUIRED", FieldTexts.LanguagesRequired);
        }
        for (var i = 0; i < Math.Min(s.Languages.Count, MaxListItems); i++)
        {
            if (!rules.CodeTables.IsLanguage(s.Languages[i]))
            {
                v.Add($"{path}.languages[{i}]", "UNKNOWN_CODE", FieldTexts.UnknownLanguage(s.Languages[i]));
            }
        }
        var content = s.ServiceContent.Trim();
        if (v.Required($"{path}.service_content", content))
        {
            v.MaxLength($"{path}.service_content", content, MaxTextLength);
        }
        var admin = Person($"{path}.administrator", s.Administrator, rules, today, v);
        var preApprovals = PreApprovals($"{path}.pre_approvals", s.PreApprovals, rules, v);
        var number = "";
        if (numbered)
        {
            number = NumberOf($"{path}.service_number", s.ServiceNumber, service: true, v) ?? "";
        }
        else if (s.ServiceNumber.Trim().Length > 0)
        {
            NotAllowed(v, $"{path}.service_number", FieldTexts.NewServiceNumbered);
        }
        return new Service(s.Kind, name, domains, homeUrl, s.Languages, content, admin, app, number) { PreApprovals = preApprovals };
    }

    private static IReadOnlyList<PreApproval> PreApprovals(string path, IReadOnlyList<PreApproval> preApprovals, RuleBook rules, Violations v)
    {
        if (preApprovals.Count > MaxListItems)
        {
            v.Add(path, "TOO_MANY", FieldTexts.TooManyPreApprovals(MaxListItems));
            return preApprovals;
        }
        var normalized = new List<PreApproval>();
        for (var i = 0; i < preApprovals.Count; i++)
        {
            var p = preApprovals[i];
            if (rules.CodeTables.PreApprovalTypes.All(t => t.Code != p.Type))
            {
                v.Add($"{path}[{i}].type", "UNKNOWN_CODE", FieldTexts.UnknownPreApprovalType(p.Type));
            }
            var number = p.Number.Trim();
            if (v.Required($"{path}[{i}].number", number))
            {
                v.MaxLength($"{path}[{i}].number", number, MaxNameLength);
            }
            normalized.Add(new PreApproval(p.Type, number));
        }
        return normalized;
    }

    private static AppInfo? App(string path, AppInfo? app, Violations v)
    {
        if (app is null)
        {
            v.Add(path, "REQUIRED", FieldTexts.AppRequired);
            return null;
        }
        var package = app.PackageName.Trim();
        if (v.Required($"{path}.package_name", package) && (package.Length > 255 || !PackageName().IsMatch(package)))
        {
            v.Add($"{path}.package_name", "INVALID_FORMAT", FieldTexts.PackageName);
        }
        if (app.Platform == AppPlatform.Unspecified)
        {
            v.Add($"{path}.platform", "REQUIRED", FieldTexts.Required);
        }
        else if (!Enum.IsDefined(app.Platform))
        {
            v.Add($"{path}.platform", "UNKNOWN_CODE", FieldTexts.UnknownPlatform((int)app.Platform));
        }
        var key = app.PublicKey.Trim();
        if (v.Required($"{path}.public_key", key))
        {
            v.MaxLength($"{path}.public_key", key, 8192);
        }
        var hash = app.SignatureHash.Trim().Replace(":", "").ToLowerInvariant();
        if (v.Required($"{path}.signature_hash", hash) && (hash.Length is not (32 or 40 or 64) || !hash.All(char.IsAsciiHexDigit)))
        {
            v.Add($"{path}.signature_hash", "INVALID_FORMAT", FieldTexts.SignatureHash);
        }
        return new AppInfo(package, app.Platform, key, hash);
    }

    /// <summary>The canonical form of an ICP number given in a request, or null (with a violation) when it is not one of the kind expected.</summary>
    internal static string? NumberOf(string path, string text, bool service, Violations v)
    {
        if (!v.Required(path, text.Trim()))
        {
            return null;
        }
        var number = IcpNumber.Parse(text);
        if (number is null || number.IsServiceNumber != service)
        {
            v.Add(path, "INVALID_FORMAT", service ? FieldTexts.ServiceNumber : FieldTexts.SubjectNumber);
            return null;
        }
        return number.ToString();
    }

    internal static void NotAllowed(Violations v, string path, PageMessage text) => v.Add(path, "NOT_ALLOWED", text);

    internal static Person Person(string path, Person p, RuleBook rules, DateOnly today, Violations v)
    {
        if (p == Filings.Person.Empty)
        {
            v.Add(path, "REQUIRED", FieldTexts.Required);
            return p;
        }
        var name = p.Name.Trim();
        if (v.Required($"{path}.name", name))
        {
            v.MaxLength($"{path}.name", name, MaxNameLength);
        }
        var type = rules.CodeTables.LeaderCertificateType(p.CertificateType);
        if (type is null)
        {
            v.Add($"{path}.certificate_type", "UNKNOWN_CODE", FieldTexts.UnknownCertificateType(p.CertificateType));
        }
        var number = TypedIdentifiers.Certificate(p.CertificateNumber);
        if (v.Required($"{path}.certificate_number", number) && type is not null)
        {
            CertificateNumber($"{path}.certificate_number", type, number, today, v);
        }
        var mobile = TypedIdentifiers.Normalize(p.Mobile);
        if (v.Required($"{path}.mobile", mobile))
        {
            if (!ContactChecks.IsMobile(mobile))
            {
                v.Add($"{path}.mobile", "INVALID_FORMAT", FieldTexts.Mobile);
            }
            else if (rules.CarrierOf(mobile) is null)
            {
                v.Add($"{path}.mobile", "UNKNOWN_PREFIX", FieldTexts.UnknownMobilePrefix(mobile[..3]));
            }
        }
        var email = TypedIdentifiers.Normalize(p.Email);
        if (v.Required($"{path}.email", email) && (email.Length > MaxEmailLength || !ContactChecks.IsEmail(email)))
        {
            v.Add($"{path}.email", "INVALID_FORMAT", FieldTexts.Email);
        }
        return new Person(name, p.CertificateType, number, mobile, email);
    }

    private static void CertificateNumber(string path, CertificateTypeEntry type, string number, DateOnly today, Violations v)
    {
        if (!CertificateFormats.IsValid(type, number))
        {
            var checksum = type.Format is CertificateFormats.ResidentId or CertificateFormats.CreditCode;
            v.Add(path, checksum ? "INVALID_CHECKSUM" : "INVALID_FORMAT", FieldTexts.InvalidCertificate(type.En, type.Zh));
            return;
        }
        if (type.Format == CertificateFormats.ResidentId && !IsPlausibleBirthDate(CertificateNumbers.ResidentIdBirthDate(number), today))
        {
            v.Add(path, "IMPLAUSIBLE_BIRTH_DATE", FieldTexts.ImplausibleBirthDate);
        }
    }

    private static bool IsPlausibleBirthDate(DateOnly? born, DateOnly today) =>
        born is { } date && date <= today && date.Year >= 1900;

    private static string? Province(string path, string value, RuleBook rules, Violations v)
    {
        if (!v.Required(path, value.Trim()))
        {
            return null;
        }
        var province = rules.FindProvince(value);
        if (province is null)
        {
            v.Add(path, "UNKNOWN_PROVINCE", FieldTexts.UnknownProvince(value));
        }
        return province?.Id;
    }

    private static Address Address(string path, Address a, string? subjectProvince, RuleBook rules, Violations v)
    {
        if (a == Filings.Address.Empty)
        {
            v.Add(path, "REQUIRED", FieldTexts.Required);
            return a;
        }
        var province = Province($"{path}.province", a.Province, rules, v);
        if (province is not null && subjectProvince is not null && province != subjectProvince)
        {
            v.Add($"{path}.province", "PROVINCE_MISMATCH", FieldTexts.AddressProvince);
        }
        var detail = a.Detail.Trim();
        if (v.Required($"{path}.detail", detail))
        {
            v.MaxLength($"{path}.detail", detail, MaxTextLength);
        }
        return new Address(province ?? a.Province.Trim(), a.City.Trim(), detail);
    }

    internal static string? Domain(string path, string raw, RuleBook rules, Violations v)
    {
        if (!v.Required(path, raw.Trim()))
        {
            return null;
        }
        var domain = DomainNames.Normalize(raw);
        if (domain is null)
        {
            v.Add(path, "INVALID_FORMAT", FieldTexts.NotAValidDomain(raw));
            return null;
        }
        if (!rules.IsApprovedTld(DomainNames.TopLevel(domain)))
        {
            v.Add(path, "TLD_NOT_APPROVED", FieldTexts.TldNotApproved(domain));
        }
        return domain;
    }

    private static void HomeUrl(string path, string url, IReadOnlyList<string> domains, Violations v)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            v.Add(path, "INVALID_FORMAT", FieldTexts.HomeUrl);
            return;
        }
        var host = DomainNames.Normalize(uri.IdnHost) ?? uri.Host;
        if (!domains.Any(d => DomainNames.IsOn(host, d)))
        {
            v.Add(path, "NOT_ON_FILED_DOMAIN", FieldTexts.HomeUrlOffDomains);
        }
    }

    private static void RejectDuplicates(IReadOnlyList<Service> services, Violations v)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < services.Count; i++)
        {
            for (var j = 0; j < services[i].Domains.Count; j++)
            {
                if (services[i].Domains[j].Length > 0 && !seen.Add(services[i].Domains[j]))
                {
                    v.Add($"services[{i}].domains[{j}]", "DUPLICATE", FieldTexts.DuplicateDomain);
                }
            }
            if (services[i].App is { PackageName.Length: > 0 } app && !seen.Add(AppInfo.IdentifierOf(app.PackageName)))
            {
                v.Add($"services[{i}].app.package_name", "DUPLICATE", FieldTexts.DuplicateApp);
            }
            if (services[i].ServiceNumber.Length > 0 && !seen.Add(services[i].ServiceNumber))
            {
                v.Add($"services[{i}].service_number", "DUPLICATE", FieldTexts.DuplicateService);
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$")]
    private static partial Regex PackageName();
}
