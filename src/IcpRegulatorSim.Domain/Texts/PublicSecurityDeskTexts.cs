using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Texts;

/// <summary>What the trainer's desk says of its sample public-security filing: the panel, its form and what it filed.</summary>
public static class PublicSecurityDeskTexts
{
    public static readonly PageMessage Title = new("Sample public-security filing", "示例公安联网备案");
    public static readonly PageMessage Hint = new(
        "For a website of an approved ICP filing: its subject's account (on the leader's mobile) files it, opened today, with the ICP filing's people, whose codes go to their phones.",
        "针对已通过ICP备案的网站：以主体负责人手机号注册的主体账号提交公安联网备案（开通日期为今天），人员取自ICP备案，核验码发送到其模拟手机。");
    public static readonly PageMessage IcpNumber = new("The website's ICP number", "网站ICP备案号");
    public static readonly PageMessage Submit = new("File the sample", "提交示例公安备案");
    public static readonly PageMessage Filed = new("Sample public-security filing submitted", "示例公安联网备案已提交");
    public static PageMessage Done(string filingId) => new($"Sample public-security filing {filingId} submitted.", $"示例公安联网备案 {filingId} 已提交。");
    public static readonly PageMessage FilingId = new("Filing", "备案编号");
    public static readonly PageMessage Account = new("Account", "主体账号");
    public static readonly PageMessage Token = new(
        "The account's token (shown once; calls carry it as authorization: Bearer …)", "账号令牌（仅显示一次；调用时以 authorization: Bearer … 携带）");
    public static readonly PageMessage Next = new(
        "Each person confirms the code their phone received; then the local office reviews it in working days:",
        "每位人员输入其手机收到的核验码，随后由属地公安机关在工作日内审核：");
    public static readonly PageMessage SampleAccessProvider = new("Sample Cloud", "示例云接入服务商");
    public static readonly PageMessage SampleRegistrar = new("Sample Registrar", "示例域名注册商");
    public static readonly PageMessage SampleNeedsWebsiteNumber = new(
        "Give the ICP number of a website (浙ICP备2026000001号-1), not a subject's or an app's.", "请填写网站的ICP备案号（如 浙ICP备2026000001号-1），而非主体或App的备案号。");
}
