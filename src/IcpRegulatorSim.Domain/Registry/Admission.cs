using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;

namespace IcpRegulatorSim.Domain.Registry;

/// <summary>What the registry says about a submission's subject and domains, gathered by the store.</summary>
public sealed record AdmissionFacts(string? OpenOrderId, FiledSubject? FiledSubject, IReadOnlyList<string> DomainsHeldByOthers);

/// <summary>The rules of state a submission must pass, and the filing type the regulator determines.</summary>
public static class Admission
{
    /// <summary>The order types this regulator accepts; the others are refused with the type it determined.</summary>
    public static readonly IReadOnlySet<FilingType> Accepted = new HashSet<FilingType> { FilingType.Initial };

    public static FilingType Admit(FilingType requested, AdmissionFacts facts)
    {
        if (facts.OpenOrderId is { } open)
        {
            throw new RegulatorException(RegulatorErrors.OrderInProcess,
                preconditionViolations: [new PreconditionViolation("ORDER_IN_PROCESS", open,
                    $"Order {open} of this subject is in process.", $"该主体的备案申请 {open} 正在办理中。")]);
        }
        if (facts.DomainsHeldByOthers.Count > 0)
        {
            throw new RegulatorException(RegulatorErrors.DomainConflict,
                preconditionViolations: facts.DomainsHeldByOthers
                    .Select(d => new PreconditionViolation("DOMAIN_CONFLICT", d,
                        $"{d} is filed, or being filed, under another subject.", $"域名 {d} 已在其他主体下备案或正在备案。"))
                    .ToList());
        }
        var determined = facts.FiledSubject is null ? FilingType.Initial : FilingType.AddService;
        if ((requested != FilingType.Unspecified && requested != determined) || !Accepted.Contains(determined))
        {
            throw new RegulatorException(RegulatorErrors.FilingTypeMismatch,
                preconditionViolations: [new PreconditionViolation("FILING_TYPE", determined.ToString(),
                    $"The regulator determined {determined}" + (facts.FiledSubject is { } f ? $": the subject is filed as {f.SubjectNumber}." : "."),
                    $"备案系统判定的备案类型为 {determined}。")],
                detailEn: $"(determined: {determined})", detailZh: $"（判定类型：{determined}）");
        }
        return determined;
    }
}
