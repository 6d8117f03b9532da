using IcpRegulatorSim.Contracts.PublicSecurity.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;
using Microsoft.Data.Sqlite;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// A restart in the middle of a public-security review loses nothing: the account's token, the filing with its
/// confirmed people and the codes of those still to confirm, and the review's deadline, which decides on time after it.
/// </summary>
public sealed class PublicSecurityRestartTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"icp-psb-restart-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".lock" })
        {
            File.Delete(path + suffix);
        }
    }

    [Fact]
    public async Task A_restart_during_review_keeps_the_account_the_filing_its_codes_and_its_deadline()
    {
        var samples = new SampleFilings();
        string token, reviewed, awaiting, lastCode, lastMobile;
        await using (var first = await RegulatorServer.StartAsync(path))
        {
            var gateway = first.Gateway();
            var filed = await gateway.FileInitialAsync(samples.Company(websites: 2));
            var psb = new PublicSecuritySteps(first, gateway);
            token = await psb.RegisterAsync(filed.Subject, filed.Leader.Mobile);
            var today = RegulatorServer.Start.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
            reviewed = (await psb.ConfirmAllAsync(token, await psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 0, today))))).FilingId;
            // The second filing's responsible person confirms before the restart, its other person after it.
            awaiting = (await psb.FileAsync(token, PublicSecuritySteps.FilingOf(filed, PublicSecuritySteps.WebsiteOf(filed, 1, today)))).FilingId;
            lastMobile = filed.Administrator(0).Mobile;
            var codes = (await gateway.InboxAsync(lastMobile)).Where(m => m.Body.Contains(awaiting, StringComparison.Ordinal)).ToList();
            Assert.Equal(2, codes.Count);
            lastCode = System.Text.RegularExpressions.Regex.Match(codes[^1].Body, @"confirmation code is (\d{6})").Groups[1].Value;
            var leaderCode = System.Text.RegularExpressions.Regex.Match(
                (await gateway.InboxAsync(filed.Leader.Mobile)).Last(m => m.Body.Contains(awaiting, StringComparison.Ordinal)).Body, @"confirmation code is (\d{6})").Groups[1].Value;
            await psb.Filings.ConfirmContactAsync(new ConfirmContactRequest { FilingId = awaiting, Mobile = filed.Leader.Mobile, Code = leaderCode }, psb.Headers(token));
            var firstCode = System.Text.RegularExpressions.Regex.Match(codes[0].Body, @"confirmation code is (\d{6})").Groups[1].Value;
            await psb.Filings.ConfirmContactAsync(new ConfirmContactRequest { FilingId = awaiting, Mobile = lastMobile, Code = firstCode }, psb.Headers(token));
        }

        await using var restarted = await RegulatorServer.StartAsync(path);
        var again = new PublicSecuritySteps(restarted, restarted.Gateway());
        var underReview = await again.GetAsync(token, reviewed);
        Assert.Equal(WebsiteFilingStatus.UnderReview, underReview.Status);
        var confirmed = (await again.Filings.ConfirmContactAsync(
            new ConfirmContactRequest { FilingId = awaiting, Mobile = lastMobile, Code = lastCode }, again.Headers(token))).Filing;
        Assert.Equal(WebsiteFilingStatus.UnderReview, confirmed.Status);

        // The review's working days run out on the world's clock, across the restart: the office decides by itself.
        await restarted.Gateway().AdvanceClockAsync(TimeSpan.FromDays(30));
        var approved = await again.GetAsync(token, reviewed);
        Assert.Equal(WebsiteFilingStatus.Approved, approved.Status);
        Assert.Equal(WebsiteFilingStatus.Approved, (await again.GetAsync(token, awaiting)).Status);
        Assert.Equal(2, new[] { approved.Number, (await again.GetAsync(token, awaiting)).Number }.Distinct().Count());
    }
}
