using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Rules;

/// <summary>Everything the regulator decides by that is data, not code: loaded from the rules files and overridable.</summary>
public sealed record RuleBook(
    string Profile,
    string ProfileDescription,
    IReadOnlyList<ProvinceRule> Provinces,
    IReadOnlyList<CarrierRule> Carriers,
    IReadOnlyList<PersonnelRule> Personnel,
    IReadOnlyList<string> ApprovedTlds,
    CodeTables CodeTables,
    SmsRules Sms,
    ReviewRules Review,
    PasswordRules Passwords,
    AccessRules Access,
    SupervisionRules Supervision,
    IReadOnlyList<RegistrarRule> Registrars,
    WordLists Words,
    WorkingCalendar Calendar)
{
    private readonly Dictionary<string, ProvinceRule> provincesByAlias = IndexProvinces(Provinces);
    private readonly HashSet<string> approvedTlds = new(ApprovedTlds, StringComparer.Ordinal);

    /// <summary>Finds a province by id ("zhejiang"), abbreviation ("浙"), GB/T 2260 code ("330000") or Chinese name.</summary>
    public ProvinceRule? FindProvince(string idOrAlias) =>
        provincesByAlias.GetValueOrDefault(idOrAlias.Trim().ToLowerInvariant());

    public ProvinceRule Province(string id) =>
        FindProvince(id) ?? throw new InvalidOperationException($"Unknown province '{id}' in stored data.");

    public bool IsApprovedTld(string tld) => approvedTlds.Contains(tld);

    public bool IsApprovedRegistrar(string registrar) => Registrars.Any(r => r.Id == registrar && r.Approved);

    /// <summary>The carrier a mobile number's prefix suggests (number portability makes it a guess, as on the real system).</summary>
    public CarrierRule? CarrierOf(string mobile) =>
        Carriers.SelectMany(c => c.Prefixes.Select(p => (Carrier: c, Prefix: p)))
            .Where(x => mobile.StartsWith(x.Prefix, StringComparison.Ordinal))
            .OrderByDescending(x => x.Prefix.Length)
            .Select(x => x.Carrier)
            .FirstOrDefault();

    public string SmsSenderFor(string mobile) => CarrierOf(mobile)?.SmsSender ?? Sms.DefaultSender;

    public IReadOnlyList<PersonRole> RolesToValidate(FilingType type, ServiceMix mix) =>
        (Personnel.FirstOrDefault(p => p.Type == type && p.Mix == mix)
         ?? Personnel.FirstOrDefault(p => p.Type == type && p.Mix == ServiceMix.Any))?.Roles
        ?? [];

    private static Dictionary<string, ProvinceRule> IndexProvinces(IReadOnlyList<ProvinceRule> provinces)
    {
        var index = new Dictionary<string, ProvinceRule>(StringComparer.Ordinal);
        foreach (var p in provinces)
        {
            foreach (var alias in new[] { p.Id, p.Abbreviation, p.GbCode, p.NameZh, p.NameEn })
            {
                index[alias.ToLowerInvariant()] = p;
            }
        }
        return index;
    }
}

public sealed record ProvinceRule(
    string Id,
    string NameZh,
    string NameEn,
    string Abbreviation,
    string GbCode,
    string Administration,
    bool SmsRequired,
    bool ChangesAllowed,
    DayOfWeek? CancellationBatchDay,
    bool VerificationCall = false);

public sealed record CarrierRule(string Id, string NameZh, string NameEn, string SmsSender, IReadOnlyList<string> Prefixes);

/// <summary>A domain registrar, and whether MIIT has approved it (only approved registrars' domains can be filed).</summary>
public sealed record RegistrarRule(string Id, string Name, bool Approved);

/// <summary>
/// The words the administrations check website names and content against: state words only state bodies may use;
/// interactive services that need a pre-approval (and that individuals may not run); words that make a personal site
/// look like an organization's or a business.
/// </summary>
public sealed record WordLists(
    IReadOnlyList<string> StateWords,
    IReadOnlyList<int> StateNatures,
    IReadOnlyList<string> InteractiveWords,
    int InteractivePreApprovalType,
    IReadOnlyList<string> PersonalOrganizationWords,
    IReadOnlyList<string> PersonalBusinessWords);

