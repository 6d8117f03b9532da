using System.Text.RegularExpressions;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>
/// The public-security filing in the browser, after an ICP approval: the subject registers, files its website, its
/// people enter the codes from their phones, the office decides (by itself when the review's working days pass on the
/// desk's clock, or by a reviewer on the console), and the number, its badge and the public query follow.
/// </summary>
public sealed class PublicSecurityPagesTests(BrowserFixture browser) : WebTest(browser)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_trainee_registers_files_enters_the_codes_and_finds_the_number_badge_and_query_once_the_review_days_pass(bool english)
    {
        // A company in Zhejiang in Chinese; in English an individual in Beijing, as the trainer's desk samples it, who is
        // their own responsible person and holds all three roles of the website (three codes on one phone).
        var filing = english ? new SampleFilings().Individual("beijing") : new SampleFilings().Company("zhejiang");
        var numberPattern = english ? @"^京公网安备110105\d{8}号$" : @"^浙公网安备330106\d{8}号$";
        var order = await Server.Gateway().FileAsync(filing);
        var icpNumber = order.ServiceNumbers[0].Number;
        // Screenshots of the Chinese pages, as a trainee first meets them.
        Task Shot(string name) => english ? Task.CompletedTask : ShotAsync(name);
        string T(PageMessage m) => english ? m.En : m.Zh;

        await GoAsync(In(english, "/psb"));
        await Expect(Page.Locator("header.site.psb .brand")).ToContainTextAsync(T(Labels.PsbSiteTitle));
        await Expect(Page.Locator(".simulated")).ToHaveTextAsync(T(Labels.PsbSimulated));
        await RegisterOnPlatformAsync(filing, english, english ? null : "psb-register");

        // A refusal of the ICP cross-check is shown beside its field, with the API's own text.
        var wrongNumber = icpNumber.Replace("号-1", "号-9", StringComparison.Ordinal);
        await FillWebsiteFilingAsync(filing, wrongNumber, english);
        await SubmitWebsiteFilingAsync();
        var beside = Page.Locator("label:has(input[name='Form.IcpNumber']) .field-error[data-field='website.icp_number']");
        await Expect(beside).ToHaveTextAsync(T(PublicSecurityTexts.IcpNumberNotFound(wrongNumber)));
        await Expect(Page.Locator("input[name='Form.IcpNumber']")).ToHaveValueAsync(wrongNumber);
        await Shot("psb-file-refused");

        await Page.Locator("input[name='Form.IcpNumber']").FillAsync(icpNumber);
        await SubmitWebsiteFilingAsync();
        await Page.WaitForURLAsync(new Regex("/psb/filings\\?.*id=psf-"), Committed);
        var card = Page.Locator("article.filing");
        var filingId = await card.GetAttributeAsync("data-filing") ?? throw new InvalidOperationException("No filing shown.");
        await Expect(card).ToHaveAttributeAsync("data-status", "AWAITING_CONFIRMATION");
        await Expect(card.Locator("ul.people li[data-confirmed=false]")).ToHaveCountAsync(3);
        await Shot("psb-filed");

        var administrator = filing.Services[0].Administrator.Mobile;
        await ConfirmCodesOnPlatformAsync(filingId, [administrator, filing.Subject.Leader.Mobile], english);
        await Expect(card).ToHaveAttributeAsync("data-status", "UNDER_REVIEW");
        await Expect(card.Locator(".status")).ToHaveTextAsync(T(Labels.PsbStatuses[WebsiteFilingStatus.UnderReview]));
        await Expect(card.Locator("ul.people li[data-confirmed=true]")).ToHaveCountAsync(3);

        // The review's working days pass on the trainer's desk: the office decides by itself.
        await SignInAsync();
        await AdvanceAsync("20wd");
        await GoAsync(In(english, $"/psb/filings?id={filingId}"));
        await Expect(card).ToHaveAttributeAsync("data-status", "APPROVED");
        var number = await card.Locator("b.psb-number").InnerTextAsync();
        Assert.Matches(numberPattern, number);
        // The badge rendered as the website will show it, and its HTML to copy.
        var badge = card.Locator(".badge-preview a");
        await Expect(badge).ToHaveTextAsync(number);
        Assert.True(await card.Locator(".badge-preview img").EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"), "The badge's emblem did not load.");
        await Expect(card.Locator("textarea.badge-html")).ToHaveValueAsync(new Regex(Regex.Escape(number)));
        await Expect(card.Locator("ol.timeline li").Last).ToHaveAttributeAsync("data-kind", "APPROVED");
        await Shot("psb-approved");

        // The approval reaches the subject's phone, with a link to the platform rather than to MIIT's validation page.
        await GoAsync(In(english, $"/phone?mobile={filing.Subject.Leader.Mobile}"));
        var approval = Page.Locator("#inbox article.sms").First;
        await Expect(approval).ToContainTextAsync(number);
        await Expect(approval.Locator("a.open-validation")).ToHaveAttributeAsync("href", new Regex($"/psb/filings\\?.*id={filingId}"));
        await Shot("psb-phone");

        // The badge opens the platform's query for its number, which finds the website with its public fields only.
        await GoAsync(In(english, $"/psb/filings?id={filingId}"));
        await badge.EvaluateAsync("a => a.removeAttribute('target')");
        await badge.ClickAsync();
        var results = Page.Locator("table.results");
        await Expect(results).ToHaveAttributeAsync("data-results", "1");
        await Expect(results).ToContainTextAsync(filing.Services[0].Name);
        await Expect(results).ToContainTextAsync(filing.Subject.Name);
        await Expect(results).ToContainTextAsync(icpNumber);
        await Expect(results).Not.ToContainTextAsync(filing.Subject.Leader.Mobile);
        await Expect(results).Not.ToContainTextAsync(filing.Services[0].Administrator.CertificateNumber);
        await GoAsync(In(english, $"/psb/query?by=domain&q={filing.Services[0].Domains[0]}"));
        await Expect(results.Locator(".psb-number")).ToHaveTextAsync(number);
        await Shot("psb-query");

        // The ICP order's page shows its website's public-security filing and number.
        await GoAsync(In(english, $"/admin/orders/{order.OrderId}"));
        var onOrder = Page.Locator($".psb-of-order [data-filing='{filingId}']");
        await Expect(onOrder).ToHaveAttributeAsync("data-status", "APPROVED");
        await Expect(onOrder.Locator(".psb-number")).ToHaveTextAsync(number);
    }

    [Fact]
    public async Task The_reviewers_console_lists_the_offices_pending_filings_checks_one_on_site_rejects_it_with_a_reason_and_approves_another()
    {
        var filing = new SampleFilings().Company("zhejiang", websites: 2);
        var order = await Server.Gateway().FileAsync(filing);
        await RegisterOnPlatformAsync(filing, english: false);
        var rejected = await FileAndConfirmOnPlatformAsync(filing, order.ServiceNumbers[0].Number, english: false);
        var approved = await FileAndConfirmOnPlatformAsync(filing, order.ServiceNumbers[1].Number, english: false, service: 1);

        await SignInAsync("/admin/psb");
        await GoAsync("/admin/psb?province=zhejiang");
        var pending = Page.Locator("table.psb-pending");
        await Expect(pending).ToHaveAttributeAsync("data-pending", "2");
        await Expect(pending.Locator($"tr[data-filing='{rejected}']")).ToContainTextAsync(filing.Services[0].Name);
        await ShotAsync("psb-reviews");
        // Another province's office has none of them.
        await GoAsync("/admin/psb?province=beijing");
        await Expect(Page.Locator(".empty")).ToBeVisibleAsync();

        // An interactive site (it offers comments) may be checked on site first.
        await GoAsync("/admin/psb?province=zhejiang");
        await pending.Locator($"a:text-is('{rejected}')").ClickAsync();
        await Page.Locator("form:has(button:text-is('现场检查')) button").ClickAsync();
        await Expect(Page.Locator("[data-done=on-site]")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "ON_SITE_CHECK");
        var reason = Server.Services.GetRequiredService<PublicSecurityRules>().RejectionReasons[^1];
        await Page.Locator("select[name='RejectForm.Reason']").SelectOptionAsync(reason.Code);
        await ShotAsync("psb-review");
        await Page.Locator("form:has(select[name='RejectForm.Reason']) button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "REJECTED");
        await Expect(Page.Locator("ol.timeline li").Last).ToContainTextAsync($"审核驳回 · {reason.Code} {reason.Zh}");

        await GoAsync($"/admin/psb/{approved}");
        await Page.Locator("form:has(button:text-is('审核通过')) button").ClickAsync();
        await Expect(Page.Locator("[data-done=approved]")).ToContainTextAsync("浙公网安备330106");
        await GoAsync("/admin/psb?province=zhejiang");
        await Expect(Page.Locator(".empty")).ToBeVisibleAsync();

        // The subject sees each decision on its own page, the rejection with its reason, and hears of it on the phone.
        await GoAsync($"/psb/filings?id={rejected}");
        await Expect(Page.Locator("article.filing")).ToHaveAttributeAsync("data-status", "REJECTED");
        await Expect(Page.Locator("article.filing .rejection")).ToHaveTextAsync($"{reason.Code} · {reason.Zh}");
        await GoAsync($"/psb/filings?id={approved}");
        await Expect(Page.Locator("article.filing b.psb-number")).ToHaveTextAsync(new Regex("^浙公网安备330106\\d{8}号$"));
        await GoAsync($"/phone?mobile={filing.Subject.Leader.Mobile}");
        await Expect(Page.Locator("#inbox article.sms", new() { HasText = rejected }).First).ToContainTextAsync(reason.Zh);
    }
}
