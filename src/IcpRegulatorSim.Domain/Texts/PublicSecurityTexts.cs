using IcpRegulatorSim.Domain.Sms;

namespace IcpRegulatorSim.Domain.Texts;

/// <summary>
/// What the public-security platform says of a website's ICP number when it checks it against MIIT's registry, of the
/// website's other fields, and of its account's codes and token.
/// </summary>
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

    public static readonly PageMessage OpenedOn = new(
        "The opening date is a date (2025-03-01), not after today.", "开通日期须为日期（如 2025-03-01），且不晚于今天。");
    public static readonly PageMessage ServerIp = new(
        "The server's IP address is an IPv4 or IPv6 address (203.0.113.10).", "服务器IP地址须为IPv4或IPv6地址（如 203.0.113.10）。");
    public static readonly PageMessage ServerLocation = new(
        "Say where the server is: in mainland China or outside it.", "请选择服务器所在地：境内或境外。");
    public static PageMessage UnknownInteractiveService(int value) => new(
        $"{value} is not an interactive service of the platform's list.", $"{value} 不是平台所列的交互式服务。");
    public static readonly PageMessage AccountTokenRequired = new(
        "A call of the public-security platform carries its account's token (authorization: Bearer psb-<token>).",
        "公安联网备案平台的调用须携带账号令牌（authorization: Bearer psb-<令牌>）。");
    public static readonly PageMessage NoCodeSent = new(
        "No registration code was sent to this mobile, or it has expired: ask for one.", "未向该手机号码发送注册验证码，或验证码已过期，请重新获取。");
    public static PageMessage CodeSentRecently(TimeSpan wait) => new(
        $"A code was sent to this mobile a moment ago: another may be asked for in {Math.Ceiling(wait.TotalSeconds):0} seconds.",
        $"刚刚已向该手机号码发送验证码，请{Math.Ceiling(wait.TotalSeconds):0}秒后再获取。");
    public static PageMessage CodesPerDayReached(int perDay) => new(
        $"This mobile has received {perDay} registration codes today, as many as a day allows: ask again tomorrow.",
        $"该手机号码今日已接收{perDay}条注册验证码，已达每日上限，请明日再获取。");
    public static readonly PageMessage WrongCode = new(
        "The code is not the one sent to this mobile.", "验证码与发送到该手机号码的不一致。");
    public static PageMessage UnknownRejectionReason(string code) => new(
        $"'{code}' is not a rejection reason of the platform's code table.", $"“{code}”不是平台驳回原因代码表中的代码。");
    public static PageMessage UnknownOffice(string code) => new(
        $"'{code}' is not the code of a public-security office.", $"“{code}”不是公安机关的代码。");
    public static readonly PageMessage QueryNumber = new(
        "A public-security filing number, such as 京公网安备11010502030000号.", "请输入公安联网备案号，如 京公网安备11010502030000号。");
}