/// <summary>Which services an order carries, as the SMS personnel table distinguishes them.</summary>
public enum ServiceMix
{
    Any,
    WebsiteOnly,
    WebsiteAndApp,
    AppOnly,
}

public sealed record PersonnelRule(FilingType Type, ServiceMix Mix, IReadOnlyList<PersonRole> Roles);

public sealed record SmsRules(
    TimeSpan SendDelay,
    TimeSpan Validity,
    TimeSpan SyncDelay,
    int MaxResends,
    int MaxConsecutiveFailures,
    string DefaultSender);

/// <param name="VerificationCallWindow">How long the entity leader has to answer the administration's verification call (管局电话核验).</param>
public sealed record ReviewRules(int MinWorkingDays, int MaxWorkingDays, TimeSpan VerificationCallWindow);

public sealed record PasswordRules(int MaxFailedChecks, int Length);

/// <param name="OwnProvinceOnly">Providers file only with their own province's administration (code 1045).</param>
/// <param name="EmptyShellAllowed">A service may lose its last access provider and stay filed (else code 1025).</param>
public sealed record AccessRules(bool OwnProvinceOnly, bool EmptyShellAllowed);

/// <param name="SpotCheckAnswerTime">How long a provider has to answer a spot check, or correct the data, before the service is restricted.</param>
/// <param name="EmptyShellGrace">How long a service may stay without an access provider (where the rules allow it) before the administration cancels it.</param>
public sealed record SupervisionRules(TimeSpan SpotCheckAnswerTime, TimeSpan EmptyShellGrace);

public sealed record CodeEntry(int Code, string Zh, string En);

/// <summary>
/// A certificate type, the format its numbers follow ("resident-id", "credit-code", or a regular expression)
/// and, for subject certificates, the subject natures that may use it.
/// </summary>
public sealed record CertificateTypeEntry(int Code, string Zh, string En, string Format, IReadOnlyList<int> Natures);

/// <summary>A reason the administration rejects an order for, as its result notices name it.</summary>
public sealed record ReasonEntry(string Code, string Zh, string En);

public sealed record CodeTables(
    IReadOnlyList<CodeEntry> SubjectNatures,
    IReadOnlyList<CertificateTypeEntry> SubjectCertificateTypes,
    IReadOnlyList<CertificateTypeEntry> LeaderCertificateTypes,
    IReadOnlyList<CodeEntry> PreApprovalTypes,
    IReadOnlyList<CodeEntry> Languages,
    IReadOnlyList<CodeEntry> AccessMethods,
    IReadOnlyList<ReasonEntry> RejectionReasons,
    IReadOnlyList<ReasonEntry> AdministrativeReasons)
{
    /// <summary>The nature code of an individual (个人): such a subject uses a leader certificate type.</summary>
    public const int IndividualNature = 5;

    public CodeEntry? Nature(int code) => SubjectNatures.FirstOrDefault(e => e.Code == code);

    public CertificateTypeEntry? SubjectCertificateType(int code) => SubjectCertificateTypes.FirstOrDefault(e => e.Code == code);

    public CertificateTypeEntry? LeaderCertificateType(int code) => LeaderCertificateTypes.FirstOrDefault(e => e.Code == code);

    public bool IsLanguage(int code) => Languages.Any(e => e.Code == code);

    /// <summary>
    /// The text of a rejection reason code, in both languages. A code the table does not have (a sandbox scenario may
    /// name any) still reads as a sentence in each language, with the code in it.
    /// </summary>
    /// <summary>
    /// Why the administration acted on a filed service: a code of the administrative reasons table in its words in both
    /// languages, or the administration's own words as written.
    /// </summary>
    public AdministrativeReason AdministrativeReason(string text)
    {
        var trimmed = text.Trim();
        return AdministrativeReasons.FirstOrDefault(r => r.Code == trimmed) is { } entry
            ? new AdministrativeReason(entry.Code, null, entry.En, entry.Zh)
            : new AdministrativeReason("ADMINISTRATION", null, trimmed, trimmed);
    }

    public ReasonEntry RejectionReason(string code)
    {
        if (RejectionReasons.FirstOrDefault(r => r.Code == code) is { } known)
        {
            return known;
        }
        var text = DecisionTexts.UnknownRejectionReason(code);
        return new ReasonEntry(code, text.Zh, text.En);
    }
}
