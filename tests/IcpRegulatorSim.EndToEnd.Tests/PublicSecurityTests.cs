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
/// The public-security filing after an ICP approval, end to end: an account, a website filed with its ICP number
/// checked against the world's MIIT registry, its people's codes, the office's review in working days on the world's
/// clock, the number issued once with its badge, the public query, the thirty days from opening, and the filing
/// cancelled when the ICP filing is revoked.
/// </summary>
public sealed class PublicSecurityTests : PublicSecurityTest
{
    private async Task<(Filed Filed, string Token)> RegisteredAsync(int websites = 1)
    {
        var filed = await Gateway.FileInitialAsync(Samples.Company(websites: websites));
        return (filed, await Psb.RegisterAsync(filed.Subject, filed.Leader.Mobile));
    }

    /// <summary>When the office's review of a filing sent to it at <paramref name="at"/> is due: its working days, on MIIT's calendar.</summary>
    private DateTimeOffset ReviewDue(DateTimeOffset at, string province)
    {
        var rules = Server.Services.GetRequiredService<PublicSecurityRules>();
        return Server.Services.GetRequiredService<RuleBook>().Calendar.AddWorkingDays(at, rules.ReviewWorkingDays(rules.OfficeFor(province)));
    }

    [Fact]
    public async Task An_approved_icp_website_is_filed_confirmed_reviewed_in_working_days_numbered_once_and_found_by_the_public_query()
    {
        var (filed, token) = await RegisteredAsync();

        var filing = await Psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, Today)));
        Assert.Equal(WebsiteFilingStatus.AwaitingConfirmation, filing.Status);
        Assert.Equal("330106", filing.Office.Code);
        Assert.False(filing.Overdue);
        filing = await Psb.ConfirmAllAsync(token, filing);
        Assert.Equal(WebsiteFilingStatus.UnderReview, filing.Status);
        Assert.All(filing.Contacts, c => Assert.True(c.Confirmed));
        var pending = await Psb.Office.ListPendingWebsiteFilingsAsync(new ListPendingWebsiteFilingsRequest { Province = "zhejiang" }, Psb.AdminHeaders);
        Assert.Equal(filing.FilingId, Assert.Single(pending.Filings).FilingId);

        var due = ReviewDue(filing.History.Single(h => h.Kind == "UNDER_REVIEW").At.ToDateTimeOffset(), "zhejiang");
        await Gateway.AdvanceClockToAsync(due.AddSeconds(-1));
        Assert.Equal(WebsiteFilingStatus.UnderReview, (await Psb.GetAsync(token, filing.FilingId)).Status);
        await Gateway.AdvanceClockToAsync(due);
        var approved = await Psb.GetAsync(token, filing.FilingId);

        Assert.Equal(WebsiteFilingStatus.Approved, approved.Status);
        Assert.Equal(due, approved.DecidedAt.ToDateTimeOffset());
        var number = PublicSecurityNumber.Parse(approved.Number);
        Assert.NotNull(number);
        Assert.Equal(("浙", "330106", 1L), (number.Abbreviation, number.OfficeCode, number.Sequence));
        Assert.Matches(@"^浙公网安备330106\d{8}号$", approved.Number);
        Assert.Contains(approved.Number, approved.BadgeHtml);
        Assert.Contains($"number={number.Digits}", approved.BadgeHtml);
        Assert.Empty((await Psb.Office.ListPendingWebsiteFilingsAsync(new ListPendingWebsiteFilingsRequest(), Psb.AdminHeaders)).Filings);
        // The subject hears of it on its account's mobile, number and badge in the message.
        Assert.Contains(await Gateway.InboxAsync(filed.Leader.Mobile), m => m.Body.Contains(approved.Number, StringComparison.Ordinal)
            && m.Body.Contains("<a href=", StringComparison.Ordinal));

        var byNumber = Assert.Single((await Psb.Query.QueryFilingByNumberAsync(new QueryFilingByNumberRequest { Number = approved.Number }, Psb.Headers())).Filings);
        var byDomain = Assert.Single((await Psb.Query.QueryFilingsByDomainAsync(
            new QueryFilingsByDomainRequest { Domain = filed.Service(0).Domains[0].ToUpperInvariant() }, Psb.Headers())).Filings);
        var byName = Assert.Single((await Psb.Query.QueryFilingsByWebsiteNameAsync(
            new QueryFilingsByWebsiteNameRequest { WebsiteName = filed.Service(0).Name }, Psb.Headers())).Filings);
        Assert.Equal(byNumber, byDomain);
        Assert.Equal(byNumber, byName);
        Assert.Equal((filed.Subject.Name, filed.ServiceNumber(0), Day(due), approved.Number), (byNumber.SubjectName, byNumber.IcpNumber, byNumber.FiledOn, byNumber.Number));
        // Public fields only: no person's name, certificate, mobile or email anywhere in what the query answers.
        var text = byNumber.ToString();
        foreach (var person in new[] { filed.Leader, filed.Administrator(0) })
        {
            Assert.DoesNotContain(person.Mobile, text);
            Assert.DoesNotContain(person.CertificateNumber, text);
            Assert.DoesNotContain(person.Email, text);
        }

        // The same over HTTP/JSON, on the route the contract gives, which the OpenAPI document describes.
        using var http = new HttpClient { BaseAddress = Server.WebAddress };
        var json = await http.GetStringAsync($"/v1/psb/public/filings/{Uri.EscapeDataString(approved.Number)}");
        Assert.Contains(number.Digits, json);
        Assert.Contains("/v1/psb/public/filings/{number}", await http.GetStringAsync("/openapi/v1.json"));

        // Numbered once: a second website of the office takes the next number, never this one again.
        var (other, otherToken) = await RegisteredAsync();
        var second = await Psb.ConfirmAllAsync(otherToken, await Psb.FileAsync(otherToken, PublicSecuritySteps.FilingOf(other, PublicSecuritySteps.WebsiteOf(other, 0, Day(due)))));
        var decided = (await Psb.Office.ApproveWebsiteFilingAsync(new ApproveWebsiteFilingRequest { FilingId = second.FilingId }, Psb.AdminHeaders)).Filing;
        Assert.Equal(2L, PublicSecurityNumber.Parse(decided.Number)!.Sequence);
        Assert.Equal(approved.Number, (await Psb.GetAsync(token, filing.FilingId)).Number);
    }

    [Fact]
    public async Task Each_refusal_of_the_icp_cross_check_names_its_field_and_files_nothing()
    {
        // Two websites: the subject stays in the registry when one is revoked.
        var (filed, token) = await RegisteredAsync(websites: 2);
        var (stranger, _) = await RegisteredAsync();
        var website = PublicSecuritySteps.WebsiteOf(filed, 0, Today);

        async Task<(string Field, string Reason)> RefusedAsync(Website w)
        {
            var e = await PublicSecuritySteps.RefusedAsync(() => Psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, w)));
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
            var problem = Assert.Single(e.FieldProblems);
            return (problem.Field, problem.Reason);
        }

        var missing = website.Clone();
        missing.IcpNumber = "";
        Assert.Equal(("website.icp_number", "REQUIRED"), await RefusedAsync(missing));
        var anothers = website.Clone();
        anothers.IcpNumber = stranger.ServiceNumber(0);
        anothers.Domains.Clear();
        anothers.Domains.Add(stranger.Service(0).Domains[0]);
        Assert.Equal(("website.icp_number", "ICP_SUBJECT_MISMATCH"), await RefusedAsync(anothers));
        var uncovered = website.Clone();
        uncovered.Domains.Clear();
        uncovered.Domains.Add("not-this-site.cn");
        Assert.Equal(("website.domains[0]", "ICP_DOMAIN_NOT_COVERED"), await RefusedAsync(uncovered));
        var unknown = website.Clone();
        unknown.IcpNumber = filed.ServiceNumber(0).Replace("号-1", "号-9", StringComparison.Ordinal);
        Assert.Equal(("website.icp_number", "ICP_NUMBER_NOT_FOUND"), await RefusedAsync(unknown));

        await Gateway.RevokeFilingAsync(filed.ServiceNumber(0), "FALSE_INFORMATION");
        Assert.Equal(("website.icp_number", "ICP_NUMBER_NOT_IN_FORCE"), await RefusedAsync(website));

        Assert.Empty((await Psb.Filings.ListWebsiteFilingsAsync(new ListWebsiteFilingsRequest(), Psb.Headers(token))).Filings);
        Assert.DoesNotContain(await Gateway.InboxAsync(filed.Administrator(0).Mobile), m => m.Body.Contains("psf-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_website_hosted_outside_mainland_china_files_without_an_icp_number()
    {
        var (filed, token) = await RegisteredAsync();
        var website = PublicSecuritySteps.WebsiteOf(filed, 0, Today);
        website.IcpNumber = "";
        website.ServerLocation = ServerLocation.OutsideMainland;
        website.Domains.Clear();
        website.Domains.Add("offshore-example.com");

        var filing = await Psb.ConfirmAllAsync(token, await Psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, website)));

        Assert.Equal((WebsiteFilingStatus.UnderReview, "", ServerLocation.OutsideMainland), (filing.Status, filing.Website.IcpNumber, filing.Website.ServerLocation));
    }

    [Fact]
    public async Task A_website_filed_on_the_thirtieth_day_after_opening_is_on_time_and_on_the_thirty_first_overdue_as_the_office_sees()
    {
        var (filed, token) = await RegisteredAsync();
        var start = RegulatorServer.Start;

        var onTime = await Psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, Day(start.AddDays(-30)))));
        var late = await Psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, Day(start.AddDays(-31)))));

        Assert.Equal((false, Today), (onTime.Overdue, onTime.DueOn));
        Assert.Equal((true, Day(start.AddDays(-1))), (late.Overdue, late.DueOn));
        Assert.Contains("OVERDUE", late.History.Select(h => h.Kind));
        await Psb.ConfirmAllAsync(token, onTime);
        await Psb.ConfirmAllAsync(token, late);
        var overdue = await Psb.Office.ListPendingWebsiteFilingsAsync(new ListPendingWebsiteFilingsRequest { OfficeCode = "330106", OverdueOnly = true }, Psb.AdminHeaders);
        Assert.Equal([late.FilingId], overdue.Filings.Select(f => f.FilingId));
        var all = await Psb.Office.ListPendingWebsiteFilingsAsync(new ListPendingWebsiteFilingsRequest { OfficeCode = "330106" }, Psb.AdminHeaders);
        Assert.Equal([onTime.FilingId, late.FilingId], all.Filings.Select(f => f.FilingId));
    }

    [Fact]
    public async Task A_filing_still_awaiting_its_peoples_codes_becomes_overdue_on_the_thirty_first_day_and_its_subject_is_reminded_one_confirmed_in_time_is_not()
    {
        var (filed, token) = await RegisteredAsync(websites: 2);
        var start = RegulatorServer.Start;
        // Opened 29 days ago: its thirtieth day is tomorrow.
        var opened = Day(start.AddDays(-29));
        var waiting = await Psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, opened)));
        var confirmed = await Psb.ConfirmAllAsync(token, await Psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 1, opened))));
        Assert.Equal((false, Day(start.AddDays(1))), (waiting.Overdue, waiting.DueOn));
        var dayThirtyOne = new DateTimeOffset(start.ToOffset(TimeSpan.FromHours(8)).Date.AddDays(2), TimeSpan.FromHours(8));
        bool Reminded(IEnumerable<Contracts.V1.OutboxMessage> inbox, string filingId) =>
            inbox.Any(m => m.Body.Contains(filingId, StringComparison.Ordinal) && m.Body.Contains("已逾期", StringComparison.Ordinal));

        await Gateway.AdvanceClockToAsync(dayThirtyOne.AddSeconds(-1));
        Assert.False((await Psb.GetAsync(token, waiting.FilingId)).Overdue);
        Assert.False(Reminded(await Gateway.InboxAsync(filed.Leader.Mobile), waiting.FilingId));

        await Gateway.AdvanceClockToAsync(dayThirtyOne);
        var overdue = await Psb.GetAsync(token, waiting.FilingId);
        Assert.True(overdue.Overdue);
        Assert.Equal(("OVERDUE", dayThirtyOne), (overdue.History[^1].Kind, overdue.History[^1].At.ToDateTimeOffset()));
        Assert.True(Reminded(await Gateway.InboxAsync(filed.Leader.Mobile), waiting.FilingId));
        Assert.Contains(await Gateway.InboxAsync(filed.Leader.Email), m => m.Body.Contains(waiting.FilingId, StringComparison.Ordinal));
        Assert.False((await Psb.GetAsync(token, confirmed.FilingId)).Overdue);
        Assert.False(Reminded(await Gateway.InboxAsync(filed.Leader.Mobile), confirmed.FilingId));
        var office = await Psb.Office.ListPendingWebsiteFilingsAsync(new ListPendingWebsiteFilingsRequest { OfficeCode = "330106", OverdueOnly = true }, Psb.AdminHeaders);
        Assert.Equal([waiting.FilingId], office.Filings.Select(f => f.FilingId));
        // Its people may still confirm: it goes to review, overdue.
        var late = await Psb.ConfirmAllAsync(token, overdue);
        Assert.Equal((WebsiteFilingStatus.UnderReview, true), (late.Status, late.Overdue));
    }

    [Fact]
    public async Task Revoking_the_icp_filing_cancels_the_public_security_filing_and_tells_the_subject()
    {
        var (filed, token) = await RegisteredAsync();
        var filing = await Psb.ConfirmAllAsync(token, await Psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, Today))));
        var approved = (await Psb.Office.ApproveWebsiteFilingAsync(new ApproveWebsiteFilingRequest { FilingId = filing.FilingId }, Psb.AdminHeaders)).Filing;

        await Gateway.RevokeFilingAsync(filed.ServiceNumber(0), "FALSE_INFORMATION");

        var cancelled = await Psb.GetAsync(token, filing.FilingId);
        Assert.Equal(WebsiteFilingStatus.Cancelled, cancelled.Status);
        Assert.Equal("CANCELLED", cancelled.History[^1].Kind);
        Assert.Empty((await Psb.Query.QueryFilingByNumberAsync(new QueryFilingByNumberRequest { Number = approved.Number }, Psb.Headers())).Filings);
        Assert.Contains(await Gateway.InboxAsync(filed.Leader.Mobile), m => m.Body.Contains(filing.FilingId, StringComparison.Ordinal)
            && m.Body.Contains("注销", StringComparison.Ordinal) && m.Body.Contains(filed.ServiceNumber(0), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_a_website_s_icp_filing_cancels_its_public_security_filing_and_no_other()
    {
        var (filed, token) = await RegisteredAsync(websites: 2);
        var first = await Psb.ConfirmAllAsync(token, await Psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, Today))));
        var second = await Psb.ConfirmAllAsync(token, await Psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 1, Today))));

        await Gateway.FileOrderAsync(filed.CancelService(0), filed.Leader, filed.Administrator(0));

        Assert.Equal(WebsiteFilingStatus.Cancelled, (await Psb.GetAsync(token, first.FilingId)).Status);
        Assert.Equal(WebsiteFilingStatus.UnderReview, (await Psb.GetAsync(token, second.FilingId)).Status);
        Assert.Contains(await Gateway.InboxAsync(filed.Leader.Mobile), m => m.Body.Contains(first.FilingId, StringComparison.Ordinal)
            && m.Body.Contains("注销", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_world_keeps_its_own_accounts_filings_and_numbers()
    {
        var (filed, token) = await RegisteredAsync();
        var filing = await Psb.ConfirmAllAsync(token, await Psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, Today))));
        var approved = (await Psb.Office.ApproveWebsiteFilingAsync(new ApproveWebsiteFilingRequest { FilingId = filing.FilingId }, Psb.AdminHeaders)).Filing;
        await Gateway.CreateWorldAsync("psb-other", clockStart: RegulatorServer.Start);
        var admin = Gateway.InWorld("psb-other");
        var provider = admin.InWorld("psb-other", (await admin.CreateProviderKeyAsync("psb-other-provider")).Key);
        var other = new PublicSecuritySteps(Server, provider, "psb-other");

        // The default world's token is no account in the other world, and its number is not found there.
        var refused = await PublicSecuritySteps.RefusedAsync(() => other.Filings.ListWebsiteFilingsAsync(new ListWebsiteFilingsRequest(), other.Headers(token)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Empty((await other.Query.QueryFilingByNumberAsync(new QueryFilingByNumberRequest { Number = approved.Number }, other.Headers())).Filings);
        Assert.Empty((await other.Office.ListPendingWebsiteFilingsAsync(new ListPendingWebsiteFilingsRequest(), other.AdminHeaders)).Filings);

        // The same subject files there too, with the same mobile: the other world's office numbers from its own first.
        var there = await provider.FileInitialAsync(Samples.Company());
        var otherToken = await other.RegisterAsync(there.Subject, there.Leader.Mobile);
        var second = await other.ConfirmAllAsync(otherToken, await other.FileAsync(otherToken, PublicSecuritySteps.FilingOf(there, PublicSecuritySteps.WebsiteOf(there, 0, Today))));
        var numbered = (await other.Office.ApproveWebsiteFilingAsync(new ApproveWebsiteFilingRequest { FilingId = second.FilingId }, other.AdminHeaders)).Filing;
        Assert.Equal(1L, PublicSecurityNumber.Parse(numbered.Number)!.Sequence);
        Assert.Equal(approved.Number, Assert.Single((await Psb.Query.QueryFilingByNumberAsync(new QueryFilingByNumberRequest { Number = approved.Number }, Psb.Headers())).Filings).Number);
        Assert.Equal([filing.FilingId], (await Psb.Filings.ListWebsiteFilingsAsync(new ListWebsiteFilingsRequest(), Psb.Headers(token))).Filings.Select(f => f.FilingId));
    }

    [Fact]
    public async Task The_office_rejects_with_a_reason_of_its_table_the_subject_changes_and_files_again_checks_on_site_only_an_interactive_site_and_a_cancelled_filing_leaves_the_query()
    {
        var (filed, token) = await RegisteredAsync();
        var filing = await Psb.ConfirmAllAsync(token, await Psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, Today))));

        var unknown = await PublicSecuritySteps.RefusedAsync(() => Psb.Office.RejectWebsiteFilingAsync(
            new RejectWebsiteFilingRequest { FilingId = filing.FilingId, ReasonCode = "NO_SUCH_REASON" }, Psb.AdminHeaders).ResponseAsync);
        Assert.Equal(("reason_code", "UNKNOWN_CODE"), (Assert.Single(unknown.FieldProblems).Field, unknown.FieldProblems[0].Reason));
        var notInteractive = await PublicSecuritySteps.RefusedAsync(() => Psb.Office.RequestOnSiteCheckAsync(
            new RequestOnSiteCheckRequest { FilingId = filing.FilingId }, Psb.AdminHeaders).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "NOT_INTERACTIVE"), (notInteractive.StatusCode, notInteractive.Reason));
        Assert.Equal(WebsiteFilingStatus.UnderReview, (await Psb.GetAsync(token, filing.FilingId)).Status);

        var rejected = (await Psb.Office.RejectWebsiteFilingAsync(
            new RejectWebsiteFilingRequest { FilingId = filing.FilingId, ReasonCode = "SUBJECT_MISMATCH" }, Psb.AdminHeaders)).Filing;
        Assert.Equal((WebsiteFilingStatus.Rejected, "SUBJECT_MISMATCH"), (rejected.Status, rejected.RejectionCode));
        Assert.Contains("主体", rejected.RejectionReason.Zh);
        Assert.Contains(await Gateway.InboxAsync(filed.Leader.Mobile), m => m.Body.Contains(filing.FilingId, StringComparison.Ordinal)
            && m.Body.Contains(rejected.RejectionReason.Zh, StringComparison.Ordinal));

        // 变更: the website now offers comments; its people confirm again and it goes back to review, where the office may check it on site.
        var website = PublicSecuritySteps.WebsiteOf(filed, 0, Today);
        website.InteractiveServices.Add(InteractiveService.Comments);
        var change = PublicSecuritySteps.FilingOf(filed, website);
        var changed = (await Psb.Filings.ChangeWebsiteFilingAsync(new ChangeWebsiteFilingRequest
        {
            FilingId = filing.FilingId,
            Website = website,
            ResponsiblePerson = change.ResponsiblePerson,
            SecurityOfficer = change.SecurityOfficer,
            EmergencyContact = change.EmergencyContact,
        }, Psb.Headers(token))).Filing;
        Assert.Equal((WebsiteFilingStatus.AwaitingConfirmation, ""), (changed.Status, changed.RejectionCode));
        changed = await Psb.ConfirmAllAsync(token, changed);
        var onSite = (await Psb.Office.RequestOnSiteCheckAsync(new RequestOnSiteCheckRequest { FilingId = filing.FilingId }, Psb.AdminHeaders)).Filing;
        Assert.Equal(WebsiteFilingStatus.OnSiteCheck, onSite.Status);
        var approved = (await Psb.Office.ApproveWebsiteFilingAsync(new ApproveWebsiteFilingRequest { FilingId = filing.FilingId }, Psb.AdminHeaders)).Filing;
        Assert.Equal(WebsiteFilingStatus.Approved, approved.Status);
        Assert.Equal(["FILED", "CONFIRMED", "CONFIRMED", "CONFIRMED", "UNDER_REVIEW", "REJECTED", "CHANGED", "CONFIRMED", "CONFIRMED", "CONFIRMED", "UNDER_REVIEW", "ON_SITE_CHECK", "APPROVED"],
            approved.History.Select(h => h.Kind));

        // 注销: the subject cancels it; the public query no longer finds it, and a cancelled filing is not cancelled twice.
        var cancelled = (await Psb.Filings.CancelWebsiteFilingAsync(new CancelWebsiteFilingRequest { FilingId = filing.FilingId }, Psb.Headers(token))).Filing;
        Assert.Equal(WebsiteFilingStatus.Cancelled, cancelled.Status);
        Assert.Empty((await Psb.Query.QueryFilingByNumberAsync(new QueryFilingByNumberRequest { Number = approved.Number }, Psb.Headers())).Filings);
        var again = await PublicSecuritySteps.RefusedAsync(() => Psb.Filings.CancelWebsiteFilingAsync(
            new CancelWebsiteFilingRequest { FilingId = filing.FilingId }, Psb.Headers(token)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        // Another account sees no such filing.
        var (_, stranger) = await RegisteredAsync();
        var hidden = await PublicSecuritySteps.RefusedAsync(() => Psb.Filings.GetWebsiteFilingAsync(
            new GetWebsiteFilingRequest { FilingId = filing.FilingId }, Psb.Headers(stranger)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_each_field_and_a_call_without_the_accounts_token_is_unauthenticated()
    {
        var (filed, token) = await RegisteredAsync();
        var website = PublicSecuritySteps.WebsiteOf(filed, 0, "2026-13-01");
        website.ServerIp = "300.1.2.3";
        website.ServerLocation = ServerLocation.Unspecified;
        var request = PublicSecuritySteps.FilingOf(filed, website);
        request.SecurityOfficer = request.SecurityOfficer.Clone();
        request.SecurityOfficer.Mobile = "1380013800";

        var e = await PublicSecuritySteps.RefusedAsync(() => Psb.FileAsync(token, request));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(
            [("security_officer.mobile", "INVALID_FORMAT"), ("website.opened_on", "INVALID_FORMAT"), ("website.server_ip", "INVALID_FORMAT"), ("website.server_location", "REQUIRED")],
            e.FieldProblems.Select(p => (p.Field, p.Reason)).Order());
        Assert.Empty((await Psb.Filings.ListWebsiteFilingsAsync(new ListWebsiteFilingsRequest(), Psb.Headers(token))).Filings);

        var wrongCode = await PublicSecuritySteps.RefusedAsync(() => Psb.Accounts.RegisterAccountAsync(
            new RegisterAccountRequest { Subject = filed.Subject, Mobile = filed.Administrator(0).Mobile, Code = "123456" }, Psb.Headers()).ResponseAsync);
        Assert.Equal(("code", "NO_CODE_SENT"), (Assert.Single(wrongCode.FieldProblems).Field, wrongCode.FieldProblems[0].Reason));
        foreach (var bearer in new[] { null, "psb-not-a-token", GatewayOptions.SandboxProviderKey })
        {
            var refused = await PublicSecuritySteps.RefusedAsync(() => Psb.Filings.ListWebsiteFilingsAsync(new ListWebsiteFilingsRequest(), Psb.Headers(bearer)).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        }
        var notAdmin = await PublicSecuritySteps.RefusedAsync(() => Psb.Office.ListPendingWebsiteFilingsAsync(new ListPendingWebsiteFilingsRequest(), Psb.Headers(token)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, notAdmin.StatusCode);
    }
}
