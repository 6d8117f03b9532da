using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Cli;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// <c>icp-gateway load</c> and <c>seed-filings</c> against the real simulator. The server and the load run share a fake
/// clock, and the server holds every call of the workload (an injected latency on that clock) until the test lets a
/// round through: how many calls a run makes is set by the test, not by how fast the machine is.
/// </summary>
[Collection(CliRun.Collection)]
public sealed class LoadCliTests : CliServerTest
{
    private const string Submit = "icp.regulator.v1.FilingService/SubmitFiling";
    private const string QueryByDomain = "icp.regulator.v1.PublicQueryService/QueryByDomain";
    private const string ValidateCode = "icp.regulator.v1.SmsValidationService/ValidateCode";

    /// <summary>How long the server holds each call of the workload: a round of calls is answered when time moves by it.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(10);

    private readonly FakeClock clock = new();

    protected override TimeProvider RealTime => clock;

    [Fact]
    public async Task Every_generated_subject_passes_the_regulators_checks_and_each_call_files_one_order()
    {
        var report = Path.Combine(Scratch.Path, "submit.json");
        var run = await LoadAsync(Submit, workers: 8, rounds: 3, "1s", "submit", "--seed", "5", "--json", report);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("errors none", run.Output);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(report))!;
        Assert.Equal(3 * 8, json["calls"]!.GetValue<long>());
        Assert.Empty(json["errors"]!.AsObject());
        var orders = await AllOrdersAsync();
        // The round under way when the second was up was answered but not timed.
        Assert.Equal(4 * 8, orders.Count);
        Assert.All(orders, o => Assert.Equal(OrderStatus.AwaitingSmsValidation, o.Status));
    }

    [Fact]
    public async Task A_run_with_failed_calls_counts_them_by_status_apart_from_its_throughput_and_exits_non_zero_unless_allowed()
    {
        // The same seed again: the first run files the seed's first eight subjects (its timed round and the one under
        // way at its end), so the second run's first four rounds are refused, the subject having an order in process
        // already, and its fifth files two more.
        Assert.Equal(0, (await LoadAsync(Submit, workers: 4, rounds: 1, "0.5s", "submit", "--seed", "6")).ExitCode);

        var failing = await LoadAsync(Submit, workers: 2, rounds: 5, "1s", "submit", "--seed", "6");
        Assert.True(failing.ExitCode == 1, failing.ToString());
        Assert.Contains("calls 10  succeeded 2  throughput 2.0/s", failing.Output);
        Assert.Contains("errors FailedPrecondition 8", failing.Output);
        Assert.Contains("8 calls failed (--allow-errors to exit 0 anyway)", failing.Error);

        // Twelve subjects filed now: six rounds refused, the seventh files.
        var allowed = await LoadAsync(Submit, workers: 2, rounds: 7, "1s", "submit", "--seed", "6", "--allow-errors");
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Contains("calls 14  succeeded 2  throughput 2.0/s", allowed.Output);
        Assert.Contains("errors FailedPrecondition 12", allowed.Output);
    }

    [Fact]
    public async Task A_run_in_which_every_call_failed_reports_no_throughput_and_exits_1_even_when_errors_are_allowed()
    {
        // Nothing seeded: every lookup finds nothing, and the error names the command that seeds them.
        var run = await LoadAsync(QueryByDomain, workers: 2, rounds: 2, "0.5s", "query", "--seed", "4", "--query-pool", "50", "--allow-errors");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("calls 4  succeeded 0  throughput 0.0/s", run.Output);
        Assert.Contains("errors query found nothing (seed the filings first: icp-gateway seed-filings --count 50 --seed 4) 4", run.Output);
        Assert.Contains("error: no call succeeded: all 4 answered calls failed", run.Error);
    }

    [Fact]
    public async Task A_run_in_which_no_call_was_answered_reports_nothing_measured_and_exits_non_zero()
    {
        var run = await LoadAsync(QueryByDomain, workers: 2, rounds: 0, "0.3s", "query");

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

        var run = await LoadAsync(QueryByDomain, workers: 4, rounds: 5, "0.5s", "query", "--seed", "3", "--query-pool", "300");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("calls 20", run.Output);
        Assert.Contains("errors none", run.Output);
    }

    [Fact]
    public async Task Validate_submits_first_then_validates_the_codes_read_from_the_outbox()
    {
        var run = await LoadAsync(ValidateCode, workers: 4, rounds: 2, "0.5s", "validate", "--prepare", "200");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("prepared 400 codes to validate", run.Output);
        Assert.Contains("calls 8", run.Output);
        Assert.Contains("errors none", run.Output);
        // The codes are validated in the order of the orders, the leader's then the administrator's.
        var complete = (await AllOrdersAsync()).Count(o => o.SmsValidations.All(v => v.State == SmsValidationState.Complete));
        Assert.Equal(6, complete);
    }

    /// <summary>
    /// Runs <c>icp-gateway load</c> with <paramref name="workers"/> calls in flight, no warm-up, and each call of
    /// <paramref name="method"/> held by the server: <paramref name="rounds"/> rounds are let through within the
    /// <paramref name="duration"/>; the round after them is held past its end, so it is answered but not timed.
    /// </summary>
    private async Task<CliRun> LoadAsync(string method, int workers, int rounds, string duration, params string[] args)
    {
        // Time moves in one step past the end: every timer on the way fires, and none of the held calls is let go
        // before the end, whatever a thread reads meanwhile.
        var pastTheEnd = CliValues.Duration(duration) + Hold;
        await HoldAsync(method, rounds > 0 ? Hold : pastTheEnd);
        var run = Cli(["load", .. args, "-c", workers.ToString(CultureInfo.InvariantCulture), "--warmup", "0s", "--duration", duration]);
        for (var round = 1; round <= rounds; round++)
        {
            await clock.WhenWaitingAsync(Hold, workers);
            if (round == rounds)
            {
                await HoldAsync(method, pastTheEnd);
            }
            clock.Advance(Hold);
        }
        await clock.WhenWaitingAsync(pastTheEnd, workers);
        clock.Advance(pastTheEnd);
        return await run.Within("the load run to end");
    }

    /// <summary>From now on the server holds each call of <paramref name="method"/> for <paramref name="delay"/> of its clock.</summary>
    private Task HoldAsync(string method, TimeSpan delay) =>
        Gateway.SetFaultsAsync([new Fault { Method = method, Kind = FaultKind.Latency, Probability = 1, Delay = Duration.FromTimeSpan(delay) }]);

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
