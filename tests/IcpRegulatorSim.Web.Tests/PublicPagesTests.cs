using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>The public query shows the public fields only, and what a subject typed is shown as text, never run.</summary>
public sealed class PublicPagesTests(BrowserFixture browser) : WebTest(browser)
{
    private const string Script = "<script>window.injected = true</script>";

    [Fact]
    public async Task The_public_query_shows_no_private_field_and_runs_no_script_from_a_filing()
    {
        var gateway = Server.Gateway();
        var filing = new SampleFilings().Company();
        filing.Subject.Name = Script + "示例科技有限公司";
        filing.Services[0].Name = "<img src=x onerror=\"window.injected=true\">官网";
        var order = await gateway.FileAsync(filing);
        var password = (await gateway.InboxAsync(filing.Subject.Leader.Mobile)).Select(m => m.Body).Single(b => b.Contains("ICP备案密码：", StringComparison.Ordinal));
        var domain = filing.Services[0].Domains[0];

        string[] queries = [$"/query?by=domain&q={domain}", $"/query?by=number&q={Uri.EscapeDataString(order.SubjectNumber)}",
            $"/query?by=name&q={Uri.EscapeDataString(filing.Subject.Name)}", $"/query?by=number&q={Uri.EscapeDataString(order.ServiceNumbers[0].Number)}"];
        foreach (var query in queries)
        {
            await GoAsync(query);
            await Expect(Page.Locator("table.results")).ToHaveAttributeAsync("data-results", "1");
            var html = await Page.ContentAsync();
            string[] secrets = [filing.Subject.CertificateNumber, filing.Subject.Leader.CertificateNumber, filing.Subject.Leader.Mobile, filing.Subject.Leader.Email,
                filing.Services[0].Administrator.CertificateNumber, filing.Services[0].Administrator.Mobile, filing.Services[0].Administrator.Email,
                filing.Subject.Leader.CertificateNumber[^6..], PasswordIn(password)];
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            }
            // The name is on the page as the subject typed it, as text.
            await Expect(Page.Locator("table.results td").First).ToHaveTextAsync(filing.Subject.Name);
            Assert.DoesNotContain(Script, html, StringComparison.Ordinal);
            Assert.False(await Page.EvaluateAsync<bool>("window.injected === true"));
        }
        await ShotAsync("query-escaped");
    }

    [Fact]
    public async Task The_public_query_shows_whether_access_to_a_service_is_restricted()
    {
        var gateway = Server.Gateway();
        var filing = new SampleFilings().Company(websites: 2);
        var order = await gateway.FileAsync(filing);
        var restricted = order.ServiceNumbers.Single(n => n.ServiceIndex == 1).Number;
        await gateway.RestrictServiceAsync(restricted, "COMPLAINT");

        await GoAsync($"/query?by=number&q={Uri.EscapeDataString(order.SubjectNumber)}");

        await Expect(Page.Locator("table.results")).ToHaveAttributeAsync("data-results", "2");
        await Expect(Page.Locator("table.results th").Last).ToHaveTextAsync("是否限制接入");
        var rows = Page.Locator("table.results tbody tr");
        await Expect(rows.Filter(new() { HasText = restricted }).Locator("td[data-restricted]")).ToHaveAttributeAsync("data-restricted", "true");
        await Expect(rows.Filter(new() { HasText = restricted }).Locator("td[data-restricted]")).ToHaveTextAsync("是");
        await Expect(rows.Filter(new() { HasNotText = restricted }).Locator("td[data-restricted]")).ToHaveTextAsync("否");
        await ShotAsync("query-restricted");
    }

    [Fact]
    public async Task The_applicant_pages_work_without_javascript()
    {
        var gateway = Server.Gateway();
        var filing = new SampleFilings().Individual();
        var order = await gateway.SubmitAsync(filing);
        await gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var code = await gateway.LatestCodeAsync(filing.Subject.Leader.Mobile);
        await using var noScript = await Browser.NewContextAsync(new() { BaseURL = Server.WebAddress.ToString(), JavaScriptEnabled = false });
        var page = await noScript.NewPageAsync();
        await page.GotoAsync($"/sms/validate?mobile={filing.Subject.Leader.Mobile}");
        await page.Locator("input[name='Form.CertificateSuffix']").FillAsync(filing.Subject.Leader.CertificateNumber[^6..]);
        await page.Locator("input[name='Form.Code']").FillAsync(code);
        await page.Locator("form button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-outcome]")).ToHaveAttributeAsync("data-outcome", "COMPLETE");
        Assert.Equal(OrderStatus.UnderReview, (await gateway.GetFilingAsync(order.Order.OrderId)).Status);
    }

    private static string PasswordIn(string body) => body.Split("ICP备案密码：")[1][..10];
}
