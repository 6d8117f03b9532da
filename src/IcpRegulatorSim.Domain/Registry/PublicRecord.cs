using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Registry;

/// <summary>
/// What the public query shows of one filed service. Built only from public fields: never certificate numbers,
/// mobiles, emails or passwords.
/// </summary>
public sealed record PublicRecord(
    string SubjectName,
    int SubjectNature,
    string SubjectNumber,
    string ServiceNumber,
    ServiceKind ServiceKind,
    string ServiceName,
    string HomeUrl,
    IReadOnlyList<string> Domains,
    DateOnly ApprovedOn,
    string Province,
    bool AccessRestricted = false)
{
    public static IEnumerable<PublicRecord> Of(FiledSubject subject, Func<FiledService, bool>? which = null) =>
        subject.Services.Where(which ?? (_ => true)).Select(s => new PublicRecord(
            subject.Subject.Name,
            subject.Subject.Nature,
            subject.SubjectNumber,
            s.Number,
            s.Service.Kind,
            s.Service.Name,
            s.Service.HomeUrl,
            s.Service.Domains,
            BeijingTime.DateOf(s.ApprovedAt),
            subject.Subject.Province,
            s.Restriction is not null));
}
