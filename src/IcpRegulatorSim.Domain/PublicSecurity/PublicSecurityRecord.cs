using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.PublicSecurity;

/// <summary>
/// What the platform's public query shows of a filed website: its name and domains, its subject's name and nature,
/// its number and ICP number, the office that filed it and when. Never a person's certificate, mobile or email.
/// </summary>
public sealed record PublicSecurityRecord(
    string WebsiteName,
    IReadOnlyList<string> Domains,
    string SubjectName,
    int SubjectNature,
    string Number,
    string IcpNumber,
    string OfficeCode,
    DateOnly FiledOn)
{
    /// <summary>The public record of an approved filing; null for any other (the query finds only filed websites).</summary>
    public static PublicSecurityRecord? Of(WebsiteFiling filing) =>
        filing is { Status: WebsiteFilingStatus.Approved, Number: { } number, DecidedAt: { } decided }
            ? new PublicSecurityRecord(filing.Website.Name, filing.Website.Domains, filing.Subject.Name, filing.Subject.Nature, number,
                filing.Website.IcpNumber, filing.OfficeCode, BeijingTime.DateOf(decided))
            : null;
}
