using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// After approval the administration restricts access to a website (限制接入) and later lifts the restriction: the
/// provider hears of each on its feed, the subject by SMS, and the public query shows 是否限制接入.
/// </summary>
public sealed class RestrictionScript : IScenarioScript
{
    public string Name => "restriction";

    public string Description => "the administration restricts access to a filed website, then lifts the restriction";

    public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
    {
        var steps = world.Steps;
        var provider = await world.ProviderAsync("provider-a", "Scenario provider A", cancellationToken);
        var (filing, filed) = await world.FileCompanyAsync(provider, 1, cancellationToken);
        var (leader, domain) = (filing.Subject.Leader, filing.Services[0].Domains[0]);
        var number = filed.ServiceNumbers.FirstOrDefault()?.Number ?? "";

        await steps.ExpectAsync($"the administration restricts access to {number} after a complaint",
            () => world.Regulator.RestrictServiceAsync(number, "COMPLAINT", cancellationToken), s => s.Standing, ServiceStanding.Restricted);
        await world.ExpectAccessAsync("the public query shows 是否限制接入: 是", domain, number, restricted: true, cancellationToken);
        var inbox = await world.Inbox("the subject is told by SMS", leader.Mobile, cancellationToken);
        var sms = inbox.LastOrDefault(m => m.Body.Contains(number, StringComparison.Ordinal) && m.Body.Contains("限制接入", StringComparison.Ordinal));
        steps.Expect($"an SMS to {ScenarioWorld.Who(leader)} says access to {number} is restricted", sms is not null, "an SMS naming the number", sms?.Body.Split('\n')[0] ?? "none");

        await steps.ExpectAsync($"the administration lifts the restriction of {number}",
            () => world.Regulator.LiftRestrictionAsync(number, "RESTRICTION_RESOLVED", cancellationToken), s => s.Standing, ServiceStanding.Filed);
        await world.ExpectAccessAsync("the public query shows 是否限制接入: 否", domain, number, restricted: false, cancellationToken);
        await world.ExpectAdministrationEventsAsync(provider, "the provider's feed has both, with the number and the reason", 2,
            $"RESTRICTED {number} COMPLAINT; RESTRICTION_LIFTED {number} RESTRICTION_RESOLVED", cancellationToken);
    }
}
