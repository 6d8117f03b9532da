using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks.PublicSecurity;

/// <summary>The platform's public query: approved filings by number, domain or website name, with their public fields only.</summary>
public sealed class PublicSecurityQueryDesk(Database database)
{
    public IReadOnlyList<PublicSecurityRecord> ByNumber(string world, string number)
    {
        var parsed = PublicSecurityNumber.Parse(number)
            ?? throw RegulatorErrors.Invalid("number", number.Trim().Length == 0 ? "REQUIRED" : "INVALID_FORMAT", PublicSecurityTexts.QueryNumber);
        return Records(database.Read(db => PublicSecurityStore.PublicByNumber(db, world, parsed.ToString())));
    }

    public IReadOnlyList<PublicSecurityRecord> ByDomain(string world, string domain)
    {
        var normalized = DomainNames.Normalize(domain)
            ?? throw RegulatorErrors.Invalid("domain", domain.Trim().Length == 0 ? "REQUIRED" : "INVALID_FORMAT", FieldTexts.QueryDomain);
        return Records(database.Read(db => PublicSecurityStore.PublicByDomain(db, world, normalized)));
    }

    public IReadOnlyList<PublicSecurityRecord> ByWebsiteName(string world, string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0 || trimmed.Length > RegistryDesk.MaxNameLength)
        {
            throw RegulatorErrors.Invalid("website_name", trimmed.Length == 0 ? "REQUIRED" : "TOO_LONG", FieldTexts.QuerySubjectName(RegistryDesk.MaxNameLength));
        }
        return Records(database.Read(db => PublicSecurityStore.PublicByWebsiteName(db, world, trimmed)));
    }

    private static List<PublicSecurityRecord> Records(IEnumerable<WebsiteFiling> filings) =>
        filings.Select(PublicSecurityRecord.Of).OfType<PublicSecurityRecord>().ToList();
}
