using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// The entity leader asks for new codes until the page refuses: each new code replaces the one before and leaves
/// the validation deadline where it was; the last one validates.
/// </summary>
public sealed class ResendLimitScript : IScenarioScript
{
    public string Name => "resend-limit";

    public string Description => "two resends, then LIMIT_REACHED; the last code validates, the first no longer does";

    public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
    {
        var steps = world.Steps;
        var (provider, filing, order) = await world.SubmitCompanyAsync(cancellationToken);
        var leader = filing.Subject.Leader;
        var first = await world.CodeAsync(leader, cancellationToken);
        var deadline = (await world.ExpectStatusAsync(provider, order.OrderId, OrderStatus.AwaitingSmsValidation,
            "the order waits for validation", cancellationToken)).ValidationDeadline;

        var resends = world.Rules.MaxResends;
        for (var i = 1; i <= resends; i++)
        {
            await Resend(world, leader, ResendOutcome.Resent, $"asks for a new code ({i} of {resends})", cancellationToken);
        }
        await Resend(world, leader, ResendOutcome.LimitReached, "asks once more", cancellationToken);

        var received = (await world.Inbox("every code reaches the phone", leader.Mobile, cancellationToken)).Count(m => m.VerificationCode() is not null);
        steps.Expect($"{ScenarioWorld.Who(leader)} received the first code and {resends} new ones", 1 + resends, received);
        var last = await world.CodeAsync(leader, cancellationToken);
        if (last != first)
        {
            await world.ValidateAsync(leader, first, ValidateOutcome.Failed, "enters the first code, which the new ones replaced", cancellationToken);
        }
        await world.ValidateAsync(leader, last, ValidateOutcome.WaitingForOthers, "enters the last code", cancellationToken);
        var validated = await world.ExpectStatusAsync(provider, order.OrderId, OrderStatus.AwaitingSmsValidation,
            "the order waits for the website administrator", cancellationToken);
        steps.Expect("the new codes did not extend the validation deadline",
            ScenarioWorld.BeijingTime(deadline), ScenarioWorld.BeijingTime(validated.ValidationDeadline));
    }

    private static Task<ResendCodeResponse> Resend(
        ScenarioWorld world, Person person, ResendOutcome expected, string what, CancellationToken cancellationToken) =>
        world.Steps.ExpectAsync($"{ScenarioWorld.Who(person)} {what}",
            () => world.Regulator.ResendCodeAsync(person.Mobile, person.Suffix(), cancellationToken), r => r.Outcome, expected);
}
