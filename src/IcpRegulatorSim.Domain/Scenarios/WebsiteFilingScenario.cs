using System.Globalization;
using System.Text.Json.Serialization;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Domain.Scenarios;

/// <summary>
/// A path forced on one public-security filing, as <see cref="OrderScenario"/> forces one on an ICP order: chosen by
/// the <c>x-psb-scenario</c> header of the call that files (or changes) the website, and kept with the filing.
/// </summary>
public sealed record WebsiteFilingScenario
{
    public static readonly WebsiteFilingScenario None = new();

    /// <summary>The office rejects the filing when its review is due, with this reason of the platform's table.</summary>
    public string? RejectReasonCode { get; init; }

    /// <summary>The review (an on-site check included) takes exactly this many working days.</summary>
    public int? ReviewWorkingDays { get; init; }

    /// <summary>The office asks for an on-site check as soon as the filing reaches review.</summary>
    public bool OnSiteCheck { get; init; }

    /// <summary>The filing is judged filed after the thirty days from the website's opening, whatever its dates.</summary>
    public bool Overdue { get; init; }

    [JsonIgnore] public bool IsNone => this == None;

    /// <summary>The request header that names scenarios, on FileWebsite and ChangeWebsiteFiling.</summary>
    public const string Header = "x-psb-scenario";

    /// <summary>The reason <c>psb-reject</c> gives when it names none.</summary>
    public const string DefaultRejectReason = "INFO_INCOMPLETE";

    /// <summary>Every scenario, with its parameter (if any) and what it does.</summary>
    public static readonly IReadOnlyList<ScenarioInfo> Catalogue =
    [
        new("psb-reject", ScenarioTexts.PsbReasonParameter, ScenarioTexts.PsbReject),
        new("psb-review-days", ScenarioTexts.WorkingDaysParameter, ScenarioTexts.PsbReviewDays),
        new("psb-onsite", null, ScenarioTexts.PsbOnSite),
        new("psb-overdue", null, ScenarioTexts.PsbOverdue),
    ];

    /// <summary>
    /// Parses a header value: scenarios separated by commas, each <c>name</c> or <c>name:parameter</c>. What is wrong in
    /// it, a reason not in <paramref name="rules"/>' table included, is added to <paramref name="v"/> under <paramref name="field"/>.
    /// </summary>
    public static WebsiteFilingScenario ParseHeader(string value, string field, PublicSecurityRules rules, Violations v)
    {
        var scenario = None;
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(':', 2, StringSplitOptions.TrimEntries);
            var parameter = parts.Length > 1 ? parts[1] : null;
            scenario = parts[0] switch
            {
                "psb-reject" => scenario with { RejectReasonCode = Reason(parameter, field, rules, v) },
                "psb-review-days" => scenario with { ReviewWorkingDays = Days(parameter, field, v) },
                "psb-onsite" => scenario with { OnSiteCheck = true },
                "psb-overdue" => scenario with { Overdue = true },
                _ => Unknown(field, parts[0], v, scenario),
            };
        }
        return scenario;
    }

    /// <summary>
    /// An on-site check is asked of interactive websites only: a scenario that asks one of a website without
    /// interactive services is refused when it is filed, rather than left to fail at review.
    /// </summary>
    public void CheckWebsite(PublicSecurityWebsite website, string field, Violations v)
    {
        if (OnSiteCheck && website.InteractiveServices.Count == 0)
        {
            v.Add(field, "NOT_INTERACTIVE", ScenarioTexts.PsbOnSiteNotInteractive);
        }
    }

    private static string? Reason(string? parameter, string field, PublicSecurityRules rules, Violations v)
    {
        var code = (parameter ?? DefaultRejectReason).ToUpperInvariant();
        if (rules.RejectionReason(code) is not null)
        {
            return code;
        }
        v.Add(field, "UNKNOWN_CODE", ScenarioTexts.PsbUnknownReason(parameter ?? "", rules.RejectionReasons.Select(r => r.Code).ToList()));
        return null;
    }

    private static int? Days(string? parameter, string field, Violations v)
    {
        if (int.TryParse(parameter, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 0 and <= 250)
        {
            return days;
        }
        v.Add(field, "INVALID_SCENARIO", ScenarioTexts.PsbReviewDaysParameter);
        return null;
    }

    private static WebsiteFilingScenario Unknown(string field, string name, Violations v, WebsiteFilingScenario scenario)
    {
        v.Add(field, "UNKNOWN_SCENARIO", FieldTexts.UnknownScenario(name, Catalogue.Select(c => c.Name).ToList()));
        return scenario;
    }
}
