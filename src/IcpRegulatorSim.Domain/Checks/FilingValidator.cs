using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Scenarios;

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
            v.Add("services", "REQUIRED", "At least one service is required.", "至少需要一个网站或App。");
        }
        if (services.Count > MaxServices)
        {
            v.Add("services", "TOO_MANY", $"At most {MaxServices} services in one order.", $"一次申请最多{MaxServices}个网站或App。");
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
                v.Add($"{path}.name", "STATE_WORD", $"Only state bodies may use \"{state}\" in a website name.", $"非国家机关不得在网站名称中使用“{state}”。");
            }
            if (Find(s.Name, words.InteractiveWords) is { } interactive)
            {
                if (individual)
                {
                    v.Add($"{path}.name", "INTERACTIVE_FOR_INDIVIDUAL",
                        $"\"{interactive}\" names an interactive service, which individuals may not run.", $"“{interactive}”属于交互式服务，个人不得开办。");
                }
                else if (s.PreApprovals.All(p => p.Type != words.InteractivePreApprovalType))
                {
                    v.Add($"{path}.pre_approvals", "PRE_APPROVAL_REQUIRED",
                        $"\"{interactive}\" names an interactive service, which needs a pre-approval of type {words.InteractivePreApprovalType}.",
                        $"“{interactive}”属于交互式服务，须取得电子公告服务前置审批。");
                }
            }
            if (individual && Find(s.Name, words.PersonalOrganizationWords) is { } organization)
            {
                v.Add($"{path}.name", "ORGANIZATION_WORD",
                    $"A personal website's name may not suggest an organization or a business (\"{organization}\").", $"个人网站名称不得含有“{organization}”等单位或经营性字样。");
            }
            if (individual && Find(s.ServiceContent, words.PersonalBusinessWords) is { } business)
            {
                v.Add($"{path}.service_content", "BUSINESS_CONTENT",
                    $"A personal website carries no business content (\"{business}\").", $"个人网站不得含有经营性内容（“{business}”）。");
            }
        }
    }

    private static string? Find(string text, IReadOnlyList<string> words) =>
        words.FirstOrDefault(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    internal static Subject Subject(Subject s, RuleBook rules, DateOnly today, Violations v)
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
        var certNumber = TypedIdentifiers.Certificate(s.CertificateNumber);
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
        // The leader's email may carry scenario tags (name+icp-fixed-code@…): an unknown one is a problem like any other.
        OrderScenario.ParseEmail(leader.Email, "subject.leader.email", v);
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
                    v.Add($"{path}.domains", "REQUIRED", "A website needs at least one domain.", "网站至少需要一个域名。");
                }
                if (s.Domains.Count > MaxListItems)
                {
                    v.Add($"{path}.domains", "TOO_MANY", $"At most {MaxListItems} domains per website.", $"每个网站最多{MaxListItems}个域名。");
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
                    NotAllowed(v, $"{path}.app", "A website carries no app data.", "网站不填写App信息。");
                }
                break;
            case ServiceKind.App:
                if (s.Domains.Count > 0)
                {
                    NotAllowed(v, $"{path}.domains", "An app has no domain.", "App没有域名。");
                }
                if (homeUrl.Length > 0)
                {
                    NotAllowed(v, $"{path}.home_url", "An app has no home URL.", "App没有首页网址。");
                }
                app = App($"{path}.app", s.App, v);
                break;
            case ServiceKind.Unspecified:
                v.Add($"{path}.kind", "REQUIRED", "Say whether the service is a website or an app.", "请指明是网站还是App。");
                break;
            default:
                v.Add($"{path}.kind", "UNKNOWN_CODE", $"Unknown service kind {(int)s.Kind}.", $"未知的服务类型 {(int)s.Kind}。");
                break;
        }
        if (s.Languages.Count == 0)
        {
            v.Add($"{path}.languages", "REQUIRED", "At least one language is required.", "至少需要一种语言。");
        }
        for (var i = 0; i < Math.Min(s.Languages.Count, MaxListItems); i++)
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
        var preApprovals = PreApprovals($"{path}.pre_approvals", s.PreApprovals, rules, v);
        var number = "";
        if (numbered)
        {
            number = NumberOf($"{path}.service_number", s.ServiceNumber, service: true, v) ?? "";
        }
        else if (s.ServiceNumber.Trim().Length > 0)
        {
            NotAllowed(v, $"{path}.service_number", "A new service has no number yet.", "新增的网站或App尚无备案号。");
        }
        return new Service(s.Kind, name, domains, homeUrl, s.Languages, content, admin, app, number) { PreApprovals = preApprovals };
    }

    private static IReadOnlyList<PreApproval> PreApprovals(string path, IReadOnlyList<PreApproval> preApprovals, RuleBook rules, Violations v)
    {
        if (preApprovals.Count > MaxListItems)
        {
            v.Add(path, "TOO_MANY", $"At most {MaxListItems} pre-approvals.", $"最多{MaxListItems}项前置审批。");
            return preApprovals;
        }
        var normalized = new List<PreApproval>();
        for (var i = 0; i < preApprovals.Count; i++)
        {
            var p = preApprovals[i];
            if (rules.CodeTables.PreApprovalTypes.All(t => t.Code != p.Type))
            {
                v.Add($"{path}[{i}].type", "UNKNOWN_CODE", $"Unknown pre-approval type {p.Type}.", $"未知的前置审批类型 {p.Type}。");
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
            v.Add(path, "REQUIRED", "An app needs its package name, platform, public key and signature hash.", "App须填写包名、平台、公钥和签名摘要。");
            return null;
        }
        var package = app.PackageName.Trim();
        if (v.Required($"{path}.package_name", package) && (package.Length > 255 || !PackageName().IsMatch(package)))
        {
            v.Add($"{path}.package_name", "INVALID_FORMAT", "A package name looks like com.example.app.", "包名的格式如 com.example.app。");
        }
        if (app.Platform == AppPlatform.Unspecified)
        {
            v.Add($"{path}.platform", "REQUIRED", "Required.", "必填。");
        }
        else if (!Enum.IsDefined(app.Platform))
        {
            v.Add($"{path}.platform", "UNKNOWN_CODE", $"Unknown platform {(int)app.Platform}.", $"未知的平台 {(int)app.Platform}。");
        }
        var key = app.PublicKey.Trim();
        if (v.Required($"{path}.public_key", key))
        {
            v.MaxLength($"{path}.public_key", key, 8192);
        }
        var hash = app.SignatureHash.Trim().Replace(":", "").ToLowerInvariant();
        if (v.Required($"{path}.signature_hash", hash) && (hash.Length is not (32 or 40 or 64) || !hash.All(char.IsAsciiHexDigit)))
        {
            v.Add($"{path}.signature_hash", "INVALID_FORMAT", "A hex MD5, SHA-1 or SHA-256 digest.", "须为十六进制的 MD5、SHA-1 或 SHA-256 摘要。");
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
            v.Add(path, "INVALID_FORMAT",
                service ? "A service number looks like 京ICP备2024012345号-1 (or -2A for an app)." : "A subject number looks like 京ICP备2024012345号.",
                service ? "网站或App备案号的格式如 京ICP备2024012345号-1（App为 -2A）。" : "主体备案号的格式如 京ICP备2024012345号。");
            return null;
        }
        return number.ToString();
    }

    internal static void NotAllowed(Violations v, string path, string en, string zh) => v.Add(path, "NOT_ALLOWED", en, zh);

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
                v.Add($"{path}.mobile", "INVALID_FORMAT", "A mobile number has 11 digits and starts with 1.", "手机号码应为以1开头的11位数字。");
            }
            else if (rules.CarrierOf(mobile) is null)
            {
                v.Add($"{path}.mobile", "UNKNOWN_PREFIX", $"{mobile[..3]} is no carrier's mobile prefix.", $"{mobile[..3]} 不是运营商的手机号段。");
            }
        }
        var email = TypedIdentifiers.Normalize(p.Email);
        if (v.Required($"{path}.email", email) && (email.Length > MaxEmailLength || !ContactChecks.IsEmail(email)))
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

    private static void RejectDuplicates(IReadOnlyList<Service> services, Violations v)
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
            if (services[i].App is { PackageName.Length: > 0 } app && !seen.Add(AppInfo.IdentifierOf(app.PackageName)))
            {
                v.Add($"services[{i}].app.package_name", "DUPLICATE", "The same app appears twice in this filing.", "同一App在本次备案中重复出现。");
            }
            if (services[i].ServiceNumber.Length > 0 && !seen.Add(services[i].ServiceNumber))
            {
                v.Add($"services[{i}].service_number", "DUPLICATE", "The same service appears twice in this order.", "同一网站或App在本次申请中重复出现。");
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$")]
    private static partial Regex PackageName();
}
