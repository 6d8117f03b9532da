using System.Text.RegularExpressions;
using IcpRegulatorSim.Contracts.V1;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>
/// The public-security platform's pages as a subject uses them after its ICP approval: the account registered with the
/// code its phone receives, a website filed, and each person's code read on their simulated phone and entered.
/// </summary>
public abstract partial class WebTest
{
    private const int IndividualNature = 5;

    /// <summary>
    /// A form's answer is a redirect: once the browser is at its address, what the test expects of the page waits for
    /// the page. Waiting for its load event instead once timed out on a busy machine, the event missed though the page
    /// was there and the network idle.
    /// </summary>
    protected static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

    /// <summary><paramref name="path"/> in English when <paramref name="english"/>, else as it is (Chinese).</summary>
    protected static string In(bool english, string path) =>
        english ? path + (path.Contains('?') ? "&" : "?") + "lang=en" : path;

    /// <summary>Registers the filed subject's account on /psb/register, its leader's mobile receiving the code; ends on the subject's filings.</summary>
    protected async Task RegisterOnPlatformAsync(Filing filing, bool english, string? shot = null)
    {
        var subject = filing.Subject;
        await GoAsync(In(english, "/psb/register"));
        await Page.Locator("input[name='CodeForm.Mobile']").FillAsync(subject.Leader.Mobile);
        await Page.Locator("form:has(input[name='CodeForm.Mobile']) button[type=submit]").ClickAsync();
        await Expect(Page.Locator($"[data-sent='{subject.Leader.Mobile}']")).ToBeVisibleAsync();
        var code = (await CodesOnPhoneAsync(subject.Leader.Mobile, RegistrationCode())).First();

        await Page.Locator("select[name='Form.Nature']").SelectOptionAsync(subject.Nature.ToString());
        await Page.Locator("input[name='Form.Name']").FillAsync(subject.Name);
        await Page.Locator("select[name='Form.CertificateType']").SelectOptionAsync(subject.CertificateType.ToString());
        await Page.Locator("input[name='Form.CertificateNumber']").FillAsync(subject.CertificateNumber);
        await Page.Locator("select[name='Form.Province']").SelectOptionAsync(subject.Province);
        await Page.Locator("input[name='Form.City']").FillAsync(subject.CertificateAddress.City);
        await Page.Locator("input[name='Form.Address']").FillAsync(subject.CertificateAddress.Detail);
        // An individual leaves its responsible person empty, as the page says: it is the subject.
        if (subject.Nature != IndividualNature)
        {
            await Page.Locator("input[name='Form.LeaderName']").FillAsync(subject.Leader.Name);
            await Page.Locator("select[name='Form.LeaderCertificateType']").SelectOptionAsync(subject.Leader.CertificateType.ToString());
            await Page.Locator("input[name='Form.LeaderCertificateNumber']").FillAsync(subject.Leader.CertificateNumber);
        }
        await Expect(Page.Locator("input[name='Form.Mobile']")).ToHaveValueAsync(subject.Leader.Mobile);
        await Page.Locator("input[name='Form.Code']").FillAsync(code);
        await Page.Locator("input[name='Form.Email']").FillAsync(subject.Leader.Email);
        if (shot is not null)
        {
            await ShotAsync(shot);
        }
        await Page.Locator("form:has(input[name='Form.Code']) button[type=submit]").ClickAsync();
        await Page.WaitForURLAsync(new Regex("/psb/filings"), Committed);
        await Expect(Page.Locator("[data-account]")).ToHaveTextAsync(subject.Name);
    }

