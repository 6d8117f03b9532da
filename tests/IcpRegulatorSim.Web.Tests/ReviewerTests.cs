using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>The reviewer's console decides through the same desk as ReviewService: the provider's feed hears of it.</summary>
public sealed class ReviewerTests(BrowserFixture browser) : WebTest(browser)
{
    [Fact]
    public async Task A_rejection_from_the_console_reaches_the_providers_feed_with_its_reason_code()
    {
        var gateway = Server.Gateway();
        var filing = new SampleFilings().Company("zhejiang");
        var order = await gateway.SubmitAndValidateAsync(filing);

        await SignInAsync();
        await GoAsync("/admin/reviews?province=zhejiang");
        var row = Page.Locator($"table.pending tr:has(a:text-is('{order.OrderId}'))");
        await Expect(row).ToContainTextAsync(filing.Subject.Name);
        // The whole data is one click away in the list: people, certificate numbers, domains.
        await Page.Locator("table.pending details summary").First.ClickAsync();
        var whole = Page.Locator("table.pending details").First;
        await Expect(whole).ToContainTextAsync(filing.Subject.Leader.CertificateNumber);
        await Expect(whole).ToContainTextAsync(filing.Services[0].Administrator.Mobile);
        await Expect(whole).ToContainTextAsync(filing.Services[0].Domains[0]);
        await ShotAsync("reviews-whole-data");
        // Another province's list does not show it.
        await GoAsync("/admin/reviews?province=beijing");
        await Expect(Page.Locator(".empty")).ToBeVisibleAsync();

        await GoAsync($"/admin/orders/{order.OrderId}");
        await Page.Locator("select[name='RejectForm.Text']").SelectOptionAsync("WEBSITE_NAME");
        await Page.Locator("form:has(select[name='RejectForm.Text']) button[type=submit]").ClickAsync();
        await Expect(Page.Locator(".status")).ToHaveTextAsync("审核未通过");
        await Expect(Page.Locator("ol.timeline li.bad").Last).ToContainTextAsync("网站名称不符合命名要求");

        var ended = await gateway.WatchFilingsAsync().FirstAsync(e => e.OrderId == order.OrderId && e.Kind == OrderEventKind.Rejected);
        Assert.Equal("WEBSITE_NAME", ended.ReasonCode);
        Assert.Equal("网站名称不符合命名要求或与网站内容不符。", ended.Reason.Zh);
    }

    [Fact]
    public async Task An_approval_from_the_console_issues_the_numbers_the_provider_sees()
    {
        var gateway = Server.Gateway();
        var order = await gateway.SubmitAndValidateAsync(new SampleFilings().Individual());
        await SignInAsync();
        await GoAsync($"/admin/orders/{order.OrderId}?lang=en");
        await Page.Locator("input[name='ApproveForm.Reviewer']").FillAsync("Reviewer Li");
        await Page.Locator("form:has(input[name='ApproveForm.Reviewer']) button[type=submit]").ClickAsync();
        await Expect(Page.Locator(".status")).ToHaveTextAsync("Approved");

        var approved = await gateway.GetFilingAsync(order.OrderId);
        Assert.Equal(OrderStatus.Approved, approved.Status);
        await Expect(Page.Locator("ol.timeline")).ToContainTextAsync($"Approved. Subject number {approved.SubjectNumber}");
        var ended = await gateway.WatchFilingsAsync().FirstAsync(e => e.OrderId == order.OrderId && e.Kind == OrderEventKind.Approved);
        Assert.Equal(approved.SubjectNumber, ended.SubjectNumber);
    }
}
