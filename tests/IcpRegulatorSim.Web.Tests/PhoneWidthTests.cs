using System.Text.Json;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>
/// Every page as a trainee holding a phone sees it (390×844): nothing scrolls sideways, and no filing number breaks
/// across two lines.
/// </summary>
public sealed class PhoneWidthTests(BrowserFixture browser) : WebTest(browser)
{
    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task Every_applicant_page_fits_a_phone_and_keeps_each_number_on_one_line(string language)
    {
        var gateway = Server.Gateway();
        var filing = new SampleFilings().Company(websites: 2);
        var order = await gateway.FileAsync(filing);
        var leader = filing.Subject.Leader;
        string[] numbers = [order.SubjectNumber, .. order.ServiceNumbers.Select(n => n.Number)];
        await UsePhoneAsync();
        // Screenshots of the Chinese pages, and of the English results, whose labels are the longest.
        var zh = language == "zh";

        await FitsAsync(In(language, "/"), zh ? "home-phone" : null);

        await GoAsync(In(language, $"/sms/validate?mobile={leader.Mobile}"));
        await ValidateAsync(null, leader.Suffix(), "123456");
        await FitsAsync(null, zh ? "validate-phone" : null);

        await GoAsync(In(language, $"/sms/resend?mobile={leader.Mobile}"));
        await Page.Locator("input[name='Form.CertificateSuffix']").FillAsync(leader.Suffix());
        await Page.Locator("form button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-outcome]")).ToBeVisibleAsync();
        await FitsAsync(null, zh ? "resend-phone" : null);

