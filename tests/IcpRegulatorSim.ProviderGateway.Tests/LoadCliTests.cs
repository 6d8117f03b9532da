using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary><c>icp-gateway load</c> and <c>seed-filings</c> against the real simulator.</summary>
[Collection(CliRun.Collection)]
public sealed class LoadCliTests : CliServerTest
{
    [Fact]
    public async Task Every_generated_subject_passes_the_regulators_checks_and_each_call_files_one_order()
    {
        var report = Path.Combine(Scratch.Path, "submit.json");
        var run = await Cli("load", "submit", "-c", "8", "--warmup", "0s", "--duration", "1s", "--seed", "5", "--json", report);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("errors none", run.Output);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(report))!;
        var calls = json["calls"]!.GetValue<long>();
        Assert.True(calls > 20, $"{calls} calls");
        Assert.Empty(json["errors"]!.AsObject());
        var orders = await AllOrdersAsync();
        // Calls still under way when the second was up were answered but not timed.
        Assert.InRange(orders.Count, calls, calls + 8);
        Assert.All(orders, o => Assert.Equal(OrderStatus.AwaitingSmsValidation, o.Status));
    }

    [Fact]
    public async Task A_run_with_failed_calls_counts_them_by_status_and_exits_non_zero_unless_allowed()
    {
        // The same seed twice: the second run's subjects all have an order in process already.
        Assert.Equal(0, (await Cli("load", "submit", "-c", "4", "--warmup", "0s", "--duration", "0.5s", "--seed", "6")).ExitCode);

        var failing = await Cli("load", "submit", "-c", "2", "--warmup", "0s", "--duration", "1s", "--seed", "6");
        Assert.True(failing.ExitCode == 1, failing.ToString());
        Assert.True(Regex.IsMatch(failing.Output, @"errors FailedPrecondition [\d,]+"), failing.ToString());
        Assert.Contains("calls failed (--allow-errors to exit 0 anyway)", failing.Error);

        var allowed = await Cli("load", "submit", "-c", "2", "--warmup", "0s", "--duration", "1s", "--seed", "6", "--allow-errors");
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.True(Regex.IsMatch(allowed.Output, @"errors FailedPrecondition [\d,]+"), allowed.ToString());
    }

    [Fact]
    public async Task A_run_in_which_no_call_was_answered_reports_nothing_measured_and_exits_non_zero()
    {
        await Gateway.SetFaultsAsync([new Fault
        {
            Method = "icp.regulator.v1.PublicQueryService/QueryByDomain", Kind = FaultKind.Latency, Probability = 1, Delay = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)),
        }]);

        var run = await Cli("load", "query", "-c", "2", "--warmup", "0s", "--duration", "0.3s");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("calls 0", run.Output);
        Assert.Contains("error: no call was answered in the 0.3 s measured", run.Error);
    }

    [Fact]
    public async Task Query_finds_every_domain_of_the_filings_seeded_for_it()
    {
        var seeded = await Cli("seed-filings", "--count", "300", "--batch", "100", "--seed", "3");
        Assert.True(seeded.ExitCode == 0, seeded.ToString());
        Assert.Contains("seeded 300 filings (0 already filed)", seeded.Output);

        var run = await Cli("load", "query", "-c", "4", "--warmup", "0s", "--duration", "0.5s", "--seed", "3", "--query-pool", "300");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("errors none", run.Output);
    }

    [Fact]
    public async Task Validate_submits_first_then_validates_the_codes_read_from_the_outbox()
    {
        var run = await Cli("load", "validate", "-c", "4", "--warmup", "0s", "--duration", "0.5s", "--prepare", "200");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("prepared 400 codes to validate", run.Output);
        Assert.Contains("errors none", run.Output);
        var complete = (await AllOrdersAsync()).Count(o => o.SmsValidations.All(v => v.State == SmsValidationState.Complete));
        Assert.True(complete > 0, "no order was validated");
    }

    private async Task<List<FilingOrder>> AllOrdersAsync()
    {
        var orders = new List<FilingOrder>();
        var token = "";
        do
        {
            var page = await Gateway.ListFilingsAsync(pageSize: 500, pageToken: token);
            orders.AddRange(page.Orders);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return orders;
    }

}
