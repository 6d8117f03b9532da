using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>The administration's verification call rings on the simulated phone, where the trainee answers it.</summary>
public sealed class VerificationCallPageTests(BrowserFixture browser) : WebTest(browser)
{
    [Fact]
    public async Task The_trainee_answers_the_call_on_the_phone_and_the_order_stays_under_review()
    {
        var gateway = Server.Gateway();
        var filing = new SampleFilings().Company();
        var leader = filing.Subject.Leader;
        var order = (await gateway.SubmitAsync(new SubmitFilingRequest { Filing = filing }, scenario: "verification-call")).Order;
        await gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        foreach (var person in new[] { leader, filing.Services[0].Administrator })
        {
            await gateway.ValidateCodeAsync(person.Mobile, person.CertificateNumber[^6..], await gateway.LatestCodeAsync(person.Mobile));
        }

        await GoAsync($"/phone?mobile={leader.Mobile}");
        var call = Page.Locator("#inbox article.call");
        await Expect(call).ToHaveCountAsync(1);
        await Expect(call.Locator("header")).ToContainTextAsync("来电");
        await Expect(call.Locator(".body")).ToContainTextAsync(order.OrderId);
        await ShotAsync("phone-call");
        await call.Locator("form.answer-call button").ClickAsync();

        await Expect(Page.Locator("[data-outcome]")).ToHaveAttributeAsync("data-outcome", "CALL_ANSWERED");
        await gateway.AdvanceClockAsync(TimeSpan.FromDays(2));
        Assert.Equal(OrderStatus.UnderReview, (await gateway.GetFilingAsync(order.OrderId)).Status);
        // Answered once, the call rings no more.
        await GoAsync($"/phone?mobile={leader.Mobile}");
        await Page.Locator("#inbox article.call form.answer-call button").ClickAsync();
        await Expect(Page.Locator(".error")).ToContainTextAsync("没有通信管理局的来电");

        // The order's timeline tells the call as a call: placed, rung, answered.
        await SignInAsync();
        await GoAsync($"/admin/orders/{order.OrderId}");
        var timeline = Page.Locator("ol.timeline");
        await Expect(timeline).ToContainTextAsync($"通信管理局致电主体负责人 {leader.Mobile}，进行电话核验。");
        await Expect(timeline).ToContainTextAsync($"致电 {leader.Mobile}");
        await Expect(timeline.Locator("li.good").Last).ToContainTextAsync($"{leader.Mobile} 已接听电话核验。");
    }
}