    /// <summary>
    /// Fills the filing form for the filing's website (its first unless told) with <paramref name="icpNumber"/>: the website's administrator
    /// as its responsible person and emergency contact, the subject's leader as its security officer. Does not submit.
    /// </summary>
    protected async Task FillWebsiteFilingAsync(Filing filing, string icpNumber, bool english, int service = 0)
    {
        var website = filing.Services[service];
        await GoAsync(In(english, "/psb/file"));
        await Page.Locator("input[name='Form.Name']").FillAsync(website.Name);
        await Page.Locator("textarea[name='Form.Domains']").FillAsync(string.Join("\n", website.Domains));
        await Page.Locator("input[name='Form.IcpNumber']").FillAsync(icpNumber);
        await Page.Locator("input[name='Form.ServerIp']").FillAsync("203.0.113.10");
        await Page.Locator("input[name='Form.AccessProvider']").FillAsync("示例云计算有限公司");
        await Page.Locator("input[name='Form.DomainRegistrar']").FillAsync("示例域名注册服务有限公司");
        await Page.Locator("input[name='Form.Comments']").CheckAsync();
        await Page.Locator("input[name='Form.SecurityAssessment']").FillAsync("PG-2026-0001");
        foreach (var (prefix, person) in new[] { ("Responsible", website.Administrator), ("Officer", filing.Subject.Leader), ("Emergency", website.Administrator) })
        {
            await Page.Locator($"input[name='Form.{prefix}.Name']").FillAsync(person.Name);
            await Page.Locator($"select[name='Form.{prefix}.CertificateType']").SelectOptionAsync(person.CertificateType.ToString());
            await Page.Locator($"input[name='Form.{prefix}.CertificateNumber']").FillAsync(person.CertificateNumber);
            await Page.Locator($"input[name='Form.{prefix}.Mobile']").FillAsync(person.Mobile);
            await Page.Locator($"input[name='Form.{prefix}.Email']").FillAsync(person.Email);
        }
    }

    protected Task SubmitWebsiteFilingAsync() => Page.Locator("form:has(input[name='Form.IcpNumber']) button[type=submit]").ClickAsync();

    /// <summary>Files the filing's website on the form and its people enter their codes; returns the filing's id, under review.</summary>
    protected async Task<string> FileAndConfirmOnPlatformAsync(Filing filing, string icpNumber, bool english, int service = 0)
    {
        await FillWebsiteFilingAsync(filing, icpNumber, english, service);
        await SubmitWebsiteFilingAsync();
        await Page.WaitForURLAsync(new Regex("/psb/filings\\?.*id=psf-"), Committed);
        var filingId = await Page.Locator("article.filing").GetAttributeAsync("data-filing") ?? throw new InvalidOperationException("No filing shown.");
        await ConfirmCodesOnPlatformAsync(filingId, [filing.Services[service].Administrator.Mobile, filing.Subject.Leader.Mobile], english);
        await Expect(Page.Locator("article.filing")).ToHaveAttributeAsync("data-status", "UNDER_REVIEW");
        return filingId;
    }

    /// <summary>Each mobile of the filing enters every code its phone received for it, on the filing's page; ends there.</summary>
    protected async Task ConfirmCodesOnPlatformAsync(string filingId, IReadOnlyList<string> mobiles, bool english)
    {
        foreach (var mobile in mobiles.Distinct())
        {
            var codes = await CodesOnPhoneAsync(mobile, ContactCode(), filingId);
            foreach (var code in codes)
            {
                await GoAsync(In(english, $"/psb/filings?id={filingId}"));
                await Page.Locator("select[name='Confirm.Mobile']").SelectOptionAsync(mobile);
                await Page.Locator("input[name='Confirm.Code']").FillAsync(code);
                await Page.Locator("form:has(input[name='Confirm.Code']) button[type=submit]").ClickAsync();
                await Expect(Page.Locator("[data-done=confirmed]")).ToBeVisibleAsync();
            }
        }
    }

    /// <summary>The codes on the simulated phone of <paramref name="mobile"/>, newest first, read in a tab of their own as a trainee reads them.</summary>
    protected async Task<IReadOnlyList<string>> CodesOnPhoneAsync(string mobile, Regex pattern, string? about = null)
    {
        var phone = await Context.NewPageAsync();
        try
        {
            await phone.GotoAsync($"/phone?mobile={mobile}");
            var bodies = await phone.Locator("#inbox article.sms .body").AllInnerTextsAsync();
            var codes = bodies.Where(b => about is null || b.Contains(about, StringComparison.Ordinal))
                .Select(b => pattern.Match(b)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
            return codes.Count > 0 ? codes : throw new InvalidOperationException($"No code on the phone of {mobile}: {string.Join("\n", bodies)}");
        }
        finally
        {
            await phone.CloseAsync();
        }
    }

    [GeneratedRegex("注册验证码为(\\d{6})")]
    protected static partial Regex RegistrationCode();

    [GeneratedRegex("确认验证码为(\\d{6})")]
    protected static partial Regex ContactCode();
}
