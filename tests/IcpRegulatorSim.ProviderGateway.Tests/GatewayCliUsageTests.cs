using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// Usage mistakes, caught before the CLI speaks to anyone: they exit 2 with a one-line message. The address points
/// at a port nothing listens on, so a test that wrongly reached the network would fail with exit 1 instead.
/// </summary>
[Collection(CliRun.Collection)]
public sealed class GatewayCliUsageTests : IDisposable
{
    private const string Nowhere = "http://127.0.0.1:9";

    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task A_missing_filing_file_exits_2_naming_the_file()
    {
        var path = Path.Combine(scratch.Path, "no-such-filing.json");

        var run = await Cli("submit", path);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no-such-filing.json", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task A_file_that_is_not_a_filing_exits_2_naming_the_file()
    {
        var path = scratch.Write("not-a-filing.json", "{ \"filing\": { \"subjekt\": {} } }");

        var run = await Cli("submit", path);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith($"error: {path}: ", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task An_unknown_filing_type_exits_2_listing_the_types()
    {
        var run = await Cli("submit", Repository.Sample(Repository.CompanySample), "--type", "FIRST");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: 'FIRST' is not one of: INITIAL, ADD_SERVICE, ADD_ACCESS, ", run.Error);
    }

    [Fact]
    public async Task An_unknown_status_filter_exits_2()
    {
        var run = await Cli("list", "--status", "PENDING");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("UNDER_REVIEW", run.Error);
    }

    [Theory]
    [InlineData("5x")]
    [InlineData("fortnight")]
    [InlineData("P5X")]
    public async Task A_malformed_clock_duration_exits_2(string duration)
    {
        var run = await Cli("clock", "advance", duration);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith($"error: '{duration}' is not ", run.Error);
    }

    [Fact]
    public async Task Clock_advance_without_a_duration_or_an_instant_exits_2()
    {
        var run = await Cli("clock", "advance");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Say how far", run.Error);
    }

    [Fact]
    public async Task Clock_advance_to_something_that_is_not_an_instant_exits_2()
    {
        var run = await Cli("clock", "advance", "--to", "next tuesday");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'next tuesday' is not an instant", run.Error);
    }

    [Fact]
    public async Task A_missing_required_option_exits_2()
    {
        var run = await Cli("sms", "validate", "--mobile", "13800138000", "--suffix", "071238");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--code", run.Error);
    }

    [Fact]
    public async Task An_unknown_command_exits_2()
    {
        var run = await Cli("frobnicate");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("frobnicate", run.Error);
    }

    [Fact]
    public async Task An_address_that_is_not_a_url_exits_2()
    {
        var run = await CliRun.RunAsync("--address", "127.0.0.1 port 50051", "status", "ord-00000001");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("127.0.0.1 port 50051", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task A_page_size_that_is_not_a_number_exits_2()
    {
        var run = await Cli("list", "--page-size", "ten");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("ten", run.Error);
    }

    [Fact]
    public async Task An_unreachable_regulator_exits_1()
    {
        // Nothing listens there: every attempt fails UNAVAILABLE, retries included, and the CLI says so without a stack trace.
        var run = await Cli("status", "ord-00000001");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"error: cannot reach the regulator at {Nowhere}/", Assert.Single(run.ErrorLines));
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_exits_0()
    {
        var run = await Cli("--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var command in new[]
        {
            "submit", "status", "list", "withdraw", "sms", "password", "query", "review", "clock", "messages", "watch", "world", "key", "faults", "scenario",
        })
        {
            Assert.Contains(command, run.Output);
        }
    }

    [Fact]
    public async Task An_unknown_scenario_exits_2_listing_the_known_ones()
    {
        var run = await Cli("scenario", "run", "happy-paht");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(
            "error: 'happy-paht' is not a scenario; the scenarios are: happy-path, five-wrong-codes, resend-limit, expiry, "
            + "rejection-and-resubmission, transfer, cancellation, restriction, revocation, spot-check, empty-shell, psb-happy-path, "
            + "psb-rejection-revocation, all.",
            run.Error.TrimEnd());
    }

    [Fact]
    public async Task Scenario_list_names_every_scenario_without_reaching_the_regulator()
    {
        var run = await Cli("scenario", "list");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["happy-path", "five-wrong-codes", "resend-limit", "expiry", "rejection-and-resubmission", "transfer", "cancellation",
             "restriction", "revocation", "spot-check", "empty-shell", "psb-happy-path", "psb-rejection-revocation", "all"],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]));
    }

    [Theory]
    [InlineData("watch", "--count", "-1")]
    [InlineData("watch", "--after", "-5")]
    [InlineData("messages", "--count", "2")]
    [InlineData("messages", "--follow", "--after", "-1")]
    public async Task A_negative_count_or_sequence_or_a_count_without_follow_exits_2(params string[] args)
    {
        var run = await Cli(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: --", run.Error);
    }

    [Fact]
    public async Task A_clock_rate_that_is_not_a_number_exits_2()
    {
        var run = await Cli("clock", "rate", "fast");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: 'fast' is not a number", run.Error);
    }

    [Theory]
    [InlineData("*", "explode", "1", "'explode' is not one of: UNAVAILABLE, DEADLINE_EXCEEDED, LATENCY.")]
    [InlineData("*", "unavailable", "often", "'often' is not a number")]
    [InlineData("*", "latency", "1", "'soon' is not a duration", "--delay", "soon")]
    public async Task A_malformed_fault_exits_2(string method, string kind, string probability, string message, params string[] more)
    {
        var run = await Cli(["faults", "set", method, kind, probability, .. more]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith($"error: {message}", run.Error);
    }

    [Fact]
    public async Task A_world_clock_start_that_is_not_an_instant_exits_2()
    {
        var run = await Cli("world", "create", "w1", "--clock-start", "tomorrow");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: 'tomorrow' is not an instant", run.Error);
    }

    [Fact]
    public async Task Key_create_without_a_provider_id_exits_2()
    {
        var run = await Cli("key", "create");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--provider-id", run.Error);
    }

    private static Task<CliRun> Cli(params string[] args) => CliRun.RunAsync(["--address", Nowhere, .. args]);
}
