using System.Text.RegularExpressions;
using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.ProviderGateway.Scenarios;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>The scenario step recorder, without a server: what it prints for a step that passes and one that fails.</summary>
public sealed partial class ScenarioStepsTests
{
    private readonly StringWriter output = new();

    [Fact]
    public void A_met_expectation_prints_a_tick_with_what_was_seen_and_keeps_exit_0()
    {
        var steps = new ScenarioSteps(output);

        steps.Expect("the order is under review", OrderStatus.UnderReview, OrderStatus.UnderReview);
        steps.ExpectMatch("the number is issued", Number(), "浙ICP备2026047120号-1");

        Assert.Equal("  ✓ the order is under review: UNDER_REVIEW\n  ✓ the number is issued: 浙ICP备2026047120号-1\n", Text);
        Assert.Equal((2, null, 0), (steps.Passed, steps.FailedStep, steps.ExitCode));
    }

    [Fact]
    public void A_failed_expectation_prints_a_cross_with_expected_and_got_stops_the_script_and_gives_exit_1()
    {
        var steps = new ScenarioSteps(output);

        var e = Assert.Throws<ScenarioFailedException>(() => steps.Expect("the order is rejected", OrderStatus.Rejected, OrderStatus.AwaitingSmsValidation));

        Assert.Equal("  ✗ the order is rejected: expected REJECTED, got AWAITING_SMS_VALIDATION\n", Text);
        Assert.Equal(("the order is rejected", "REJECTED", "AWAITING_SMS_VALIDATION"), (e.Step, e.Expected, e.Actual));
        Assert.Equal(("the order is rejected", 1), (steps.FailedStep, steps.ExitCode));
    }

    [Fact]
    public void A_number_that_does_not_match_fails_naming_the_pattern()
    {
        var steps = new ScenarioSteps(output);

        Assert.Throws<ScenarioFailedException>(() => steps.ExpectMatch("the number is issued", Number(), "浙ICP备123号-1"));

        Assert.Equal(@"  ✗ the number is issued: expected a match for ^.ICP备\d{10}号-1$, got 浙ICP备123号-1" + "\n", Text);
    }

    [Fact]
    public async Task A_refused_call_fails_its_step_with_the_status_and_reason()
    {
        var steps = new ScenarioSteps(output);

        await Assert.ThrowsAsync<ScenarioFailedException>(() =>
            steps.ExpectAsync("the leader validates", () => Refuse<ValidateCodeResponse>(StatusCode.Unavailable, "down"), r => r.Outcome, ValidateOutcome.Complete));

        Assert.Equal("  ✗ the leader validates: expected COMPLETE, got Unavailable Unavailable: down\n", Text);
        Assert.Equal(1, steps.ExitCode);
    }

    [Fact]
    public async Task An_expected_refusal_passes_and_another_answer_fails()
    {
        var steps = new ScenarioSteps(output);

        await steps.ExpectRefusalAsync("a stranger is turned away", "Unauthenticated", () => Refuse<FilingOrder>(StatusCode.Unauthenticated, "no key"));
        await Assert.ThrowsAsync<ScenarioFailedException>(() =>
            steps.ExpectRefusalAsync("a wrong password is refused", "WRONG_FILING_PASSWORD", () => Task.FromResult(new FilingOrder())));

        Assert.Equal(
            "  ✓ a stranger is turned away: Unauthenticated Unauthenticated: no key\n"
            + "  ✗ a wrong password is refused: expected a refusal WRONG_FILING_PASSWORD, got an answer\n",
            Text);
    }

    [Fact]
    public void Only_the_first_failure_is_the_failed_step()
    {
        var steps = new ScenarioSteps(output);

        steps.Fail("first", "a", "b");
        steps.Fail("delete world", "an answer", "Unavailable");

        Assert.Equal("first", steps.FailedStep);
    }

    private string Text => output.ToString().ReplaceLineEndings("\n");

    private static Task<T> Refuse<T>(StatusCode code, string detail) =>
        Task.FromException<T>(RegulatorCallException.From(new RpcException(new Status(code, detail))));

    [GeneratedRegex(@"^.ICP备\d{10}号-1$")]
    private static partial Regex Number();
}
