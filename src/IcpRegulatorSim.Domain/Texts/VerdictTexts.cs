using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Texts;

/// <summary>What the "verify filing type" step answers, in words beside its verdict, once in English and once in Chinese.</summary>
public static class VerdictTexts
{
    public static PageMessage Explain(Verdict verdict, FilingType type, string? subjectNumber, string? serviceNumber) => verdict switch
    {
        Verdict.Filable when type == FilingType.Initial => new("Neither the subject nor the service is filed: an initial filing.", "主体和网站均未备案：首次备案。"),
        Verdict.Filable when type == FilingType.AddService => new($"The subject is filed as {subjectNumber}: a new service.", $"主体已备案（{subjectNumber}）：新增网站或App。"),
        Verdict.Filable => new($"{serviceNumber} is filed through another provider: new access, with the ICP filing password.",
            $"{serviceNumber} 已在其他接入商处备案：新增接入，须提供ICP备案密码。"),
        Verdict.FiledUnderAnotherSubject => new("The domain or app is filed, or being filed, under another subject.", "该域名或App已在其他主体下备案或正在备案。"),
        Verdict.AlreadyHosted => new($"{serviceNumber} is already hosted by this provider: change or cancel it instead.",
            $"{serviceNumber} 已在本接入商处接入：请办理变更或注销。"),
        Verdict.ProvinceMismatch => new($"The subject is filed in another province as {subjectNumber}: cancel there, then file anew here.",
            $"该主体已在其他省份备案（{subjectNumber}）：须先注销再在本省重新备案。"),
        _ => new("", ""),
    };
}
