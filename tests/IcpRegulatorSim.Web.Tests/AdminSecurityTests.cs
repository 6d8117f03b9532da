using System.Net;
using System.Text.RegularExpressions;
using IcpRegulatorSim.Server.Hosting;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>The trainer's and the reviewer's pages need the admin key; every form that changes state needs its token.</summary>
public sealed partial class AdminSecurityTests(BrowserFixture browser) : WebTest(browser)
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/reviews")]
    [InlineData("/admin/orders/ord-00000001")]
    public async Task A_visitor_without_the_key_is_sent_to_the_sign_in_page(string path)
    {
        await GoAsync(path);
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/login\\?ReturnUrl="));
        await Expect(Page.Locator("h1")).ToHaveTextAsync("培训老师与审核人员登录");
        await Page.Locator("input[name='Form.Key']").FillAsync(RegulatorOptions.SandboxProviderKey);
        await Page.Locator("form button[type=submit]").ClickAsync();
        // A provider key is not an admin key.
        await Expect(Page.Locator(".error")).ToHaveTextAsync("该密钥不是本模拟器的管理员密钥。");
        Assert.DoesNotContain(await Context.CookiesAsync(), c => c.Name == "icp.admin");
        await ShotAsync("login");
    }

    [Fact]
    public async Task The_admin_cookie_is_http_only_and_same_site_strict()
    {
        await SignInAsync();
        var cookie = Assert.Single(await Context.CookiesAsync(), c => c.Name == "icp.admin");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Playwright.SameSiteAttribute.Strict, cookie.SameSite);
    }

    [Fact]
    public async Task A_form_posted_without_its_token_is_refused_and_changes_nothing()
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Server.WebAddress };
        await SignInAsync(client);

        var sample = new Dictionary<string, string>
        {
            ["_handler"] = "sample",
            ["Sample.Kind"] = "individual",
            ["Sample.Province"] = "beijing",
            ["Sample.LeaderMobile"] = "13800138000",
        };
        var refused = await client.PostAsync("/admin", new FormUrlEncodedContent(sample));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var logout = await client.PostAsync("/admin/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);

        var desk = await client.GetStringAsync("/admin");
        Assert.Contains("暂无申请", desk);
        // The same form with its token goes through: the refusal was the token's.
        sample["__RequestVerificationToken"] = Token(desk);
        var accepted = await (await client.PostAsync("/admin", new FormUrlEncodedContent(sample))).Content.ReadAsStringAsync();
        Assert.Contains("data-order=\"ord-00000001\"", accepted);
    }

    private static async Task SignInAsync(HttpClient client)
    {
        var login = await client.GetStringAsync("/admin/login");
        var signedIn = await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = Token(login),
            ["Form.Key"] = RegulatorOptions.SandboxAdminKey,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("icp.admin=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static string Token(string html) => TokenField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No token on the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
