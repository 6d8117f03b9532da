using System.Net;
using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.Sms;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>Every outcome of the validation and resend pages, as the applicant reads it, in Chinese and in English.</summary>
public sealed partial class ValidationPageTests(BrowserFixture browser) : WebTest(browser)
{
    private const string Leader = "13800138001";
    private const string Administrator = "18912345671";

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task Each_validation_outcome_shows_its_official_message(string language)
    {
        await SignInAsync();
        // A company: its leader and its website administrator each validate their own code (fixed-code: 123456).
        var (_, suffixes) = await SubmitSampleAsync(Leader, Administrator, "fixed-code");
        await AdvanceAsync("5m");
        await GoAsync(language == "en" ? "/sms/validate?lang=en" : "/sms/validate");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", language == "en" ? "en" : "zh-CN");

        await Outcome(ValidateOutcome.NotFound, "13900000000", suffixes[0], "123456", language);
        await Outcome(ValidateOutcome.Failed, Leader, suffixes[0], "654321", language);
        await Outcome(ValidateOutcome.WaitingForOthers, Leader, suffixes[0], "123456", language);
        await Outcome(ValidateOutcome.Complete, Administrator, suffixes[1], "123456", language);
        await ShotAsync($"validate-{language}");
    }

    [Fact]
    public async Task Two_resends_are_allowed_and_the_third_is_refused()
    {
        await SignInAsync();
        var (_, suffixes) = await SubmitSampleAsync(Leader);
        await GoAsync("/sms/resend");
        // A mobile the validation database does not know is not found.
        await Resend("13900000000", suffixes[0], ResendOutcome.NotFound);
        await AdvanceAsync("5m");
        await GoAsync($"/sms/resend?mobile={Leader}");
        await Resend(Leader, suffixes[0], ResendOutcome.Resent);
        await Resend(Leader, suffixes[0], ResendOutcome.Resent);
        await Resend(Leader, suffixes[0], ResendOutcome.LimitReached);
        await ShotAsync("resend");
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task The_fifth_wrong_code_on_the_page_rejects_the_order_and_the_page_says_so(string language)
    {
        await SignInAsync();
        var (orderId, suffixes) = await SubmitSampleAsync(Leader, scenario: "fixed-code");
        await AdvanceAsync("5m");
        await GoAsync(language == "en" ? $"/sms/validate?mobile={Leader}&lang=en" : $"/sms/validate?mobile={Leader}");
        var rejected = Page.Locator("[data-rejected]");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("FAILED", await ValidateAsync(null, suffixes[0], "654321"));
            await Expect(rejected).ToHaveCountAsync(0);
        }
        // The fifth: the official FAILED message, then what it did to the order and why.
        Assert.Equal("FAILED", await ValidateAsync(null, suffixes[0], "654321"));
        var failed = PageMessages.For(ValidateOutcome.Failed);
        await Expect(Page.Locator("[data-outcome]")).ToHaveTextAsync(language == "en" ? failed.En : failed.Zh);
        await Expect(rejected).ToHaveAttributeAsync("data-rejected", "SMS_VALIDATION_FAILED");
        await Expect(rejected).ToHaveTextAsync(language == "en"
            ? "The filing application was rejected: SMS validation failed 5 times in a row. Nothing is left to validate: to file, ask your access provider to submit the application again."
            : "该备案申请已被驳回：短信核验连续5次失败。已无需核验；如需备案，请联系接入商重新提交申请。");
        Assert.True(await Page.Locator("[data-outcome] + [data-rejected]").IsVisibleAsync(), "The notice follows the official message.");
        await ShotAsync($"validate-rejected-{language}");

        // The order is closed: even the right code now finds nothing.
        Assert.Equal("NOT_FOUND", await ValidateAsync(null, suffixes[0], "123456"));
        await Expect(rejected).ToHaveCountAsync(0);
        await GoAsync($"/admin/orders/{orderId}");
        await Expect(Page.Locator(".status")).ToHaveTextAsync("审核未通过");
        Assert.Equal(5, await Page.Locator("ol.timeline li.bad:has-text('核验码错误')").CountAsync());
    }

    [Fact]
    public async Task The_validation_page_is_a_plain_form_that_a_client_without_script_posts()
    {
        await SignInAsync();
        var (_, suffixes) = await SubmitSampleAsync(Leader, scenario: "fixed-code");
        await AdvanceAsync("5m");
        // As the bench's trainees and any HTTP client post it: the form's handler, its one token, the fields by their names.
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Server.WebAddress };
        var page = await client.GetStringAsync($"/sms/validate?mobile={Leader}");
        var token = Assert.Single(TokenField().Matches(page)).Groups[1].Value;
        Assert.Contains("<input type=\"hidden\" name=\"_handler\" value=\"validate\" />", page);
        Assert.Contains($"name=\"Form.Mobile\" value=\"{Leader}\"", page);

        var answer = await client.PostAsync($"/sms/validate?mobile={Leader}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "validate",
            ["__RequestVerificationToken"] = token,
            ["Form.Mobile"] = Leader,
            ["Form.CertificateSuffix"] = suffixes[0],
            ["Form.Code"] = "654321",
        }));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var failed = await answer.Content.ReadAsStringAsync();
        Assert.Contains("data-outcome=\"FAILED\"", failed);
        Assert.Contains(PageMessages.For(ValidateOutcome.Failed).Zh, failed);
        // The page it answers with is ready for the next try: the mobile and the suffix kept, the code emptied, a token of its own.
        Assert.Contains($"name=\"Form.Mobile\" value=\"{Leader}\"", failed);
        Assert.Contains($"name=\"Form.CertificateSuffix\" value=\"{suffixes[0]}\"", failed);
        Assert.Matches("name=\"Form.Code\" value=\"\"|name=\"Form.Code\"(?! value)", failed);
        Assert.Single(TokenField().Matches(failed));
    }

    private async Task Outcome(ValidateOutcome expected, string mobile, string suffix, string code, string language)
    {
        Assert.Equal(PageContextName(expected), await ValidateAsync(mobile, suffix, code));
        var message = PageMessages.For(expected);
        await Expect(Page.Locator("[data-outcome]")).ToHaveTextAsync(language == "en" ? message.En : message.Zh);
    }

    private async Task Resend(string mobile, string suffix, ResendOutcome expected)
    {
        await Page.Locator("input[name='Form.Mobile']").FillAsync(mobile);
        await Page.Locator("input[name='Form.CertificateSuffix']").FillAsync(suffix);
        await Page.Locator("form button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-outcome]")).ToHaveAttributeAsync("data-outcome", PageContextName(expected));
        await Expect(Page.Locator("[data-outcome]")).ToHaveTextAsync(PageMessages.For(expected).Zh);
    }

    private static string PageContextName(Enum value) => IcpRegulatorSim.Server.Web.PageContext.Screaming(value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
