using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.ProviderGateway.Scenarios;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>
/// <c>icp-gateway scenario run</c> against the real simulator: every built-in script passes, each in a world of its
/// own that is gone afterwards; and a script that finds the regulator misbehaving is reported, with exit 1.
/// </summary>
[Collection(CliRun.Collection)]
public sealed class ScenarioCliTests : CliServerTest
{
    [Fact]
    public async Task Scenario_run_all_passes_every_script_and_leaves_the_server_as_it_found_it()
    {
        var run = await Cli("scenario", "run", "all");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("✗", run.Output);
        foreach (var script in ScenarioRunner.BuiltIn)
        {
            Assert.Contains($"passed: {script.Name} (", run.Output);
            Assert.Contains($"  ✓ {script.Name} ", run.Output);
        }
        Assert.EndsWith($"{ScenarioRunner.BuiltIn.Count} scenarios: {ScenarioRunner.BuiltIn.Count} passed, 0 failed", run.Output.TrimEnd());
        // Every world it made is deleted, and the default world saw nothing: no order, no message, the clock unmoved.
        Assert.Equal(["default"], (await Gateway.ListWorldsAsync()).Worlds.Select(w => w.WorldId));
        Assert.Empty((await Gateway.ListFilingsAsync()).Orders);
        Assert.Empty((await Gateway.ListMessagesAsync()).Messages);
        Assert.Equal(RegulatorServer.Start, (await Gateway.GetClockAsync()).Now.ToDateTimeOffset());
    }

    [Fact]
    public async Task Scenario_run_by_name_prints_each_step_and_exits_0()
    {
        var run = await Cli("scenario", "run", "happy-path");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("scenario happy-path: ", run.Output);
        Assert.Matches(@"  ✓ the website number is issued: 浙ICP备\d{10}号-1\n", run.Output.ReplaceLineEndings("\n"));
        Assert.Contains("  ✓ the provider's event feed tells the same story: SUBMITTED, CODE_SENT, CODE_SENT, VALIDATED, VALIDATED, UNDER_REVIEW, APPROVED", run.Output);
        Assert.DoesNotContain("summary", run.Output);
    }

    [Fact]
    public async Task A_script_that_finds_the_regulator_wrong_prints_the_failed_step_exits_1_and_still_deletes_its_world()
    {
        using var output = new StringWriter();
        var runner = new ScenarioRunner(Gateway, output, [new ExpectsTheImpossible(), new CallsOutsideAStep()]);

        var exit = await runner.RunAsync(ScenarioRunner.All, CancellationToken.None);

        var text = output.ToString().ReplaceLineEndings("\n");
        Assert.Equal(1, exit);
        Assert.Contains("  ✓ the clock shows the world's start: 2026-03-02 09:00:00\n", text);
        Assert.Contains("  ✗ the clock shows a Sunday: expected Sunday, got Monday\n", text);
        Assert.DoesNotContain("never reached", text);
        Assert.Contains("FAILED: expects-the-impossible, at: the clock shows a Sunday\n", text);
        Assert.Contains("  ✗ the exchange: expected an answer, got Unauthenticated UNAUTHENTICATED", text);
        Assert.Contains("  ✗ expects-the-impossible  failed at: the clock shows a Sunday\n", text);
        Assert.EndsWith("2 scenarios: 0 passed, 2 failed\n", text);
        Assert.Equal(2, text.Split('\n').Count(l => l.StartsWith("  ✓ delete world scn-", StringComparison.Ordinal)));
        Assert.Equal(["default"], (await Gateway.ListWorldsAsync()).Worlds.Select(w => w.WorldId));
    }


    private sealed class ExpectsTheImpossible : IScenarioScript
    {
        public string Name => "expects-the-impossible";

        public string Description => "a script whose expectation the regulator cannot meet";

        public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
        {
            var clock = await world.Regulator.GetClockAsync(cancellationToken);
            var now = clock.Now.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8));
            world.Steps.Expect("the clock shows the world's start", "2026-03-02 09:00:00", now.ToString("yyyy-MM-dd HH:mm:ss"));
            world.Steps.Expect("the clock shows a Sunday", DayOfWeek.Sunday, now.DayOfWeek);
            world.Steps.Pass("never reached");
        }
    }

    private sealed class CallsOutsideAStep : IScenarioScript
    {
        public string Name => "calls-outside-a-step";

        public string Description => "a script whose call is refused outside any step";

        // The world's client speaks for the administration and the public, not for any provider.
        public Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken) =>
            world.Regulator.ListFilingsAsync(cancellationToken: cancellationToken);
    }
}
