using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks;

/// <summary>The public query: what anyone can learn about filed services.</summary>
public sealed class RegistryDesk(Database database)
{
    public const int MaxNameLength = 100;

    public IReadOnlyList<PublicRecord> ByDomain(string world, string domain)
    {
        var normalized = DomainNames.Normalize(domain)
            ?? throw RegulatorErrors.Invalid("domain", domain.Trim().Length == 0 ? "REQUIRED" : "INVALID_FORMAT", FieldTexts.QueryDomain);
        return Query(db => RegistryStore.PublicByIdentifier(db, world, normalized));
    }

    public IReadOnlyList<PublicRecord> ByIcpNumber(string world, string icpNumber)
    {
        var number = IcpNumber.Parse(icpNumber)
            ?? throw RegulatorErrors.Invalid("icp_number", icpNumber.Trim().Length == 0 ? "REQUIRED" : "INVALID_FORMAT", FieldTexts.QueryIcpNumber);
        return number.IsServiceNumber
            ? Query(db => RegistryStore.PublicByServiceNumber(db, world, number.ToString()))
            : Query(db => RegistryStore.PublicBySubjectNumber(db, world, number.SubjectNumber));
    }

    public IReadOnlyList<PublicRecord> BySubjectName(string world, string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
        {
            throw RegulatorErrors.Invalid("subject_name", trimmed.Length == 0 ? "REQUIRED" : "TOO_LONG", FieldTexts.QuerySubjectName(MaxNameLength));
        }
        return Query(db => RegistryStore.FindByName(db, world, trimmed)).SelectMany(s => PublicRecord.Of(s)).ToList();
    }

    private T Query<T>(Func<DbSession, T> query) => database.Read(query);
}
