using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>The trainer's desk: worlds that keep trainees apart, the clock, faults and reset.</summary>
public sealed class DeskTests(BrowserFixture browser) : WebTest(browser)
{
    private const string Mobile = "13800138000";

    [Fact]
    public async Task A_world_created_on_the_desk_has_its_own_clock_key_and_pages_and_its_link_keeps_the_trainee_in_it()
    {
        await SignInAsync();
        var worlds = Page.Locator("form:has(input[name='NewWorld.WorldId'])");
        await worlds.Locator("input[name='NewWorld.WorldId']").FillAsync("class-a");
        await worlds.Locator("input[name='NewWorld.ClockStart']").FillAsync("2026-05-04T10:00");
        await worlds.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.Locator("p.created[data-world=class-a]")).ToBeVisibleAsync();
        var key = await Page.Locator("p.created .key").InnerTextAsync();

        // The key is a provider's of that world, over gRPC.
        var provider = new ProviderGatewayClient(Server.Channel(), new GatewayOptions { Address = Server.Address, ProviderKey = key });
        Assert.Empty((await provider.ListFilingsAsync()).Orders);

        // The trainee's link opens the site in that world, and every link there keeps it.
        await Page.Locator("a:text-is('class-a')").First.ClickAsync();
        await Expect(Page.Locator("[data-clock]")).ToHaveTextAsync("2026-05-04 10:00:00");
        await SubmitSampleAsync(Mobile, world: "class-a");
        await AdvanceAsync("5m", world: "class-a");
        await GoAsync(await Page.Locator("td a[href*='world=class-a']").Last.GetAttributeAsync("href") ?? "");
        await Expect(Page.Locator("header .world b")).ToHaveTextAsync("class-a");
        await Page.Locator("header nav a:text-is('模拟手机')").ClickAsync();
        Assert.Contains("world=class-a", Page.Url);
        await Page.Locator("input[name=mobile]").FillAsync(Mobile);
        await Page.Locator("form button[type=submit]").ClickAsync();
        await Expect(Page.Locator("#inbox article.sms")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#inbox article.sms a.open-validation")).ToHaveAttributeAsync("href", $"/sms/validate?world=class-a&mobile={Mobile}");

        // The default world saw nothing of it.
        await GoAsync($"/phone?mobile={Mobile}");
        await Expect(Page.Locator("#inbox .empty")).ToBeVisibleAsync();
        await GoAsync("/admin");
        await Expect(Page.Locator("[data-clock]")).ToHaveTextAsync("2026-03-02 09:00:00");
    }

    [Fact]
    public async Task Worlds_with_the_same_seed_hand_out_the_same_samples_in_the_same_order()
    {
        var admin = Server.Gateway();
        await admin.CreateWorldAsync("twin-a", seed: 5);
        await admin.CreateWorldAsync("twin-b", seed: 5);
        await admin.CreateWorldAsync("other", seed: 6);
        await SignInAsync();

        // What the desk gives the trainee of each sample: the order, names, mobiles and the certificates' last six.
        async Task<List<string>> SamplesAsync(string world, int count)
        {
            var samples = new List<string>();
            for (var i = 0; i < count; i++)
            {
                await SubmitSampleAsync(Mobile, world: world);
                samples.Add(await Page.Locator("section.sample dl").InnerTextAsync());
            }
            return samples;
        }

        var twin = await SamplesAsync("twin-a", 2);
        Assert.Equal(twin, await SamplesAsync("twin-b", 2));
        Assert.NotEqual(twin[0], twin[1]);
        Assert.NotEqual(twin[0], (await SamplesAsync("other", 1))[0]);
    }

    [Fact]
    public async Task The_clock_advances_to_an_instant_and_runs_at_the_rate_set()
    {
        await SignInAsync();
        var to = Page.Locator("form:has(input[name='ClockTo.To'])");
        await to.Locator("input[name='ClockTo.To']").FillAsync("2026-03-05T14:30");
        await to.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-clock]")).ToHaveTextAsync("2026-03-05 14:30:00");

        var rate = Page.Locator("form:has(input[name='ClockRate.Rate'])");
        await rate.Locator("input[name='ClockRate.Rate']").FillAsync("fast");
        await rate.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.Locator(".error [data-field=rate]")).ToBeVisibleAsync();
        await rate.Locator("input[name='ClockRate.Rate']").FillAsync("60");
        await rate.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-done=rate]")).ToBeVisibleAsync();
        Assert.Equal(60, (await Server.Gateway().GetClockAsync()).Rate);
    }

    [Fact]
    public async Task Faults_injected_on_the_desk_fail_the_method_until_cleared_and_reset_empties_the_world()
    {
        await SignInAsync();
        var faults = Page.Locator("form:has(select[name='Fault.Method'])");
        await faults.Locator("select[name='Fault.Method']").SelectOptionAsync("icp.regulator.v1.PublicQueryService/QueryByDomain");
        await faults.Locator("button[type=submit]:not([name])").ClickAsync();
        await Expect(Page.Locator("[data-done=faults]")).ToBeVisibleAsync();
        var query = new PublicQueryService.PublicQueryServiceClient(Server.Channel());
        var failed = await Assert.ThrowsAsync<RpcException>(async () => await query.QueryByDomainAsync(new QueryByDomainRequest { Domain = "example.cn" }));
        Assert.Equal(StatusCode.Unavailable, failed.StatusCode);
        await Page.Locator("form:has(select[name='Fault.Method']) button[name='Fault.Clear']").ClickAsync();
        await Expect(Page.Locator("[data-done=faults]")).ToBeVisibleAsync();
        Assert.Empty((await query.QueryByDomainAsync(new QueryByDomainRequest { Domain = "example.cn" })).Filings);

        await SubmitSampleAsync(Mobile);
        await Expect(Page.Locator("table.orders tbody tr")).ToHaveCountAsync(1);
        var reset = Page.Locator("form:has(input[name='Reset.Confirm'])");
        await reset.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.Locator(".error [data-field=confirm]")).ToBeVisibleAsync();
        await Expect(Page.Locator("table.orders tbody tr")).ToHaveCountAsync(1);
        await reset.Locator("input[name='Reset.Confirm']").CheckAsync();
        await reset.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-done=reset]")).ToBeVisibleAsync();
        await Expect(Page.Locator("table.orders")).ToHaveCountAsync(0);
    }
}
