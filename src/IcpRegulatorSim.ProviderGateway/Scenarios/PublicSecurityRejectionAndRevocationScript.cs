using IcpRegulatorSim.Contracts.PublicSecurity.V1;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// What an integrator meets on the public-security platform besides the happy path: the ICP cross-check's refusals,
/// a rejection by the office (forced by scenario) and the website filed again, and the ICP filing's revocation
/// cancelling the public-security filing.
/// </summary>
public sealed class PublicSecurityRejectionAndRevocationScript : IScenarioScript
{
    public string Name => "psb-rejection-revocation";

    public string Description => "public security: the ICP cross-check's refusals, a rejection and the website filed again, the ICP revocation cancelling it";

    public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
    {
        var steps = world.Steps;
        var provider = await world.ProviderAsync("provider-a", "Scenario provider A", cancellationToken);
        var (filing, filed) = await world.FileCompanyAsync(provider, 1, cancellationToken);
        var number = filed.ServiceNumbers.Single().Number;
        var token = await PublicSecuritySteps.RegisterAsync(world, filing.Subject, cancellationToken);

        await steps.ExpectRefusalAsync("a number MIIT never issued is refused", "INVALID_REQUEST", () => world.Regulator.PsbFileWebsiteAsync(
            token, PublicSecuritySteps.WebsiteOf(filing, filed, 0, number.Replace("号-1", "号-9", StringComparison.Ordinal)), cancellationToken: cancellationToken));
        var uncovered = PublicSecuritySteps.WebsiteOf(filing, filed, 0);
        uncovered.Website.Domains.Clear();
        uncovered.Website.Domains.Add("not-this-site.cn");
        await steps.ExpectRefusalAsync("a domain the ICP number does not cover is refused", "INVALID_REQUEST",
            () => world.Regulator.PsbFileWebsiteAsync(token, uncovered, cancellationToken: cancellationToken));

        var rejected = await PublicSecuritySteps.FileAndConfirmAsync(
            world, token, PublicSecuritySteps.WebsiteOf(filing, filed, 0), "psb-reject:CONTACT_UNREACHABLE,psb-review-days:1", cancellationToken);
        await world.AdvanceAsync(TimeSpan.FromDays(1), ": a working day of review", cancellationToken);
        await steps.ExpectAsync($"the office rejects {rejected.FilingId}",
            () => world.Regulator.PsbGetFilingAsync(token, rejected.FilingId, cancellationToken), f => $"{f.Status} {f.RejectionCode}",
            $"{WebsiteFilingStatus.Rejected} CONTACT_UNREACHABLE", f => f.RejectionReason.Zh);

        var again = await PublicSecuritySteps.FileAndConfirmAsync(world, token, PublicSecuritySteps.WebsiteOf(filing, filed, 0), null, cancellationToken);
        var approved = await steps.ExpectAsync($"filed again, the office approves {again.FilingId}",
            () => world.Regulator.PsbApproveAsync(again.FilingId, cancellationToken), f => f.Status, WebsiteFilingStatus.Approved, f => f.Number);

        await steps.CallAsync($"the administration revokes the ICP filing {number}",
            () => world.Regulator.RevokeFilingAsync(number, "FALSE_INFORMATION", cancellationToken), r => string.Join(", ", r.ServiceNumbers));
        await steps.ExpectAsync($"the public-security filing {again.FilingId} is cancelled with it",
            () => world.Regulator.PsbGetFilingAsync(token, again.FilingId, cancellationToken), f => f.Status, WebsiteFilingStatus.Cancelled);
        await steps.ExpectAsync($"the public query no longer finds {approved.Number}",
            () => world.Regulator.PsbQueryByNumberAsync(approved.Number, cancellationToken), r => r.Count, 0);
    }
}
