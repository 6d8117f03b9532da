using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Time;

namespace IcpRegulatorSim.Domain.Tests;

/// <summary>
/// Well-formed filing data. Every certificate number here passes its check character; each call returns new values,
/// so a test that edits one with <c>with</c> changes nothing for any other test.
/// </summary>
public static class Samples
{
    /// <summary>Monday 2025-03-03, 10:00 Beijing time: an ordinary working morning.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2025, 3, 3, 10, 0, 0, BeijingTime.Offset);

    public static readonly DateOnly Today = new(2025, 3, 3);

    public const string CreditCode = "91330106MA2KEXAMP4";
    public const string ChinaMobile = "13800138000";
    public const string ChinaUnicom = "13012345678";
    public const string ChinaTelecom = "18912345678";

    public static Person Leader() => new("张三", 2, "330106198503071238", ChinaMobile, "zhangsan@example.cn");

    public static Person Administrator() => new("李四", 2, "11010519491231002X", ChinaUnicom, "lisi@example.cn");

    public static Person SecondAdministrator() => new("王五", 2, "110101199003074514", ChinaTelecom, "wangwu@example.cn");

    public static Address Address(string province = "zhejiang") => new(province, "杭州市", "西湖区文三路 100 号");

    public static Subject Company(string province = "zhejiang") =>
        new(4, "杭州示例科技有限公司", 13, CreditCode, province, Address(province), Address(province), Leader());

    public static Service Website(string domain = "example.cn", Person? administrator = null) =>
        new(ServiceKind.Website, "示例科技官网", [domain], $"https://www.{domain}/", [1], "企业介绍", administrator ?? Administrator());

    /// <summary>A website an individual may run: a personal name, no business content.</summary>
    public static Service PersonalWebsite(string domain = "example.cn") =>
        Website(domain) with { Name = "张三的读书笔记", ServiceContent = "个人读书笔记" };

    public static Service App(Person? administrator = null, string packageName = "cn.example.shop") =>
        new(ServiceKind.App, "示例 App", [], "", [1], "企业介绍", administrator ?? Administrator(),
            new AppInfo(packageName, AppPlatform.Android, "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", "0123456789ABCDEF0123456789abcdef"));

    /// <summary>A company in <paramref name="province"/> filing one website: the plainest INITIAL filing.</summary>
    public static Filing InitialFiling(string province = "zhejiang") => new(Company(province), [Website()]);
}
