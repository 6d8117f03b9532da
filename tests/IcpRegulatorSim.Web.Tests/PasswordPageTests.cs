using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>Retrieving the filing password on the page: the new one goes to the leader; guessing is limited per day.</summary>
public sealed class PasswordPageTests(BrowserFixture browser) : WebTest(browser)
{
    [Fact]
    public async Task The_right_certificate_sends_a_new_password_to_the_leaders_phone()
    {
        var gateway = Server.Gateway();
        var filing = new SampleFilings().Individual();
        var order = await gateway.FileAsync(filing);
        var leader = filing.Subject.Leader;

        await GoAsync("/password");
        await Retrieve(order.SubjectNumber, leader.CertificateNumber);
        await Expect(Page.Locator("[data-outcome=SENT]")).ToContainTextAsync($"{leader.Mobile[..3]}****{leader.Mobile[^4..]}");
        await ShotAsync("password");
        Assert.Contains((await gateway.InboxAsync(leader.Mobile)).Select(m => m.Body), b => b.Contains("备案密码已重置为", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Five_wrong_certificates_lock_retrieval_for_the_day()
    {
        var gateway = Server.Gateway();
        var filing = new SampleFilings().Individual();
        var order = await gateway.FileAsync(filing);
        var wrong = new SampleFilings(seed: 9).Individual().Subject.Leader.CertificateNumber;

        await GoAsync("/password");
        for (var i = 0; i < 5; i++)
        {
            await Retrieve(order.SubjectNumber, wrong);
            await Expect(Page.Locator(".error p")).ToHaveTextAsync("证件号码与该主体负责人不符。");
        }
        // Locked: even the right certificate waits for tomorrow, so the page is no oracle for guesses.
        await Retrieve(order.SubjectNumber, filing.Subject.Leader.CertificateNumber);
        await Expect(Page.Locator(".error p")).ToContainTextAsync("失败次数过多");
        await gateway.AdvanceClockAsync(TimeSpan.FromDays(1));
        await Retrieve(order.SubjectNumber, filing.Subject.Leader.CertificateNumber);
        await Expect(Page.Locator("[data-outcome=SENT]")).ToBeVisibleAsync();
    }

    private async Task Retrieve(string subjectNumber, string certificate)
    {
        await Page.Locator("input[name='Form.SubjectNumber']").FillAsync(subjectNumber);
        await Page.Locator("input[name='Form.LeaderCertificateNumber']").FillAsync(certificate);
        // The retrieval is a form POST to the page itself: wait for its answer, not for a load event (a page that posts
        // to itself can be caught between two documents, and a busy machine left that wait hanging).
        await Page.RunAndWaitForResponseAsync(() => Page.Locator("form button[type=submit]").ClickAsync(),
            response => response.Request.Method == "POST");
    }
}
