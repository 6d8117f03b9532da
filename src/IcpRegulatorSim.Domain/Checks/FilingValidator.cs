using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Domain.Checks;

/// <summary>
/// The administration's checks of the data in a filing, before anything about the registry's state.
/// Returns the filing in canonical form (trimmed, province ids, upper-case certificates, normalized domains)
/// or throws one error that lists every violation, each named by its field path in the contract.
/// </summary>
public static class FilingValidator
{
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 200;

    public static Filing Normalize(Filing filing, RuleBook rules, DateOnly today)
    {
        var v = new Violations();
        var subject = Subject(filing.Subject, rules, today, v);
        if (filing.Services.Count == 0)
        {
            v.Add("services", "REQUIRED", "At least one service is required.", "至少需要一个网站或App。");
        }
        var services = filing.Services.Select((s, i) => Service(s, $"services[{i}]", rules, today, v)).ToList();
        RejectDuplicateDomains(services, v);
        v.ThrowIfAny();
        return new Filing(subject, services);
    }

    private static Subject Subject(Subject s, RuleBook rules, DateOnly today, Violations v)
    {
        if (s == Filings.Subject.Empty)
        {
            v.Add("subject", "REQUIRED", "Required.", "必填。");
            return s;
        }
        var tables = rules.CodeTables;
        if (tables.Nature(s.Nature) is null)
        {
            v.Add("subject.nature", "UNKNOWN_CODE", $"Unknown subject nature {s.Nature}.", $"未知的主办单位性质代码 {s.Nature}。");
        }
        var name = s.Name.Trim();
        if (v.Required("subject.name", name))
        {
            v.MaxLength("subject.name", name, MaxNameLength);
        }
        var individual = s.Nature == CodeTables.IndividualNature;
        var certType = individual ? tables.LeaderCertificateType(s.CertificateType) : tables.SubjectCertificateType(s.CertificateType);
        var certNumber = s.CertificateNumber.Trim().ToUpperInvariant();
        if (certType is null)
        {
            v.Add("subject.certificate_type", "UNKNOWN_CODE", $"Unknown subject certificate type {s.CertificateType}.",
                $"未知的主办单位证件类型 {s.CertificateType}。");
        }
        else if (!individual && certType.Natures.Count > 0 && tables.Nature(s.Nature) is not null && !certType.Natures.Contains(s.Nature))
        {
            v.Add("subject.certificate_type", "NOT_FOR_NATURE",
                $"Certificate type {s.CertificateType} ({certType.En}) is not issued to subjects of nature {s.Nature}.",
                $"证件类型“{certType.Zh}”不适用于该主办单位性质。");
        }
        if (v.Required("subject.certificate_number", certNumber) && certType is not null)
        {
            CertificateNumber("subject.certificate_number", certType, certNumber, today, v);
        }
        var province = Province("subject.province", s.Province, rules, v);
        var certAddress = Address("subject.certificate_address", s.CertificateAddress, province, rules, v);
        var mailAddress = Address("subject.mailing_address", s.MailingAddress, province, rules, v);
        var leader = Person("subject.leader", s.Leader, rules, today, v);
        if (individual && leader != Filings.Person.Empty)
        {
            // An individual is their own entity leader: the subject is the person.
            if (certNumber.Length > 0 && leader.CertificateNumber != certNumber)
            {
                v.Add("subject.leader.certificate_number", "INDIVIDUAL_MISMATCH",
                    "For an individual, the entity leader's certificate must be the subject's.", "个人主体的负责人证件须与主办人证件一致。");
            }
            if (name.Length > 0 && leader.Name != name)
            {
                v.Add("subject.leader.name", "INDIVIDUAL_MISMATCH",
                    "For an individual, the entity leader must be the subject.", "个人主体的负责人须为主办人本人。");
            }
        }
        return new Subject(s.Nature, name, s.CertificateType, certNumber, province ?? s.Province.Trim(), certAddress, mailAddress, leader);
    }

    private static Service Service(Service s, string path, RuleBook rules, DateOnly today, Violations v)
    {
        if (s.Kind != ServiceKind.Website)
        {
            v.Add($"{path}.kind", s.Kind == ServiceKind.Unspecified ? "REQUIRED" : "NOT_SUPPORTED",
                "Only SERVICE_KIND_WEBSITE services are accepted.", "目前仅受理网站类服务。");
        }
        var name = s.Name.Trim();
        if (v.Required($"{path}.name", name))
        {
            v.MaxLength($"{path}.name", name, MaxNameLength);
        }
        var domains = new List<string>();
        if (s.Domains.Count == 0)
        {
            v.Add($"{path}.domains", "REQUIRED", "A website needs at least one domain.", "网站至少需要一个域名。");
        }
        for (var i = 0; i < s.Domains.Count; i++)
        {
            var domain = Domain($"{path}.domains[{i}]", s.Domains[i], rules, v);
            domains.Add(domain ?? s.Domains[i].Trim());
        }
        var homeUrl = s.HomeUrl.Trim();
        if (v.Required($"{path}.home_url", homeUrl))
        {
            HomeUrl($"{path}.home_url", homeUrl, domains, v);
        }
        if (s.Languages.Count == 0)
        {
            v.Add($"{path}.languages", "REQUIRED", "At least one language is required.", "至少需要一种网站语言。");
        }
        for (var i = 0; i < s.Languages.Count; i++)
        {
            if (!rules.CodeTables.IsLanguage(s.Languages[i]))
            {
                v.Add($"{path}.languages[{i}]", "UNKNOWN_CODE", $"Unknown language {s.Languages[i]}.", $"未知的语言代码 {s.Languages[i]}。");
            }
        }
        var content = s.ServiceContent.Trim();
        if (v.Required($"{path}.service_content", content))
        {
            v.MaxLength($"{path}.service_content", content, MaxTextLength);
        }
        var admin = Person($"{path}.administrator", s.Administrator, rules, today, v);
        return new Service(s.Kind, name, domains, homeUrl, s.Languages, content, admin);
    }

