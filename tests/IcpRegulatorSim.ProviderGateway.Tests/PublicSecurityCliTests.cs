using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IcpRegulatorSim.ProviderGateway.Cli;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// <c>icp-gateway psb …</c>: the public-security filing after an ICP approval, through the CLI: the account's code
/// and token, the website filed with its people's codes, the office's review, the number and badge, the public query;
/// and each refusal in one line with exit 1, a missing token a usage mistake (exit 2).
/// </summary>
[Collection(CliRun.Collection)]
public sealed partial class PublicSecurityCliTests : CliServerTest
{
    private static string Sample => Repository.Sample(Repository.CompanySample);

    private async Task<(string Number, string Token, string Today)> RegisteredAsync()
    {
        var order = await Gateway.FileAsync(FilingFiles.Read(Sample).Filing);
        var number = order.ServiceNumbers.Single(n => n.ServiceIndex == 0).Number;
        var sent = await Cli("psb", "send-code", "--mobile", LeaderMobile);
        Assert.True(sent.ExitCode == 0, sent.ToString());
        var code = (await Gateway.InboxAsync(LeaderMobile)).Select(m => m.PublicSecurityRegistrationCode()).OfType<string>().Last();
        var registered = await Cli("psb", "register", Sample, "--mobile", LeaderMobile, "--code", code);
        Assert.True(registered.ExitCode == 0, registered.ToString());
        var token = Token().Match(registered.Output).Groups[1].Value;
        var today = (await Gateway.GetClockAsync()).Now.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        return (number, token, today);
    }

    [Fact]
    public async Task The_whole_step_runs_through_the_cli_from_the_account_to_the_number_its_badge_and_the_public_query()
    {
        var (number, token, today) = await RegisteredAsync();

        var filed = await Cli("psb", "file", Sample, "--icp-number", number, "--opened-on", today, "--token", token, "--scenario", "psb-review-days:1");

        Assert.True(filed.ExitCode == 0, filed.ToString());
        var filingId = FilingId().Match(filed.Output).Groups[1].Value;
        Assert.StartsWith($"Filing {filingId}  AWAITING_CONFIRMATION", filed.Output);
        foreach (var mobile in new[] { LeaderMobile, AdminMobile })
        {
            var codes = (await Gateway.InboxAsync(mobile)).Where(m => m.Body.Contains(filingId, StringComparison.Ordinal))
                .Select(m => m.PublicSecurityContactCode()).OfType<string>().ToList();
            Assert.NotEmpty(codes);
            foreach (var code in codes)
            {
                var confirmed = await Cli("psb", "confirm", filingId, "--mobile", mobile, "--code", code, "--token", token);
                Assert.True(confirmed.ExitCode == 0, confirmed.ToString());
            }
        }
        var reviewing = await Cli("psb", "status", filingId, "--token", token);
        Assert.Contains($"Filing {filingId}  UNDER_REVIEW", reviewing.Output);
        var pending = await Cli("psb", "pending", "--province", "zhejiang");
        Assert.Contains(filingId, pending.Output);

        // One working day of review on the world's clock, and the office approves by itself.
        await Gateway.AdvanceClockAsync(TimeSpan.FromDays(3));
        var approved = await Cli("psb", "status", filingId, "--token", token, "--json");
        Assert.True(approved.ExitCode == 0, approved.ToString());
        var json = JsonNode.Parse(approved.Output)!;
        Assert.Equal("WEBSITE_FILING_STATUS_APPROVED", json["status"]!.GetValue<string>());
        var psbNumber = json["number"]!.GetValue<string>();
        Assert.Matches(@"^浙公网安备330106\d{8}号$", psbNumber);
        Assert.Contains(psbNumber, json["badgeHtml"]!.GetValue<string>());

        var query = await Cli("psb", "query", "number", psbNumber);
        Assert.True(query.ExitCode == 0, query.ToString());
        Assert.StartsWith(psbNumber, query.Output);
        Assert.Contains(number, query.Output);
        Assert.DoesNotContain(LeaderMobile, query.Output);
        var listed = await Cli("psb", "list", "--token", token);
        Assert.Contains($"{filingId}  APPROVED", listed.Output);
    }

    [Fact]
    public async Task A_refusal_is_one_line_with_exit_1_and_a_missing_token_a_usage_mistake()
    {
        var (number, token, today) = await RegisteredAsync();

        var badScenario = await Cli("psb", "file", Sample, "--icp-number", number, "--opened-on", today, "--token", token, "--scenario", "psb-reject:NOPE");
        Assert.Equal(GatewayCli.Refused, badScenario.ExitCode);
        Assert.Equal("", badScenario.Output);
        Assert.StartsWith("error: InvalidArgument", badScenario.Error);
        Assert.Contains(badScenario.ErrorLines, l => l.StartsWith("x-psb-scenario: UNKNOWN_CODE: ", StringComparison.Ordinal));

        var crossCheck = await Cli("psb", "file", Sample, "--icp-number", number.Replace("号-1", "号-9", StringComparison.Ordinal), "--opened-on", today, "--token", token);
        Assert.Equal(GatewayCli.Refused, crossCheck.ExitCode);
        Assert.Contains(crossCheck.ErrorLines, l => l.StartsWith("website.icp_number: ICP_NUMBER_NOT_FOUND: ", StringComparison.Ordinal));

        var wrongToken = await Cli("psb", "list", "--token", "psb-not-a-token");
        Assert.Equal(GatewayCli.Refused, wrongToken.ExitCode);
        Assert.StartsWith("error: Unauthenticated", wrongToken.Error);

        var noToken = await Cli("psb", "list");
        Assert.Equal(GatewayCli.UsageMistake, noToken.ExitCode);
        Assert.StartsWith("error: The account's token is needed", noToken.Error);
        Assert.Contains("No public-security filing", (await Cli("psb", "list", "--token", token)).Output);
    }

    [GeneratedRegex(@"token  (psb-\S+)")]
    private static partial Regex Token();

    [GeneratedRegex(@"Filing (psf-\d+)")]
    private static partial Regex FilingId();
}
