using System.Text.RegularExpressions;
using Grpc.Core;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>The trainer's desk: worlds that keep trainees apart, the clock, faults and reset.</summary>
public sealed partial class DeskTests(BrowserFixture browser) : WebTest(browser)
{
    private const string Mobile = "13800138000";

    [Fact]
    public async Task A_world_created_on_the_desk_becomes_the_one_it_works_in_and_its_link_keeps_the_trainee_in_it()
    {
        await SignInAsync();
        var worlds = Page.Locator("form:has(input[name='NewWorld.WorldId'])");
        await worlds.Locator("input[name='NewWorld.WorldId']").FillAsync("class-a");
        await worlds.Locator("input[name='NewWorld.ClockStart']").FillAsync("2026-05-04T10:00");
        await worlds.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.Locator("p.created[data-world=class-a]")).ToBeVisibleAsync();
        var key = await Page.Locator("p.created .key").InnerTextAsync();

        // The desk now works in the new world: its address, its title, its clock, the world chosen in its list.
        Assert.Contains("world=class-a", Page.Url);
        await Expect(Page.Locator("h1 small")).ToContainTextAsync("class-a");
        await Expect(Page.Locator("[data-clock]")).ToHaveTextAsync("2026-05-04 10:00:00");
        await Expect(Page.Locator("select[name=world] option:checked")).ToHaveTextAsync("class-a");

        // The key is a provider's of that world, over gRPC; shown once, it is gone when the page is opened again.
        var provider = new ProviderGatewayClient(Server.Channel(), new GatewayOptions { Address = Server.Address, ProviderKey = key });
        Assert.Empty((await provider.ListFilingsAsync()).Orders);
        await Page.ReloadAsync();
        await Expect(Page.Locator("[data-clock]")).ToHaveTextAsync("2026-05-04 10:00:00");
        await Expect(Page.Locator("p.created")).ToHaveCountAsync(0);

        // What the desk does next, it does there: the sample is that world's.
        var form = Page.Locator("form:has(input[name='Sample.LeaderMobile'])");
        await form.Locator("input[name='Sample.LeaderMobile']").FillAsync(Mobile);
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.Locator("section.sample")).ToBeVisibleAsync();
        await Expect(Page.Locator("table.orders tbody tr")).ToHaveCountAsync(1);
        await AdvanceAsync("5m", world: "class-a");

        // The trainee's link opens the site in that world, and every link there keeps it.
        await GoAsync(await Page.Locator("a.trainee-link").GetAttributeAsync("href") ?? "");
        await Expect(Page.Locator("header .world b")).ToHaveTextAsync("class-a");
        await Page.Locator("header nav a[href*='/phone']").ClickAsync();
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
        await Expect(Page.Locator("table.orders")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_world_list_stays_compact_with_fifty_worlds_and_switches_the_desk_to_the_one_chosen()
    {
        await SignInAsync();
        var height = () => Page.EvaluateAsync<double>("document.documentElement.scrollHeight");
        var alone = await height();
        var gateway = Server.Gateway();
        for (var i = 1; i <= 50; i++)
        {
            await gateway.CreateWorldAsync($"class-{i:00}", clockStart: new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)).AddDays(i));
        }

        await GoAsync("/admin");
        // Fifty more worlds make the page no longer than a few lines do.
        Assert.True(await height() - alone < 100, $"The desk grew from {alone} px to {await height()} px with 50 worlds.");
        await Expect(Page.Locator("select[name=world] option")).ToHaveCountAsync(51);

        await Page.Locator("select[name=world]").SelectOptionAsync("class-37");
        await Page.Locator("form:has(select[name=world]) button[type=submit]").ClickAsync();
        Assert.Contains("world=class-37", Page.Url);
        await Expect(Page.Locator("[data-clock]")).ToHaveTextAsync("2026-07-08 09:00:00");
        await Expect(Page.Locator("a.trainee-link")).ToHaveAttributeAsync("href", new Regex("/\\?world=class-37$"));
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task The_scenario_table_is_in_the_pages_language(string language)
    {
        await SignInAsync(language == "en" ? "/admin?lang=en" : "/admin");
        // The one table of scenario names: a name, what its parameter is (if it takes one), what it does.
        var parameters = await Page.Locator("table:has(code) tbody td:nth-child(2)").AllInnerTextsAsync();
        // The ICP order's scenarios and the public-security filing's, in one table.
        var catalogue = OrderScenario.Catalogue.Concat(WebsiteFilingScenario.Catalogue).ToList();
        Assert.Equal(catalogue.Count, parameters.Count);
        Assert.Equal(catalogue.Count(s => s.Parameter is not null), parameters.Count(p => p.Length > 0));
        Assert.All(parameters.Where(p => p.Length > 0), text => Assert.Equal(language == "zh", Han().IsMatch(text)));
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

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task The_desks_buttons_choices_and_refusals_are_in_the_pages_language(string language)
    {
        await SignInAsync(language == "en" ? "/admin?lang=en" : "/admin");
        var buttons = await Page.Locator("button[name='Clock.Step']").AllInnerTextsAsync();
        var faults = await Page.Locator("select[name='Fault.Kind'] option").AllInnerTextsAsync();
        var rate = Page.Locator("form:has(input[name='ClockRate.Rate'])");
        await rate.Locator("input[name='ClockRate.Rate']").FillAsync("fast");
        await rate.Locator("button[type=submit]").ClickAsync();
        var refused = await Page.Locator(".error [data-field=rate]").InnerTextAsync();
        await Page.Locator("form:has(input[name='Reset.Confirm']) button[type=submit]").ClickAsync();
        var unconfirmed = await Page.Locator(".error [data-field=confirm]").InnerTextAsync();

        Assert.Equal(3, buttons.Count);
        Assert.Equal(3, faults.Count);
        Assert.All([.. buttons, .. faults, refused, unconfirmed], text => Assert.Equal(language == "zh", Han().IsMatch(text)));
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
