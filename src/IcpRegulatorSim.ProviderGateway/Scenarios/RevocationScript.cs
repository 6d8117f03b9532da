using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// A filing made with false information is revoked (撤销备案): first one website, then the subject with the rest. The
/// public query stops finding them, the numbers are gone for good, and the domains file anew.
/// </summary>
public sealed class RevocationScript : IScenarioScript
{
    public string Name => "revocation";

    public string Description => "the administration revokes one website's filing, then the subject's; the domains file anew";

    public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
    {
        var steps = world.Steps;
        var provider = await world.ProviderAsync("provider-a", "Scenario provider A", cancellationToken);
        var (filing, filed) = await world.FileCompanyAsync(provider, 2, cancellationToken);
        var subject = filing.Subject;
        var (first, second) = (filing.Services[0], filing.Services[1]);
        var numbers = filed.ServiceNumbers.OrderBy(n => n.ServiceIndex).Select(n => n.Number).ToList();

        await steps.ExpectAsync($"the administration revokes {numbers[1]}: filed with false information",
            () => world.Regulator.RevokeFilingAsync(numbers[1], "FALSE_INFORMATION", cancellationToken),
            r => $"{string.Join(", ", r.ServiceNumbers)} revoked{(r.SubjectRevoked ? ", subject too" : "")}", $"{numbers[1]} revoked");
        await world.ExpectPublicAsync($"the public query no longer finds {second.Domains[0]}", g => g.QueryByDomainAsync(second.Domains[0], cancellationToken));
        await world.ExpectPublicAsync($"the subject number shows the website left", g => g.QueryByIcpNumberAsync(filed.SubjectNumber, cancellationToken), numbers[0]);
        await steps.ExpectAsync($"{second.Domains[0]} is free again: a new website under the subject",
            () => provider.DetermineFilingTypeAsync(subject.CertificateType, subject.CertificateNumber, ScenarioWorld.Province, second.Domains[0],
                cancellationToken: cancellationToken),
            d => $"{ScenarioSteps.Show(d.Verdict)} {ScenarioSteps.Show(d.Type)}", "FILABLE ADD_SERVICE");

        await steps.ExpectAsync($"the administration revokes the subject {filed.SubjectNumber}",
            () => world.Regulator.RevokeFilingAsync(filed.SubjectNumber, "FALSE_INFORMATION", cancellationToken),
            r => $"{string.Join(", ", r.ServiceNumbers)} revoked{(r.SubjectRevoked ? ", subject too" : "")}", $"{numbers[0]} revoked, subject too");
        await world.ExpectPublicAsync($"the public query no longer finds {filed.SubjectNumber}", g => g.QueryByIcpNumberAsync(filed.SubjectNumber, cancellationToken));
        await steps.ExpectAsync($"{subject.Name} files anew",
            () => provider.DetermineFilingTypeAsync(subject.CertificateType, subject.CertificateNumber, ScenarioWorld.Province, first.Domains[0],
                cancellationToken: cancellationToken),
            d => $"{ScenarioSteps.Show(d.Verdict)} {ScenarioSteps.Show(d.Type)}", "FILABLE INITIAL");
        await world.ExpectAdministrationEventsAsync(provider, "the provider's feed has both revocations", 2,
            $"REVOKED {numbers[1]} FALSE_INFORMATION; REVOKED {numbers[0]} FALSE_INFORMATION", cancellationToken);
    }
}