        await GoAsync(In(language, "/password"));
        await Page.Locator("input[name='Form.SubjectNumber']").FillAsync(order.SubjectNumber);
        await Page.Locator("input[name='Form.LeaderCertificateNumber']").FillAsync(leader.CertificateNumber);
        await Page.Locator("form button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-outcome=SENT]")).ToBeVisibleAsync();
        await FitsAsync(null, zh ? "password-phone" : null);

        await GoAsync(In(language, $"/query?by=number&q={Uri.EscapeDataString(order.SubjectNumber)}"));
        await Expect(Page.Locator("[data-results='2']")).ToBeVisibleAsync();
        await FitsAsync(null, zh ? "query-phone" : "query-phone-en", numbers);

        await GoAsync(In(language, $"/phone?mobile={leader.Mobile}"));
        await Expect(Page.Locator("#inbox article.sms").First).ToContainTextAsync(order.SubjectNumber);
        await FitsAsync(null, zh ? "phone-phone" : null, [.. numbers, order.OrderId]);

        await GoAsync(In(language, $"/mailbox?email={leader.Email}"));
        await Expect(Page.Locator("#inbox article.email").First).ToContainTextAsync(order.SubjectNumber);
        await FitsAsync(null, zh ? "mailbox-phone" : null, [.. numbers, order.OrderId], fullPage: false);
    }

    [Fact]
    public async Task A_message_arriving_on_the_open_phone_keeps_each_number_on_one_line()
    {
        var gateway = Server.Gateway();
        var filing = new SampleFilings().Company(websites: 2);
        var order = await gateway.SubmitAndValidateAsync(filing);
        await UsePhoneAsync();
        await GoAsync($"/phone?mobile={filing.Subject.Leader.Mobile}");
        await Page.EvaluateAsync("window.stillTheSamePage = true");

        // The approval SMS arrives while the trainee watches: the page's script draws it.
        var approved = await gateway.ApproveAsync(order.OrderId);
        await Expect(Page.Locator("#inbox article.sms.new").First).ToContainTextAsync(approved.SubjectNumber);
        Assert.True(await Page.EvaluateAsync<bool>("window.stillTheSamePage === true"));
        await FitsAsync(null, null, [approved.SubjectNumber, .. approved.ServiceNumbers.Select(n => n.Number), order.OrderId]);
    }

    [Fact]
    public async Task The_menu_folds_away_on_a_phone_and_opens_without_javascript()
    {
        await UsePhoneAsync(javaScript: false);
        await GoAsync("/");
        var menu = Page.Locator("header.site nav a[href='/query']");
        await Expect(menu).ToBeHiddenAsync();
        // Folded, the header is one row: the site's name, the menu and the language.
        Assert.True(await Page.Locator("header.site").EvaluateAsync<double>("e => e.getBoundingClientRect().height") < PhoneHeight / 12.0);
        await Page.Locator("header.site summary").ClickAsync();
        await Expect(menu).ToBeVisibleAsync();
        await ShotAsync("menu-phone", fullPage: false);
        await menu.ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("ICP备案查询");
    }

    [Fact]
    public async Task The_trainers_and_reviewers_pages_fit_a_phone_too()
    {
        var gateway = Server.Gateway();
        var filed = await gateway.FileAsync(new SampleFilings().Company(websites: 2));
        var pending = await gateway.SubmitAndValidateAsync(new SampleFilings(2).Company());
        string[] numbers = [filed.SubjectNumber, .. filed.ServiceNumbers.Select(n => n.Number)];
        await UsePhoneAsync();

        await FitsAsync("/admin/login", "login-phone");
        await SignInAsync();
        await FitsAsync("/admin", "desk-phone", fullPage: false);
        await FitsAsync("/admin/reviews", "reviews-phone");
        await FitsAsync($"/admin/orders/{pending.OrderId}", "order-review-phone", fullPage: false);
        await FitsAsync($"/admin/orders/{filed.OrderId}", "order-timeline-phone", [.. numbers, filed.OrderId], fullPage: false);
        await FitsAsync($"/admin/filings?number={Uri.EscapeDataString(filed.SubjectNumber)}", "filings-phone", numbers, fullPage: false);
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task The_public_security_platforms_pages_fit_a_phone_and_keep_each_number_on_one_line(string language)
    {
        var filing = new SampleFilings().Company("zhejiang");
        var order = await Server.Gateway().FileAsync(filing);
        var icpNumber = order.ServiceNumbers[0].Number;
        var english = language == "en";
        string? Shot(string name) => english ? name + "-en" : name;
        await UsePhoneAsync();

        await FitsAsync(In(language, "/psb"), Shot("psb-home-phone"));
        await RegisterOnPlatformAsync(filing, english);
        await FillWebsiteFilingAsync(filing, "", english);
        await SubmitWebsiteFilingAsync();
        await Expect(Page.Locator(".field-error[data-field='website.icp_number']")).ToBeVisibleAsync();
        await FitsAsync(null, Shot("psb-file-refused-phone"), fullPage: false);
        var filingId = await FileAndConfirmOnPlatformAsync(filing, icpNumber, english);
        await FitsAsync(null, Shot("psb-filing-phone"), [icpNumber, filingId]);

        await SignInAsync("/admin/psb");
        await FitsAsync(In(language, "/admin/psb"), Shot("psb-reviews-phone"), [filingId]);
        await FitsAsync(In(language, $"/admin/psb/{filingId}"), Shot("psb-review-phone"), [icpNumber], fullPage: false);
        await Page.Locator(".decide section:first-child button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-done=approved]")).ToBeVisibleAsync();
        var number = await Page.Locator("b.psb-number").InnerTextAsync();

        await FitsAsync(In(language, $"/psb/filings?id={filingId}"), Shot("psb-approved-phone"), [number, icpNumber]);
        await FitsAsync(In(language, $"/psb/query?by=number&q={Uri.EscapeDataString(number)}"), Shot("psb-query-phone"), [number, icpNumber]);
        await FitsAsync(In(language, $"/admin/orders/{order.OrderId}"), null, [number]);
        // The approval on the phone, with the number in its text twice (and in the badge's HTML): each on one line.
        await FitsAsync(In(language, $"/phone?mobile={filing.Subject.Leader.Mobile}"), Shot("psb-phone-phone"), [number, filingId], fullPage: false);
    }

    /// <summary>
    /// Opens <paramref name="path"/> (or stays on the page shown) and checks it as a phone shows it: the document no wider
    /// than the screen, and each of <paramref name="numbers"/> found on the page and on one line wherever it is, as is every
    /// element marked as a number. Then takes its screenshot, if it is to have one.
    /// </summary>
    private async Task FitsAsync(string? path, string? shot, IReadOnlyList<string>? numbers = null, bool fullPage = true)
    {
        if (path is not null)
        {
            await GoAsync(path);
        }
        var page = await Page.EvaluateAsync<JsonElement>(Measure, numbers ?? []);
        var (width, found) = (page.GetProperty("scrollWidth").GetDouble(), page.GetProperty("numbersFound").GetInt32());
        var broken = page.GetProperty("broken").EnumerateArray().Select(b => b.GetString()).ToList();
        Assert.True(width <= PhoneWidth, $"{Page.Url} is {width} px wide on a screen of {PhoneWidth}: it scrolls sideways.");
        Assert.True(found >= (numbers?.Count ?? 0), $"{Page.Url} shows {found} of the numbers {string.Join(", ", numbers ?? [])}.");
        Assert.True(broken.Count == 0, $"{Page.Url} breaks numbers across lines: {string.Join(", ", broken)}");
        if (shot is not null)
        {
            await ShotAsync(shot, fullPage);
        }
    }

    private static string In(string language, string path) =>
        language == "en" ? path + (path.Contains('?') ? "&" : "?") + "lang=en" : path;

    // A number is on one line when the boxes of its characters share a line: the lowest top is above the highest bottom.
    private const string Measure = """
        numbers => {
          const oneLine = rects => {
            const boxes = [...rects].filter(r => r.width > 0 && r.height > 0);
            return boxes.length === 0 || Math.max(...boxes.map(r => r.top)) < Math.min(...boxes.map(r => r.bottom));
          };
          const broken = [];
          const found = new Set();
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let text = walker.nextNode(); text; text = walker.nextNode()) {
            for (const number of numbers) {
              for (let at = text.data.indexOf(number); at >= 0; at = text.data.indexOf(number, at + 1)) {
                const range = document.createRange();
                range.setStart(text, at);
                range.setEnd(text, at + number.length);
                if (range.getClientRects().length > 0) found.add(number);
                if (!oneLine(range.getClientRects())) broken.push(number);
              }
            }
          }
          for (const element of document.querySelectorAll('.number')) {
            if (!oneLine(element.getClientRects()) || element.getClientRects().length > 1) broken.push(element.textContent.trim());
          }
          return { scrollWidth: document.documentElement.scrollWidth, numbersFound: found.size, broken };
        }
        """;
}
