using System.Globalization;
using System.Net;
using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Domain.PublicSecurity;

/// <summary>
/// The platform's checks of a website and its three people as a subject files them: the same checks, reasons and
/// field paths as the ICP side's (<c>website.domains[0]</c>, <c>responsible_person.mobile</c>), and the website's ICP
/// number checked against the world's MIIT registry (<see cref="IcpCrossCheck"/>).
/// </summary>
public static class WebsiteFilingValidator
{
    public const int MaxDomains = 20;

    /// <summary>Where the website's server is, as the request says it (0: not said).</summary>
    public enum Location
    {
        Unspecified = 0,
        Mainland = 1,
        OutsideMainland = 2,
    }

    /// <summary>The people a filing names, each under the request's field of their role.</summary>
    public static readonly IReadOnlyDictionary<ContactRole, string> Fields = new Dictionary<ContactRole, string>
    {
        [ContactRole.ResponsiblePerson] = "responsible_person",
        [ContactRole.SecurityOfficer] = "security_officer",
        [ContactRole.EmergencyContact] = "emergency_contact",
    };

    /// <summary>The subject an account registers, checked as an ICP filing's subject is, under <c>subject.</c>.</summary>
    public static Subject Subject(Subject subject, RuleBook rules, DateOnly today, Violations v) => FilingValidator.Subject(subject, rules, today, v);

    /// <summary>
    /// Checks a filing's website and people; returns them normalized (domains and mobiles as stored), or throws
    /// INVALID_ARGUMENT with every problem found. <paramref name="openedOn"/> is the request's text (yyyy-MM-dd).
    /// </summary>
    public static (PublicSecurityWebsite Website, IReadOnlyList<(ContactRole Role, Person Person)> People) Check(
        Subject subject, PublicSecurityWebsite website, string openedOn, Location location,
        IReadOnlyList<(ContactRole Role, Person Person)> people, RuleBook rules, DateOnly today, Func<string, FiledSubject?> findSubject)
    {
        var v = new Violations();
        var w = v.Under("website");
        var name = website.Name.Trim();
        if (w.Required("name", name))
        {
            w.MaxLength("name", name, FilingValidator.MaxNameLength);
        }
        if (website.Domains.Count == 0)
        {
            w.Add("domains", "REQUIRED", FieldTexts.Required);
        }
        var domains = website.Domains.Take(MaxDomains).Select((d, i) => FilingValidator.Domain($"website.domains[{i}]", d, rules, v) ?? d.Trim()).ToList();
        if (website.Domains.Count > MaxDomains)
        {
            w.Add("domains", "TOO_MANY", FieldTexts.TooManyDomains(MaxDomains));
        }
        var opened = DateOnly.TryParseExact(openedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day <= today
            ? day
            : default;
        if (opened == default)
        {
            w.Add("opened_on", openedOn.Trim().Length == 0 ? "REQUIRED" : "INVALID_FORMAT", PublicSecurityTexts.OpenedOn);
        }
        var ip = website.ServerIp.Trim();
        if (w.Required("server_ip", ip) && !IPAddress.TryParse(ip, out _))
        {
            w.Add("server_ip", "INVALID_FORMAT", PublicSecurityTexts.ServerIp);
        }
        if (location is not (Location.Mainland or Location.OutsideMainland))
        {
            w.Add("server_location", "REQUIRED", PublicSecurityTexts.ServerLocation);
        }
        foreach (var (service, i) in website.InteractiveServices.Select((s, i) => (s, i)).Where(x => x.s is < 1 or > 5))
        {
            w.Add($"interactive_services[{i}]", "UNKNOWN_CODE", PublicSecurityTexts.UnknownInteractiveService(service));
        }
        var inMainland = location != Location.OutsideMainland;
        IcpCrossCheck.Check(w, website.IcpNumber, domains, inMainland, subject.CertificateNumber, findSubject);
        var checkedPeople = people.Select(p => (p.Role, FilingValidator.Person(Fields[p.Role], p.Person, rules, today, v))).ToList();
        v.ThrowIfAny();
        var icpNumber = IcpNumber.Parse(website.IcpNumber)?.ToString() ?? "";
        return (website with
        {
            Name = name,
            Domains = domains,
            IcpNumber = icpNumber,
            OpenedOn = opened,
            ServerIp = ip,
            HostedInMainland = inMainland,
            AccessProvider = website.AccessProvider.Trim(),
            DomainRegistrar = website.DomainRegistrar.Trim(),
            SecurityAssessment = website.SecurityAssessment.Trim(),
        }, checkedPeople);
    }
}
