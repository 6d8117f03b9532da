using IcpRegulatorSim.Contracts.PublicSecurity.V1;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// After an ICP approval, the public-security filing (公安联网备案): the subject's account, the website filed with its
/// ICP number and its people's codes, the office's review in working days, the number and its badge, the public query.
/// </summary>
public sealed class PublicSecurityHappyPathScript : IScenarioScript
{
    public string Name => "psb-happy-path";

    public string Description => "after the ICP approval, the public-security filing: account, website, codes, review, number, badge, public query";

    public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
    {
        var steps = world.Steps;
        var provider = await world.ProviderAsync("provider-a", "Scenario provider A", cancellationToken);
        var (filing, filed) = await world.FileCompanyAsync(provider, 1, cancellationToken);
        var token = await PublicSecuritySteps.RegisterAsync(world, filing.Subject, cancellationToken);
        var request = PublicSecuritySteps.WebsiteOf(filing, filed, 0);
        var reviewing = await PublicSecuritySteps.FileAndConfirmAsync(world, token, request, "psb-review-days:2", cancellationToken);

        await world.AdvanceAsync(TimeSpan.FromDays(2), ": two working days of the office's review", cancellationToken);
        var approved = await steps.ExpectAsync($"the office approves {reviewing.FilingId}",
            () => world.Regulator.PsbGetFilingAsync(token, reviewing.FilingId, cancellationToken), f => f.Status, WebsiteFilingStatus.Approved, f => f.Number);
        steps.Expect("the number is the province's, 公网安备, fourteen digits of the office's code", approved.Number.StartsWith($"浙公网安备{approved.Office.Code}", StringComparison.Ordinal)
            && approved.Number.Length == "浙公网安备".Length + 14 + 1, $"浙公网安备{approved.Office.Code}…号", approved.Number);
        steps.Expect("the badge links the number to the platform's query", approved.BadgeHtml.Contains(approved.Number, StringComparison.Ordinal)
            && approved.BadgeHtml.Contains("<a href=", StringComparison.Ordinal), "a link with the number", approved.BadgeHtml);
        await steps.ExpectAsync($"the public query finds {approved.Number}",
            () => world.Regulator.PsbQueryByNumberAsync(approved.Number, cancellationToken), r => string.Join(", ", r.Select(f => f.WebsiteName)), request.Website.Name);
        await steps.ExpectAsync($"and by its domain {request.Website.Domains[0]}",
            () => world.Regulator.PsbQueryByDomainAsync(request.Website.Domains[0], cancellationToken), r => string.Join(", ", r.Select(f => f.Number)), approved.Number);
    }
}
