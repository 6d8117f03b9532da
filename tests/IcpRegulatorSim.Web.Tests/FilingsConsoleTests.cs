using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>The reviewer's console acts on filed services: restriction and its lifting, a spot check, revocation.</summary>
public sealed class FilingsConsoleTests(BrowserFixture browser) : WebTest(browser)
{
    [Fact]
    public async Task The_reviewer_restricts_lifts_spot_checks_and_revokes_and_the_provider_hears_of_each()
    {
        var gateway = Server.Gateway();
        var filing = new SampleFilings().Company(websites: 2);
        var order = await gateway.FileAsync(filing);
        var (first, second) = (order.ServiceNumbers.Single(n => n.ServiceIndex == 0).Number, order.ServiceNumbers.Single(n => n.ServiceIndex == 1).Number);
        await SignInAsync();

        await GoAsync($"/admin/filings?number={Uri.EscapeDataString(order.SubjectNumber)}");
        await Expect(Page.Locator("table.filed-services")).ToHaveAttributeAsync("data-services", "2");
        var restrict = Page.Locator("form:has(button:text-is('限制接入'))");
        await restrict.Locator("select").First.SelectOptionAsync(second);
        await restrict.Locator("button").ClickAsync();
        await Expect(Page.Locator("[data-outcome]")).ToHaveAttributeAsync("data-outcome", "DONE");
        await Expect(Page.Locator($"tr[data-number='{second}']")).ToHaveAttributeAsync("data-standing", "Restricted");
        await ShotAsync("filings");

        var check = Page.Locator("form:has(button:text-is('发起核查'))");
        await check.Locator("select").First.SelectOptionAsync(first);
        await check.Locator("input[name='CheckForm.Days']").FillAsync("abc");
        await check.Locator("button").ClickAsync();
        await Expect(Page.Locator(".error li[data-field='answer_within']")).ToBeVisibleAsync();
        await check.Locator("input[name='CheckForm.Days']").FillAsync("10");
        await check.Locator("button").ClickAsync();
        await Expect(Page.Locator("[data-outcome]")).ToHaveAttributeAsync("data-outcome", "DONE");

        var lift = Page.Locator("form:has(button:text-is('解除限制接入'))");
        await lift.Locator("select[name='LiftForm.Number']").SelectOptionAsync(second);
        await lift.Locator("button").ClickAsync();
        await Expect(Page.Locator($"tr[data-number='{second}']")).ToHaveAttributeAsync("data-standing", "Filed");

        var revoke = Page.Locator("form:has(button:text-is('撤销备案'))");
        await revoke.Locator("select").First.SelectOptionAsync(second);
        await revoke.Locator("button").ClickAsync();
        await Expect(Page.Locator("table.filed-services")).ToHaveAttributeAsync("data-services", "1");

        var events = new List<OrderEvent>();
        await Streams.FirstAsync(gateway.WatchFilingsAsync(), e =>
        {
            if (e.OrderId.Length == 0)
            {
                events.Add(e);
            }
            return e.Kind == OrderEventKind.Revoked;
        });
        Assert.Equal(
            [(OrderEventKind.Restricted, second), (OrderEventKind.SpotCheckOpened, first), (OrderEventKind.RestrictionLifted, second), (OrderEventKind.Revoked, second)],
            events.Select(e => (e.Kind, e.ServiceNumbers.Single())));
        Assert.Empty((await gateway.QueryByIcpNumberAsync(second)).Filings);
    }
}
