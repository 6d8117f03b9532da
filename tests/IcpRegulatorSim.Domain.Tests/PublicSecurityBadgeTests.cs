using IcpRegulatorSim.Domain.PublicSecurity;

namespace IcpRegulatorSim.Domain.Tests;

public sealed class PublicSecurityBadgeTests
{
    private static readonly Uri QueryPage = new("http://127.0.0.1:8080/psb/query");

    [Fact]
    public void The_badge_shows_the_number_and_links_to_the_platforms_query_for_it()
    {
        var html = PublicSecurityBadge.Html(PublicSecurityNumber.Issue("京", "110105", 2_030_000), QueryPage);

        Assert.Contains("""href="http://127.0.0.1:8080/psb/query?number=11010502030000" """.TrimEnd(), html, StringComparison.Ordinal);
        Assert.Contains(">京公网安备11010502030000号</a>", html, StringComparison.Ordinal);
        Assert.Contains("""src="http://127.0.0.1:8080/psb/badge.png" """.TrimEnd(), html, StringComparison.Ordinal);
        Assert.Contains("（模拟）", html, StringComparison.Ordinal);
        Assert.StartsWith("<a ", html, StringComparison.Ordinal);
        Assert.EndsWith("</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_page_behind_a_path_keeps_its_path_and_host()
    {
        var html = PublicSecurityBadge.Html(PublicSecurityNumber.Issue("浙", "330106", 1), new Uri("https://sandbox.example.cn/sim/psb/query"));

        Assert.Contains("""href="https://sandbox.example.cn/sim/psb/query?number=33010600000001" """.TrimEnd(), html, StringComparison.Ordinal);
        Assert.Contains("""src="https://sandbox.example.cn/sim/psb/badge.png" """.TrimEnd(), html, StringComparison.Ordinal);
    }
}
