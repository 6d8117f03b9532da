using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks.PublicSecurity;

/// <summary>The local offices' reviewers (the admin key's side, as MIIT's review is): their pending filings, and their decisions.</summary>
public sealed class OfficeDesk(Writer writer, Database database, RuleBook miit, PublicSecurityRules rules, PublicSecurityOffices offices)
{
    public IReadOnlyList<WebsiteFiling> Pending(string world, string province, string officeCode, bool overdueOnly, string after, int limit)
    {
        var v = new Violations();
        province = province.Trim();
        officeCode = officeCode.Trim();
        if (province.Length > 0)
        {
            if (miit.FindProvince(province) is { } found)
            {
                province = found.Id;
            }
            else
            {
                v.Add("province", "UNKNOWN_PROVINCE", Domain.Texts.FieldTexts.UnknownProvince(province));
            }
        }
        if (officeCode.Length > 0 && rules.Offices.All(o => o.Code != officeCode))
        {
            v.Add("office_code", "UNKNOWN_CODE", Domain.Texts.PublicSecurityTexts.UnknownOffice(officeCode));
        }
        v.ThrowIfAny();
        return database.Read(db => PublicSecurityStore.ListPending(db, world, officeCode, province, overdueOnly, after, limit));
    }

    /// <summary>One filing, whatever its account: the reviewer's page shows it whole.</summary>
    public WebsiteFiling Get(string world, string filingId)
    {
        var v = new Violations();
        filingId = v.Id("filing_id", filingId);
        v.ThrowIfAny();
        return database.Read(db => PublicSecurityStore.FindFiling(db, world, filingId))
            ?? throw RegulatorErrors.Unknown(RegulatorErrors.WebsiteFilingNotFound, filingId);
    }

    /// <summary>The filings of the websites of an ICP-filed subject, by its subject number: an ICP order's page shows them.</summary>
    public IReadOnlyList<WebsiteFiling> OfIcpSubject(string world, string subjectNumber) =>
        database.Read(db => PublicSecurityStore.OfIcpSubject(db, world, subjectNumber, 100));

    public Task<WebsiteFiling> ApproveAsync(string world, string filingId, CancellationToken cancellationToken) =>
        Decide(world, filingId, (s, filing) => offices.Approve(s, filing), cancellationToken);

    public Task<WebsiteFiling> RejectAsync(string world, string filingId, string reasonCode, CancellationToken cancellationToken)
    {
        var reason = offices.RejectionReason(reasonCode);
        return Decide(world, filingId, (s, filing) => offices.Reject(s, filing, reason), cancellationToken);
    }

    /// <summary>An on-site check of an interactive website: its review is due that many working days later.</summary>
    public Task<WebsiteFiling> RequestOnSiteCheckAsync(string world, string filingId, CancellationToken cancellationToken) =>
        Decide(world, filingId, (s, filing) =>
        {
            filing.RequestOnSiteCheck(s.Now, rules, miit.Calendar);
            s.SaveWebsiteFiling(filing, isNew: false);
        }, cancellationToken);

    private Task<WebsiteFiling> Decide(string world, string filingId, Action<WriteSession, WebsiteFiling> decide, CancellationToken cancellationToken)
    {
        var v = new Violations();
        filingId = v.Id("filing_id", filingId);
        v.ThrowIfAny();
        return writer.RunAsync(world, s =>
        {
            var filing = PublicSecurityStore.FindFiling(s.Db, s.WorldId, filingId)
                ?? throw RegulatorErrors.Unknown(RegulatorErrors.WebsiteFilingNotFound, filingId);
            decide(s, filing);
            return filing;
        }, cancellationToken);
    }
}