    private static Person Person(string path, Person p, RuleBook rules, DateOnly today, Violations v)
    {
        if (p == Filings.Person.Empty)
        {
            v.Add(path, "REQUIRED", "Required.", "必填。");
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
            v.Add($"{path}.certificate_type", "UNKNOWN_CODE", $"Unknown certificate type {p.CertificateType}.",
                $"未知的证件类型 {p.CertificateType}。");
        }
        var number = p.CertificateNumber.Trim().ToUpperInvariant();
        if (v.Required($"{path}.certificate_number", number) && type is not null)
        {
            CertificateNumber($"{path}.certificate_number", type, number, today, v);
        }
        var mobile = p.Mobile.Trim();
        if (v.Required($"{path}.mobile", mobile) && !ContactChecks.IsMobile(mobile))
        {
            v.Add($"{path}.mobile", "INVALID_FORMAT", "A mobile number has 11 digits and starts with 1.", "手机号码应为以1开头的11位数字。");
        }
        var email = p.Email.Trim();
        if (v.Required($"{path}.email", email) && !ContactChecks.IsEmail(email))
        {
            v.Add($"{path}.email", "INVALID_FORMAT", "Not a valid email address.", "电子邮箱格式不正确。");
        }
        return new Person(name, p.CertificateType, number, mobile, email);
    }

    private static void CertificateNumber(string path, CertificateTypeEntry type, string number, DateOnly today, Violations v)
    {
        if (!CertificateFormats.IsValid(type, number))
        {
            var checksum = type.Format is CertificateFormats.ResidentId or CertificateFormats.CreditCode;
            v.Add(path, checksum ? "INVALID_CHECKSUM" : "INVALID_FORMAT",
                $"Not a valid {type.En} number.", $"不是有效的{type.Zh}号码。");
            return;
        }
        if (type.Format == CertificateFormats.ResidentId && !IsPlausibleBirthDate(CertificateNumbers.ResidentIdBirthDate(number), today))
        {
            v.Add(path, "IMPLAUSIBLE_BIRTH_DATE", "The birth date in the number is not a plausible date.", "证件号码中的出生日期不合理。");
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
            v.Add(path, "UNKNOWN_PROVINCE", $"Unknown province '{value}'.", $"未知的省份“{value}”。");
        }
        return province?.Id;
    }

    private static Address Address(string path, Address a, string? subjectProvince, RuleBook rules, Violations v)
    {
        if (a == Filings.Address.Empty)
        {
            v.Add(path, "REQUIRED", "Required.", "必填。");
            return a;
        }
        var province = Province($"{path}.province", a.Province, rules, v);
        if (province is not null && subjectProvince is not null && province != subjectProvince)
        {
            v.Add($"{path}.province", "PROVINCE_MISMATCH",
                "The address must be in the subject's province.", "地址须位于主办单位所在省份。");
        }
        var detail = a.Detail.Trim();
        if (v.Required($"{path}.detail", detail))
        {
            v.MaxLength($"{path}.detail", detail, MaxTextLength);
        }
        return new Address(province ?? a.Province.Trim(), a.City.Trim(), detail);
    }

    private static string? Domain(string path, string raw, RuleBook rules, Violations v)
    {
        if (!v.Required(path, raw.Trim()))
        {
            return null;
        }
        var domain = DomainNames.Normalize(raw);
        if (domain is null)
        {
            v.Add(path, "INVALID_FORMAT", $"'{raw}' is not a valid domain name.", $"“{raw}”不是有效的域名。");
            return null;
        }
        if (!rules.IsApprovedTld(DomainNames.TopLevel(domain)))
        {
            v.Add(path, "TLD_NOT_APPROVED", $"The top-level domain of '{domain}' is not on MIIT's approved list.",
                $"域名“{domain}”的顶级域不在工业和信息化部批准的列表中。");
        }
        return domain;
    }

    private static void HomeUrl(string path, string url, IReadOnlyList<string> domains, Violations v)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            v.Add(path, "INVALID_FORMAT", "The home URL must be an absolute http or https URL.", "首页网址须为完整的 http 或 https 地址。");
            return;
        }
        var host = DomainNames.Normalize(uri.IdnHost) ?? uri.Host;
        if (!domains.Any(d => DomainNames.IsOn(host, d)))
        {
            v.Add(path, "NOT_ON_FILED_DOMAIN", "The home URL must be on one of the website's domains.", "首页网址须使用该网站的备案域名。");
        }
    }

    private static void RejectDuplicateDomains(IReadOnlyList<Service> services, Violations v)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < services.Count; i++)
        {
            for (var j = 0; j < services[i].Domains.Count; j++)
            {
                if (services[i].Domains[j].Length > 0 && !seen.Add(services[i].Domains[j]))
                {
                    v.Add($"services[{i}].domains[{j}]", "DUPLICATE", "The same domain appears twice in this filing.", "同一域名在本次备案中重复出现。");
                }
            }
        }
    }
}
