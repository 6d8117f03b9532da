using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>A trainee's whole exchange in the browser alone, from the sample the trainer submits to the public query.</summary>
public sealed class TraineeTests(BrowserFixture browser) : WebTest(browser)
{
    private const string Mobile = "13800138000";

    [Fact]
    public async Task A_trainee_validates_after_one_wrong_code_and_finds_the_numbers_once_the_reviewer_approves()
    {
        await GoAsync("/");
        await ShotAsync("home");
        await SignInAsync();
        var (orderId, suffixes) = await SubmitSampleAsync(Mobile);
        await ShotAsync("desk");
        await AdvanceAsync("5m");

        var code = await ReadCodeAsync(Mobile);
        await ShotAsync("phone");
        // Tapping the link in the SMS opens the validation page with the mobile filled in.
        await Page.Locator("#inbox article.sms a.open-validation").First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sms/validate\\?mobile=" + Mobile));
        await Expect(Page.Locator("input[name='Form.Mobile']")).ToHaveValueAsync(Mobile);

        Assert.Equal("FAILED", await ValidateAsync(null, suffixes[0], Phone.WrongCode(code)));
        await Expect(Page.Locator("[data-outcome]")).ToHaveTextAsync(PageMessages.For(ValidateOutcome.Failed).Zh);
        await ShotAsync("validate-failed");
        Assert.Equal("COMPLETE", await ValidateAsync(null, suffixes[0], code));
        await Expect(Page.Locator("[data-outcome]")).ToHaveTextAsync(PageMessages.For(ValidateOutcome.Complete).Zh);
        await ShotAsync("validate-complete");

        await GoAsync("/admin/reviews");
        await Expect(Page.Locator($"table.pending a:text-is('{orderId}')")).ToBeVisibleAsync();
        await ShotAsync("reviews");
        await Page.Locator($"table.pending a:text-is('{orderId}')").ClickAsync();
        var domain = await Page.Locator("dd.domains").First.InnerTextAsync();
        await ShotAsync("order-review");
        await Page.Locator("form:has(input[name='ApproveForm.Reviewer']) button[type=submit]").ClickAsync();
        await Expect(Page.Locator(".status")).ToHaveTextAsync("审核通过");

        // The timeline tells the whole story, in order.
        var steps = await Page.Locator("ol.timeline li").AllInnerTextsAsync();
        AssertInOrder(steps, "报送备案申请", "短信核验码已发送至 " + Mobile, "核验码错误", Mobile + " 完成短信核验", "提交至通信管理局审核", "审核通过。主体备案号 京ICP备");
        await ShotAsync("order-timeline");

        await GoAsync($"/query?by=domain&q={domain}");
        await Expect(Page.Locator("table.results .number").Last).ToContainTextAsync("京ICP备");
        await ShotAsync("query");
    }

    [Fact]
    public async Task Twenty_working_days_on_the_desk_clock_bring_the_decision_without_a_reviewer()
    {
        await SignInAsync();
        var (orderId, suffixes) = await SubmitSampleAsync(Mobile);
        await AdvanceAsync("5m");
        var code = await ReadCodeAsync(Mobile);
        await GoAsync($"/sms/validate?mobile={Mobile}");
        Assert.Equal("COMPLETE", await ValidateAsync(null, suffixes[0], code));

        await AdvanceAsync("20wd");
        await GoAsync($"/admin/orders/{orderId}");
        await Expect(Page.Locator(".status")).ToHaveTextAsync("审核通过");
        var domain = await Page.Locator("dd.domains").First.InnerTextAsync();

        // The approval SMS reaches the phone; the query finds the numbers it names.
        await GoAsync($"/phone?mobile={Mobile}");
        await Expect(Page.Locator("#inbox article.sms").First).ToContainTextAsync("已审核通过");
        await GoAsync($"/query?by=domain&q={domain}");
        await Expect(Page.Locator("table.results")).ToHaveAttributeAsync("data-results", "1");
    }

    private static void AssertInOrder(IReadOnlyList<string> steps, params string[] expected)
    {
        var at = 0;
        foreach (var text in expected)
        {
            var found = steps.Skip(at).ToList().FindIndex(s => s.Contains(text, StringComparison.Ordinal));
            Assert.True(found >= 0, $"'{text}' does not follow in the timeline:\n{string.Join("\n", steps)}");
            at += found + 1;
        }
    }
}
