using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// A website's only provider cancels its access. Where the rules in force allow a service with no provider
/// (access.emptyShellAllowed), it is an empty shell (空壳网站), cancelled by the administration when its grace is over;
/// where they do not, the cancellation is refused with code 1025.
/// </summary>
public sealed class EmptyShellScript : IScenarioScript
{
    public string Name => "empty-shell";

    public string Description => "the only provider cancels its access: an empty shell, cancelled after its grace (or refused, 1025)";

    public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
    {
        var steps = world.Steps;
        var provider = await world.ProviderAsync("provider-a", "Scenario provider A", cancellationToken);
        var (filing, filed) = await world.FileCompanyAsync(provider, 1, cancellationToken);
        var (leader, website) = (filing.Subject.Leader, filing.Services[0]);
        var number = filed.ServiceNumbers.FirstOrDefault()?.Number ?? "";
        var cancel = new SubmitFilingRequest { Type = FilingType.CancelAccess, ServiceNumbers = { number } };

        if (!world.Rules.EmptyShellAllowed)
        {
            await steps.ExpectRefusalAsync($"CANCEL_ACCESS of {number}, its only provider: the rules in force allow no empty shell",
                "EMPTY_SHELL", () => provider.SubmitAsync(cancel, cancellationToken));
            await world.ExpectPublicAsync($"{number} stays filed", g => g.QueryByDomainAsync(website.Domains[0], cancellationToken), number);
            return;
        }
        await world.FileAsync(provider, $"submit CANCEL_ACCESS of {number}, its only provider", cancel, [], cancellationToken);
        var grace = world.Rules.EmptyShellGrace.ToTimeSpan();
        await world.AdvanceAsync(grace - TimeSpan.FromMinutes(1), ": the empty shell's grace, all but a minute", cancellationToken);
        await world.ExpectPublicAsync($"{number} is still filed", g => g.QueryByDomainAsync(website.Domains[0], cancellationToken), number);
        await world.AdvanceAsync(TimeSpan.FromMinutes(1), ": the grace is over", cancellationToken);
        await world.ExpectPublicAsync("the administration cancelled the empty shell", g => g.QueryByDomainAsync(website.Domains[0], cancellationToken));
        var inbox = await world.Inbox("the subject is told by SMS", leader.Mobile, cancellationToken);
        var sms = inbox.LastOrDefault(m => m.Body.Contains(number, StringComparison.Ordinal) && m.Body.Contains("空壳", StringComparison.Ordinal));
        steps.Expect($"an SMS to {ScenarioWorld.Who(leader)} says {number} was cancelled as an empty shell", sms is not null, "an SMS naming the number", sms?.Body.Split('\n')[0] ?? "none");
    }
}
