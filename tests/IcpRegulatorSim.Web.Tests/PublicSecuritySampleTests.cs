using Grpc.Core;
using IcpRegulatorSim.Contracts.PublicSecurity.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>
/// The desk's sample public-security filing: for an approved ICP website, its subject's account files it with the ICP
/// filing's people, whose codes reach their phones, with the scenario typed; a number that is no website's is refused.
/// </summary>
public sealed class PublicSecuritySampleTests(BrowserFixture browser) : WebTest(browser)
{
    [Theory]
    [InlineData("zh", "示例公安联网备案")]
    [InlineData("en", "Sample public-security filing")]
    public async Task The_desk_files_an_approved_icp_website_with_its_people_and_the_scenario_typed(string language, string title)
    {
        var gateway = Server.Gateway();
        var filing = new SampleFilings().Individual();
        var order = await gateway.FileAsync(filing);
        var number = order.ServiceNumbers.Single().Number;
        await SignInAsync(language == "en" ? "/admin?lang=en" : "/admin");

        var panel = Page.Locator("section.psb-sample");
        await Expect(panel.Locator("h2")).ToHaveTextAsync(title);
        await panel.Locator("input[name='Form.IcpNumber']").FillAsync(number);
        await panel.Locator("input[name='Form.Scenario']").FillAsync("psb-overdue");
        await panel.Locator("button[type=submit]").ClickAsync();

        await Expect(Page.Locator("[data-done=psb-sample]")).ToBeVisibleAsync();
        var filed = panel.Locator(".psb-filed");
        var filingId = await filed.GetAttributeAsync("data-filing") ?? "";
        Assert.StartsWith("psf-", filingId);
        var leader = filing.Subject.Leader;
        await Expect(filed.Locator("a.mobile")).ToHaveCountAsync(3);
        Assert.All(await filed.Locator("a.mobile").AllInnerTextsAsync(), m => Assert.Equal(leader.Mobile, m));
        Assert.Contains(await gateway.InboxAsync(leader.Mobile), m => m.Body.Contains(filingId, StringComparison.Ordinal));

        // The account's token, shown once, is the account's over gRPC: the filing is there, with the scenario it was given.
        var token = await filed.Locator("code.token").InnerTextAsync();
        var headers = new Metadata { { "authorization", $"Bearer {token}" } };
        var psb = new PsbFilingService.PsbFilingServiceClient(Server.Channel());
        var stored = (await psb.GetWebsiteFilingAsync(new GetWebsiteFilingRequest { FilingId = filingId }, headers)).Filing;
        Assert.Equal((WebsiteFilingStatus.AwaitingConfirmation, number, true), (stored.Status, stored.Website.IcpNumber, stored.Overdue));
        Assert.Equal(filing.Services[0].Domains, stored.Website.Domains);

        // A second sample of the same subject files with the account it has: no new token.
        await panel.Locator("input[name='Form.IcpNumber']").FillAsync(number);
        await panel.Locator("input[name='Form.Scenario']").FillAsync("");
        await panel.Locator("button[type=submit]").ClickAsync();
        await Expect(panel.Locator(".psb-filed")).Not.ToHaveAttributeAsync("data-filing", filingId);
        await Expect(panel.Locator("code.token")).ToHaveCountAsync(0);
        Assert.Equal(2, (await psb.ListWebsiteFilingsAsync(new ListWebsiteFilingsRequest(), headers)).Filings.Count);
    }

    [Theory]
    [InlineData("京ICP备2026000001号", "icp_number")]
    [InlineData("", "icp_number")]
    public async Task A_number_that_is_no_websites_is_refused_naming_the_field(string number, string field)
    {
        await SignInAsync();
        var panel = Page.Locator("section.psb-sample");
        await panel.Locator("input[name='Form.IcpNumber']").FillAsync(number);
        await panel.Locator("button[type=submit]").ClickAsync();

        await Expect(Page.Locator($"[role=alert] li[data-field='{field}']")).ToBeVisibleAsync();
        await Expect(panel.Locator(".psb-filed")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_scenario_named_wrongly_is_refused_naming_the_header()
    {
        var order = await Server.Gateway().FileAsync(new SampleFilings().Individual());
        await SignInAsync();
        var panel = Page.Locator("section.psb-sample");
        await panel.Locator("input[name='Form.IcpNumber']").FillAsync(order.ServiceNumbers.Single().Number);
        await panel.Locator("input[name='Form.Scenario']").FillAsync("psb-reject:NOPE");
        await panel.Locator("button[type=submit]").ClickAsync();

        await Expect(Page.Locator("[role=alert] li[data-field='x-psb-scenario']")).ToBeVisibleAsync();
        await Expect(panel.Locator(".psb-filed")).ToHaveCountAsync(0);
    }
}
