using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>The simulated phone and mailbox: messages arrive while the trainee watches, without a reload.</summary>
public sealed class PhoneTests(BrowserFixture browser) : WebTest(browser)
{
    [Fact]
    public async Task A_new_sms_appears_on_the_open_phone_without_a_reload()
    {
        var samples = new SampleFilings();
        var filing = samples.Individual();
        var mobile = filing.Subject.Leader.Mobile;
        await GoAsync($"/phone?mobile={mobile}");
        await Expect(Page.Locator("#inbox .empty")).ToBeVisibleAsync();
        await Expect(Page.Locator("p.notice")).ToContainTextAsync("模拟");
        // A mark on this page's window: a reload would wipe it.
        await Page.EvaluateAsync("window.stillTheSamePage = true");

        var gateway = Server.Gateway();
        await gateway.SubmitAsync(filing);
        await gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));

        var sms = Page.Locator("#inbox article.sms");
        await Expect(sms).ToHaveCountAsync(1);
        await Expect(sms).ToContainTextAsync(await gateway.LatestCodeAsync(mobile));
        await Expect(sms.Locator("a.open-validation")).ToHaveAttributeAsync("href", $"/sms/validate?mobile={mobile}");
        Assert.True(await Page.EvaluateAsync<bool>("window.stillTheSamePage === true"));
    }

    [Fact]
    public async Task The_mailbox_shows_the_approval_email_and_says_it_is_simulated()
    {
        var gateway = Server.Gateway();
        var filing = new SampleFilings().Individual();
        await gateway.FileAsync(filing);
        var email = filing.Subject.Leader.Email;

        await GoAsync($"/mailbox?email={email}");
        var mail = Page.Locator("#inbox article.email");
        await Expect(mail.First).ToContainTextAsync("ICP备案审核通过");
        await Expect(mail.First).ToContainTextAsync("并非工业和信息化部发出");
        await Expect(Page.Locator(".simulated")).ToBeVisibleAsync();
        // The addresses written to are called addresses, not numbers.
        await Expect(Page.Locator("p.known")).ToContainTextAsync("最近收到邮件的邮箱：");
        await ShotAsync("mailbox");
    }
}
