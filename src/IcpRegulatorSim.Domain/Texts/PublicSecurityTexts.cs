using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Texts;

/// <summary>What the public-security platform says of a website's ICP number when it checks it against MIIT's registry.</summary>
public static class PublicSecurityTexts
{
    public static readonly PageMessage IcpNumberRequired = new(
        "A website hosted in mainland China files with its ICP number.", "境内接入的网站须填写ICP备案号。");
    public static PageMessage NotAnIcpNumber(string value) => new(
        $"'{value}' is not an ICP filing number (京ICP备2024012345号-1).", $"“{value}”不是ICP备案号（如 京ICP备2024012345号-1）。");
    public static PageMessage AppNumber(string value) => new(
        $"{value} is an app's number; a website files with its own or its subject's.", $"{value} 是App的备案号，网站应填写网站或主体的备案号。");
    public static PageMessage IcpNumberNotFound(string value) => new(
        $"{value} is not in MIIT's registry.", $"工业和信息化部备案系统中无备案号 {value}。");
    public static PageMessage IcpNumberNotInForce(string value) => new(
        $"{value} is no longer in force: its filing was revoked or cancelled.", $"备案号 {value} 已失效（已撤销或注销）。");
    public static PageMessage IcpSubjectMismatch(string value) => new(
        $"{value} is filed by another subject: the certificate does not match.", $"备案号 {value} 的主办单位与本主体证件不一致。");
    public static PageMessage DomainNotCovered(string domain, string value) => new(
        $"{domain} is not a domain of {value}.", $"域名 {domain} 不在备案号 {value} 的备案范围内。");

    /// <summary>The badge's title: the platform's name, and that this one is simulated.</summary>
    public static readonly PageMessage BadgeTitle = new(
        "National Internet Security Management Service Platform (simulated)", "全国互联网安全管理服务平台（模拟）");
}
