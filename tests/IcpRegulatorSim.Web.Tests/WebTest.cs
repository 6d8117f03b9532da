using System.Text.RegularExpressions;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Testing;
using Microsoft.Playwright;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>
/// A test that owns a fresh server and a fresh browser context (its own cookies), and clicks through the pages as a
/// trainer or a trainee would. With ICP_SCREENSHOTS set to a directory, <see cref="ShotAsync"/> saves each page there.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract partial class WebTest(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>A phone's screen in CSS pixels, as a trainee holds it (a common phone's 390×844).</summary>
    protected const int PhoneWidth = 390;
    protected const int PhoneHeight = 844;

    protected RegulatorServer Server { get; private set; } = null!;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;
    protected IBrowser Browser => browser.Browser;

    public async Task InitializeAsync()
    {
        Server = await RegulatorServer.StartAsync();
        Context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.WebAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "zh-CN" });
        // Generous for a busy machine: nothing here waits on time, only on the page answering.
        Context.SetDefaultTimeout(30_000);
        Page = await Context.NewPageAsync();
    }

    /// <summary>Goes on in a fresh context (no cookies) on a phone: its width, its touch screen and its pixel density.</summary>
    protected async Task UsePhoneAsync(bool javaScript = true)
    {
        await Context.DisposeAsync();
        Context = await browser.Browser.NewContextAsync(PhoneContext(javaScript));
        Context.SetDefaultTimeout(30_000);
        Page = await Context.NewPageAsync();
    }

    private BrowserNewContextOptions PhoneContext(bool javaScript) => new()
    {
        BaseURL = Server.WebAddress.ToString(),
        ViewportSize = new() { Width = PhoneWidth, Height = PhoneHeight },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 2,
        Locale = "zh-CN",
        JavaScriptEnabled = javaScript,
    };

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        await Server.DisposeAsync();
    }

    protected Task GoAsync(string path) => Page.GotoAsync(path);

    /// <summary>Signs in on the login page with the sandbox admin key.</summary>
    protected async Task SignInAsync(string? returnTo = "/admin")
    {
        await GoAsync($"/admin/login?ReturnUrl={Uri.EscapeDataString(returnTo ?? "/admin")}");
        await Page.Locator("input[name='Form.Key']").FillAsync(RegulatorOptions.SandboxAdminKey);
        await Page.Locator("form button[type=submit]").ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/admin/login"));
    }

    /// <summary>Submits a sample from the trainer's desk; returns its order id and the last six of each person, leader first.</summary>
    protected async Task<(string OrderId, IReadOnlyList<string> Suffixes)> SubmitSampleAsync(
        string leaderMobile, string administratorMobile = "", string scenario = "", string world = "")
    {
        await GoAsync(world.Length == 0 ? "/admin" : $"/admin?world={world}");
        var form = Page.Locator("form:has(input[name='Sample.LeaderMobile'])");
        await form.Locator("select[name='Sample.Kind']").SelectOptionAsync(administratorMobile.Length > 0 ? "company" : "individual");
        await form.Locator("input[name='Sample.LeaderMobile']").FillAsync(leaderMobile);
        await form.Locator("input[name='Sample.AdministratorMobile']").FillAsync(administratorMobile);
        await form.Locator("input[name='Sample.Scenario']").FillAsync(scenario);
        await form.Locator("button[type=submit]").ClickAsync();
        var sample = Page.Locator("section.sample");
        await Assertions.Expect(sample).ToBeVisibleAsync();
        var orderId = await sample.GetAttributeAsync("data-order") ?? throw new InvalidOperationException("The desk showed no order id.");
        return (orderId, await sample.Locator(".suffix").AllInnerTextsAsync());
    }

    /// <summary>Clicks one of the desk's clock buttons: <c>5m</c>, <c>1d</c> or <c>20wd</c>.</summary>
    protected async Task AdvanceAsync(string step, string world = "")
    {
        await GoAsync(world.Length == 0 ? "/admin" : $"/admin?world={world}");
        await Page.Locator($"button[name='Clock.Step'][value='{step}']").ClickAsync();
        await Assertions.Expect(Page.Locator("[data-done=advanced]")).ToBeVisibleAsync();
    }

    /// <summary>The newest code on the simulated phone of <paramref name="mobile"/>, read from the SMS as a trainee reads it.</summary>
    protected async Task<string> ReadCodeAsync(string mobile, string world = "")
    {
        await GoAsync(world.Length == 0 ? $"/phone?mobile={mobile}" : $"/phone?mobile={mobile}&world={world}");
        var body = await Page.Locator("#inbox article.sms .body").First.InnerTextAsync();
        return Code().Match(body) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No code in the SMS: {body}");
    }

    /// <summary>Types the mobile (unless the page has it), the last six and the code on the validation page; returns the outcome shown.</summary>
    protected async Task<string> ValidateAsync(string? mobile, string suffix, string code)
    {
        if (mobile is not null)
        {
            await Page.Locator("input[name='Form.Mobile']").FillAsync(mobile);
        }
        await Page.Locator("input[name='Form.CertificateSuffix']").FillAsync(suffix);
        await Page.Locator("input[name='Form.Code']").FillAsync(code);
        await Page.Locator("form button[type=submit]").ClickAsync();
        var outcome = Page.Locator("[data-outcome]");
        await Assertions.Expect(outcome).ToBeVisibleAsync();
        return await outcome.GetAttributeAsync("data-outcome") ?? "";
    }

    /// <summary>
    /// Saves a screenshot of the whole page (or of the window, for a page too long to look at whole) as
    /// docs/screenshots/<paramref name="name"/>.png when ICP_SCREENSHOTS names a directory.
    /// </summary>
    protected async Task ShotAsync(string name, bool fullPage = true)
    {
        if (Environment.GetEnvironmentVariable("ICP_SCREENSHOTS") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            await Page.ScreenshotAsync(new() { Path = Path.Combine(directory, name + ".png"), FullPage = fullPage });
        }
    }

    [GeneratedRegex("核验码为(\\d{6})")]
    private static partial Regex Code();
}
