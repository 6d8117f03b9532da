using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Grpc.Core;
using IcpRegulatorSim.Contracts.PublicSecurity.V1;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using Microsoft.Extensions.DependencyInjection;
using WebsiteFiling = IcpRegulatorSim.Contracts.PublicSecurity.V1.WebsiteFiling;
using WebsiteFilingStatus = IcpRegulatorSim.Contracts.PublicSecurity.V1.WebsiteFilingStatus;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// Paths forced on a public-security filing by the x-psb-scenario header of the call that files it: a rejection with
/// a reason of the platform's table, the review's working days, an on-site check, an overdue filing; and a header
/// naming one wrongly refused naming the header, with nothing filed.
/// </summary>
public sealed class PublicSecurityScenarioTests : PublicSecurityTest
{
    private const string Header = "x-psb-scenario";

    private async Task<(Filed Filed, string Token)> RegisteredAsync()
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company());
        return (filed, await Psb.RegisterAsync(filed.Subject, filed.Leader.Mobile));
    }

    private async Task<WebsiteFiling> FileAsync(string token, FileWebsiteRequest request, string scenario)
    {
        var headers = Psb.Headers(token);
        headers.Add(Header, scenario);
        return (await Psb.Filings.FileWebsiteAsync(request, headers)).Filing;
    }

    private DateTimeOffset WorkingDaysAfter(DateTimeOffset at, int days) => Server.Services.GetRequiredService<RuleBook>().Calendar.AddWorkingDays(at, days);

    private static DateTimeOffset ReviewStart(WebsiteFiling filing) => filing.History.Single(h => h.Kind == "UNDER_REVIEW").At.ToDateTimeOffset();

    [Fact]
    public async Task Psb_reject_has_the_office_reject_with_that_reason_when_the_review_is_due_and_tells_the_subject()
    {
        var (filed, token) = await RegisteredAsync();
        var filing = await Psb.ConfirmAllAsync(token, await FileAsync(
            token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, Today)), "psb-reject:subject_mismatch, psb-review-days:2"));
        Assert.Equal(WebsiteFilingStatus.UnderReview, filing.Status);

        var due = WorkingDaysAfter(ReviewStart(filing), 2);
        await Gateway.AdvanceClockToAsync(due.AddSeconds(-1));
        Assert.Equal(WebsiteFilingStatus.UnderReview, (await Psb.GetAsync(token, filing.FilingId)).Status);
        await Gateway.AdvanceClockToAsync(due);
        var rejected = await Psb.GetAsync(token, filing.FilingId);

        Assert.Equal((WebsiteFilingStatus.Rejected, "SUBJECT_MISMATCH", due), (rejected.Status, rejected.RejectionCode, rejected.DecidedAt.ToDateTimeOffset()));
        Assert.Equal("", rejected.Number);
        Assert.Contains(await Gateway.InboxAsync(filed.Leader.Mobile), m => m.Body.Contains(filing.FilingId, StringComparison.Ordinal)
            && m.Body.Contains(rejected.RejectionReason.Zh, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Psb_onsite_sends_an_interactive_site_to_an_on_site_check_for_the_scenarios_working_days_and_the_office_then_approves()
    {
        var (filed, token) = await RegisteredAsync();
        var website = PublicSecuritySteps.WebsiteOf(filed, 0, Today);
        website.InteractiveServices.Add(InteractiveService.Comments);
        website.SecurityAssessment = "已完成安全评估";
        var filing = await Psb.ConfirmAllAsync(token, await FileAsync(token, PublicSecuritySteps.FilingOf(filed, website), "psb-onsite,psb-review-days:4"));

        Assert.Equal(WebsiteFilingStatus.OnSiteCheck, filing.Status);
        Assert.Equal(["UNDER_REVIEW", "ON_SITE_CHECK"], filing.History.Select(h => h.Kind).Where(k => k is "UNDER_REVIEW" or "ON_SITE_CHECK"));
        var due = WorkingDaysAfter(ReviewStart(filing), 4);
        await Gateway.AdvanceClockToAsync(due.AddSeconds(-1));
        Assert.Equal(WebsiteFilingStatus.OnSiteCheck, (await Psb.GetAsync(token, filing.FilingId)).Status);
        await Gateway.AdvanceClockToAsync(due);
        var approved = await Psb.GetAsync(token, filing.FilingId);
        Assert.Equal((WebsiteFilingStatus.Approved, due), (approved.Status, approved.DecidedAt.ToDateTimeOffset()));
        Assert.NotEmpty(approved.Number);
    }

    [Fact]
    public async Task Psb_overdue_files_a_website_opened_today_as_overdue_as_the_office_sees_it()
    {
        var (filed, token) = await RegisteredAsync();

        var filing = await FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, Today)), "psb-overdue");

        Assert.True(filing.Overdue);
        Assert.Equal(["FILED", "OVERDUE"], filing.History.Select(h => h.Kind));
        await Psb.ConfirmAllAsync(token, filing);
        var overdue = await Psb.Office.ListPendingWebsiteFilingsAsync(new ListPendingWebsiteFilingsRequest { OverdueOnly = true }, Psb.AdminHeaders);
        Assert.Equal([filing.FilingId], overdue.Filings.Select(f => f.FilingId));
    }

    [Theory]
    [InlineData("psb-reject:NO_SUCH_REASON", "UNKNOWN_CODE")]
    [InlineData("psb-review-days:many", "INVALID_SCENARIO")]
    [InlineData("psb-teleport", "UNKNOWN_SCENARIO")]
    [InlineData("review-reject", "UNKNOWN_SCENARIO")]
    [InlineData("psb-onsite", "NOT_INTERACTIVE")]
    public async Task A_scenario_named_wrongly_or_an_on_site_check_of_a_site_without_interactive_services_is_refused_naming_the_header_and_files_nothing(
        string scenario, string reason)
    {
        var (filed, token) = await RegisteredAsync();

        var e = await PublicSecuritySteps.RefusedAsync(() => FileAsync(
            token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, Today)), scenario));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal((Header, reason), (Assert.Single(e.FieldProblems).Field, e.FieldProblems[0].Reason));
        Assert.Empty((await Psb.Filings.ListWebsiteFilingsAsync(new ListWebsiteFilingsRequest(), Psb.Headers(token))).Filings);
        Assert.DoesNotContain(await Gateway.InboxAsync(filed.Administrator(0).Mobile), m => m.Body.Contains("psf-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_http_json_the_header_forces_the_scenario_and_the_openapi_document_and_the_catalogue_name_it()
    {
        var (filed, token) = await RegisteredAsync();
        using var http = new HttpClient { BaseAddress = Server.WebAddress };
        var body = Google.Protobuf.JsonFormatter.Default.Format(PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, Today)));

        async Task<HttpResponseMessage> PostAsync(string scenario)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/psb/filings") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("authorization", $"Bearer {token}");
            request.Headers.Add(Header, scenario);
            return await http.SendAsync(request);
        }

        using var refused = await PostAsync("psb-reject:NOPE");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(Header, await refused.Content.ReadAsStringAsync());
        using var filed2 = await PostAsync("psb-overdue");
        Assert.Equal(HttpStatusCode.OK, filed2.StatusCode);
        Assert.True(JsonNode.Parse(await filed2.Content.ReadAsStringAsync())!["filing"]!["overdue"]!.GetValue<bool>());

        var openApi = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!["paths"]!;
        foreach (var path in new[] { "/v1/psb/filings", "/v1/psb/filings/{filingId}:change" })
        {
            Assert.Contains(openApi[path]!["post"]!["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == Header);
        }
        var catalogue = (await Gateway.ListScenariosAsync()).Scenarios.Where(s => s.Name.StartsWith("psb-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["psb-reject", "psb-review-days", "psb-onsite", "psb-overdue"], catalogue.Select(s => s.Name));
        Assert.All(catalogue, s => Assert.False(string.IsNullOrEmpty(s.Description.Zh) || string.IsNullOrEmpty(s.Description.En)));
        Assert.Contains(Server.Services.GetRequiredService<PublicSecurityRules>().RejectionReasons[0].Code, (await refused.Content.ReadAsStringAsync()));
    }
}
