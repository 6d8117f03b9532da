using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>The entity leader keeps entering a wrong code: the fifth consecutive failure rejects the order.</summary>
public sealed class FiveWrongCodesScript : IScenarioScript
{
    public string Name => "five-wrong-codes";

    public string Description => "consecutive wrong codes reject the order (SMS_VALIDATION_FAILED)";

    public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
    {
        var steps = world.Steps;
        var (provider, filing, order) = await world.SubmitCompanyAsync(cancellationToken);
        var leader = filing.Subject.Leader;
        var code = await world.CodeAsync(leader, cancellationToken);
        var wrong = code == "000000" ? "111111" : "000000";

        var failures = world.Rules.MaxConsecutiveFailures;
        for (var i = 1; i <= failures; i++)
        {
            await world.ValidateAsync(leader, wrong, ValidateOutcome.Failed, $"enters a wrong code ({i} of {failures})", cancellationToken);
            if (i == failures - 1)
            {
                await world.ExpectStatusAsync(provider, order.OrderId, OrderStatus.AwaitingSmsValidation,
                    $"after {i} failures the order still waits for validation", cancellationToken);
            }
        }

        var rejected = await world.ExpectStatusAsync(provider, order.OrderId, OrderStatus.Rejected,
            $"the {Ordinal(failures)} failure rejects the order", cancellationToken);
        steps.Expect("the reason is the failed validation", "SMS_VALIDATION_FAILED", rejected.Decision?.ReasonCode ?? "");
        await world.ValidateAsync(leader, code, ValidateOutcome.NotFound, "then enters the right code, too late", cancellationToken);
    }

    private static string Ordinal(int n) => n switch
    {
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        5 => "fifth",
        _ => $"{n}th",
    };
}
