using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>Nobody validates: when the validity runs out the order is returned, and the page no longer knows the code.</summary>
public sealed class ExpiryScript : IScenarioScript
{
    public string Name => "expiry";

    public string Description => "nobody validates within the validity: the order is RETURNED, the code then NOT_FOUND";

    public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
    {
        var steps = world.Steps;
        var (provider, filing, order) = await world.SubmitCompanyAsync(cancellationToken);
        var leader = filing.Subject.Leader;
        var code = await world.CodeAsync(leader, cancellationToken);

        var validity = world.Rules.SmsValidity.ToTimeSpan();
        await world.AdvanceAsync(validity - TimeSpan.FromMinutes(1), "", cancellationToken);
        await world.ExpectStatusAsync(provider, order.OrderId, OrderStatus.AwaitingSmsValidation,
            "a minute before the deadline the order still waits", cancellationToken);
        await world.AdvanceAsync(TimeSpan.FromMinutes(1), $": {ScenarioWorld.Span(validity)} since the codes went out", cancellationToken);
        var returned = await world.ExpectStatusAsync(provider, order.OrderId, OrderStatus.Returned, "the order is returned", cancellationToken);
        steps.Expect("the reason is the expired validation", "SMS_VALIDATION_EXPIRED", returned.Decision?.ReasonCode ?? "");
        await world.ValidateAsync(leader, code, ValidateOutcome.NotFound, "enters the code after the deadline", cancellationToken);
    }
}
