using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Server.Desks.PublicSecurity;
using D = IcpRegulatorSim.Domain.PublicSecurity;
using P = IcpRegulatorSim.Contracts.PublicSecurity.V1;
using R = IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.Server.Api.PublicSecurity;

/// <summary>The public-security platform's contract to and from its domain: filings, their websites and people, public records.</summary>
public sealed class PublicSecurityMapper(RuleBook miit, PublicSecurityRules rules, PublicSecurityOffices offices)
{
    /// <param name="scenario">The x-psb-scenario header, if the call carried one.</param>
    public static WebsiteFilingInput ToInput(P.Website? website, R.Person? responsible, R.Person? officer, R.Person? emergency, string? scenario = null)
    {
        var w = website ?? new P.Website();
        return new WebsiteFilingInput(
            new PublicSecurityWebsite(w.Name, w.Domains.ToList(), w.IcpNumber, default, w.ServerIp, w.ServerLocation != P.ServerLocation.OutsideMainland,
                w.AccessProvider, w.DomainRegistrar, w.ServiceType, w.InteractiveServices.Select(s => (int)s).ToList(), w.SecurityAssessment,
                w.PreApprovals.Select(p => new Domain.Filings.PreApproval(p.Type, p.Number)).ToList(), w.Languages.ToList()),
            w.OpenedOn,
            (WebsiteFilingValidator.Location)w.ServerLocation,
            [
                (ContactRole.ResponsiblePerson, FilingMapper.ToDomain(responsible)),
                (ContactRole.SecurityOfficer, FilingMapper.ToDomain(officer)),
                (ContactRole.EmergencyContact, FilingMapper.ToDomain(emergency)),
            ],
            scenario);
    }

    public P.WebsiteFiling ToProto(D.WebsiteFiling f)
    {
        var office = offices.Office(f.OfficeCode);
        var reason = f.RejectionCode is { } code ? rules.RejectionReason(code) : null;
        var filing = new P.WebsiteFiling
        {
            FilingId = f.FilingId,
            Status = (P.WebsiteFilingStatus)f.Status,
            Website = ToProto(f.Website),
            Office = new P.Office { Code = office.Code, Name = new R.LocalizedText { Zh = office.NameZh, En = office.NameEn } },
            FiledAt = FilingMapper.Stamp(f.FiledAt),
            DecidedAt = FilingMapper.Stamp(f.DecidedAt),
            Number = f.Number ?? "",
            BadgeHtml = f.Status == WebsiteFilingStatus.Approved && f.Number is { } n && PublicSecurityNumber.Parse(n) is { } number
                ? offices.BadgeHtml(number)
                : "",
            RejectionCode = f.RejectionCode ?? "",
            RejectionReason = reason is null ? null : new R.LocalizedText { Zh = reason.Zh, En = reason.En },
            Overdue = f.Overdue,
            DueOn = f.DueOn.ToString("yyyy-MM-dd"),
        };
        filing.Contacts.AddRange(f.Contacts.Select(c => new P.Contact
        {
            Role = (P.ContactRole)c.Role,
            Person = FilingMapper.ToProto(c.Person),
            Confirmed = c.Confirmed,
        }));
        filing.History.AddRange(f.Steps.Select(s => new P.FilingEvent { At = FilingMapper.Stamp(s.At), Kind = s.Kind }));
        return filing;
    }

    public P.PsbPublicFiling ToProto(PublicSecurityRecord r)
    {
        var nature = miit.CodeTables.Nature(r.SubjectNature);
        var office = offices.Office(r.OfficeCode);
        var filing = new P.PsbPublicFiling
        {
            WebsiteName = r.WebsiteName,
            SubjectName = r.SubjectName,
            SubjectNature = r.SubjectNature,
            SubjectNatureName = new R.LocalizedText { Zh = nature?.Zh ?? "", En = nature?.En ?? "" },
            Number = r.Number,
            Office = new R.LocalizedText { Zh = office.NameZh, En = office.NameEn },
            FiledOn = r.FiledOn.ToString("yyyy-MM-dd"),
            IcpNumber = r.IcpNumber,
        };
        filing.Domains.AddRange(r.Domains);
        return filing;
    }

    private static P.Website ToProto(PublicSecurityWebsite w)
    {
        var website = new P.Website
        {
            Name = w.Name,
            IcpNumber = w.IcpNumber,
            OpenedOn = w.OpenedOn.ToString("yyyy-MM-dd"),
            ServerIp = w.ServerIp,
            ServerLocation = w.HostedInMainland ? P.ServerLocation.Mainland : P.ServerLocation.OutsideMainland,
            AccessProvider = w.AccessProvider,
            DomainRegistrar = w.DomainRegistrar,
            ServiceType = w.ServiceType,
            SecurityAssessment = w.SecurityAssessment,
        };
        website.Domains.AddRange(w.Domains);
        website.InteractiveServices.AddRange(w.InteractiveServices.Select(s => (P.InteractiveService)s));
        website.PreApprovals.AddRange(w.PreApprovals.Select(p => new R.PreApproval { Type = p.Type, Number = p.Number }));
        website.Languages.AddRange(w.Languages);
        return website;
    }
}
