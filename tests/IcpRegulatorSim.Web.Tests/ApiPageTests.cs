using IcpRegulatorSim.Testing;
using static Microsoft.Playwright.Assertions;

namespace IcpRegulatorSim.Web.Tests;

/// <summary>The HTTP/JSON API's page (Swagger UI on the OpenAPI document), served by the server itself, works in a browser.</summary>
public sealed class ApiPageTests(BrowserFixture browser) : WebTest(browser)
{
    [Fact]
    public async Task The_api_page_lists_the_routes_and_calls_one_from_the_browser()
    {
        var outside = new List<string>();
        Page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(Server.WebAddress.ToString(), StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };

        await GoAsync("/openapi");

        // The page shows the routes once the server has generated the document, which takes a busy machine seconds.
        await Expect(Page.Locator(".opblock-summary-path[data-path='/v1/filings']").First)
            .ToBeVisibleAsync(new() { Timeout = (float)Patience.Limit.TotalMilliseconds });
        await Expect(Page.Locator(".opblock-summary-path[data-path='/v1/worlds/{worldId}/clock:advance']")).ToBeVisibleAsync();
        await ShotAsync("api", fullPage: false);

        // Try GET /v1/ping from the page.
        var ping = Page.Locator(".opblock-get").Filter(new() { Has = Page.Locator(".opblock-summary-path[data-path='/v1/ping']") });
        await ping.Locator(".opblock-summary").ClickAsync();
        await ping.Locator("button.try-out__btn").ClickAsync();
        await ping.Locator("button.execute").ClickAsync();
        await Expect(ping.Locator(".live-responses-table tbody .response-col_status")).ToHaveTextAsync("200");
        Assert.Empty(outside);
    }
}
