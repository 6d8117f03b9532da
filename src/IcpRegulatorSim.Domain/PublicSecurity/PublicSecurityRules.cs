using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Domain.PublicSecurity;

/// <summary>
/// What the public-security platform decides by that is data (<c>rules/public-security.json</c>): the offices that
/// review each province's filings, how many working days a review takes, how long after a website opens it must be
/// filed, and the reasons a filing is rejected for. MIIT's are the <see cref="RuleBook"/>.
/// </summary>
/// <param name="FilingDeadlineDays">Days from a website's opening within which it is filed; past them it is overdue.</param>
/// <param name="DefaultReviewWorkingDays">Working days an office takes to review, where its own entry does not say.</param>
/// <param name="OnSiteCheckWorkingDays">Working days an on-site check of an interactive website adds to its review.</param>
/// <param name="RegistrationCodeInterval">How long after a registration code another may be sent to the same mobile.</param>
/// <param name="RegistrationCodesPerDay">How many registration codes one mobile receives in a day (Beijing time).</param>
public sealed record PublicSecurityRules(
    int FilingDeadlineDays,
    int DefaultReviewWorkingDays,
    int OnSiteCheckWorkingDays,
    TimeSpan RegistrationCodeInterval,
    int RegistrationCodesPerDay,
    IReadOnlyList<PublicSecurityOffice> Offices,
    IReadOnlyList<ReasonEntry> RejectionReasons)
{
    /// <summary>The office that reviews the filings of a province (by its id in the provinces' rules).</summary>
    public PublicSecurityOffice OfficeFor(string province) =>
        Offices.FirstOrDefault(o => o.Province == province)
        ?? throw new InvalidOperationException($"No public-security office reviews the filings of '{province}'.");

    public int ReviewWorkingDays(PublicSecurityOffice office) => office.ReviewWorkingDays ?? DefaultReviewWorkingDays;

    /// <summary>A rejection reason by its code; null when the table has none of that code.</summary>
    public ReasonEntry? RejectionReason(string code) => RejectionReasons.FirstOrDefault(r => r.Code == code);
}

/// <summary>
/// A local public-security office's cyber-security division: the province whose filings it reviews, its six-digit
/// administrative-division code (the first digits of every number it issues), its names, and its review days if
/// they are not the default.
/// </summary>
public sealed record PublicSecurityOffice(string Province, string Code, string NameZh, string NameEn, int? ReviewWorkingDays = null);
