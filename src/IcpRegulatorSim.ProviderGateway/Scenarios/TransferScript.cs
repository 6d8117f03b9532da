using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// A website moves from provider A to provider B: B adds access with the subject's filing password (新增接入), then
/// A cancels its own (取消接入). The number never changes and the website stays filed throughout.
/// </summary>
public sealed class TransferScript : IScenarioScript
{
    public string Name => "transfer";

    public string Description => "provider A files; provider B adds access with the filing password; A cancels its access";

    public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
    {
        var steps = world.Steps;
        var a = await world.ProviderAsync("provider-a", "Scenario provider A", cancellationToken);
        var b = await world.ProviderAsync("provider-b", "Scenario provider B", cancellationToken);
        var filing = world.Samples.Company(ScenarioWorld.Province);
        var subject = filing.Subject;
        var leader = subject.Leader;
        var admin = filing.Services[0].Administrator;
        var domain = filing.Services[0].Domains[0];
        await world.RegisterDomainsAsync(filing, cancellationToken);

        var filed = await world.FileAsync(a, $"provider A submits an INITIAL filing for {subject.Name}",
            new SubmitFilingRequest { Type = FilingType.Initial, Filing = filing }, [leader, admin], cancellationToken);
        var number = filed.ServiceNumbers.FirstOrDefault()?.Number ?? "";
        var password = await world.PasswordAsync(leader, cancellationToken);

        var determined = await steps.ExpectAsync($"provider B determines the filing type for {domain}",
            () => b.DetermineFilingTypeAsync(subject.CertificateType, subject.CertificateNumber, ScenarioWorld.Province, domain, cancellationToken: cancellationToken),
            Verdict, "FILABLE ADD_ACCESS");
        steps.Expect("of the filed website, with the filing password", $"{number} password required",
            $"{determined.ServiceNumber} {(determined.FilingPasswordRequired ? "password required" : "no password")}");

        var added = await world.FileAsync(b, $"provider B submits ADD_ACCESS to {number} with the filing password",
            new SubmitFilingRequest { Type = FilingType.AddAccess, ServiceNumbers = { number }, FilingPassword = password }, [leader, admin], cancellationToken);
        steps.Expect("provider B now hosts the website under the same number", number, added.ServiceNumbers.FirstOrDefault()?.Number ?? "");

        await world.FileAsync(a, $"provider A submits CANCEL_ACCESS to {number}",
            new SubmitFilingRequest { Type = FilingType.CancelAccess, ServiceNumbers = { number } }, [], cancellationToken);
        await steps.ExpectAsync("provider B still hosts it",
            () => b.DetermineFilingTypeAsync(subject.CertificateType, subject.CertificateNumber, ScenarioWorld.Province, domain, cancellationToken: cancellationToken),
            Verdict, "ALREADY_HOSTED");
        await steps.ExpectAsync("provider A no longer does: it would have to add access again",
            () => a.DetermineFilingTypeAsync(subject.CertificateType, subject.CertificateNumber, ScenarioWorld.Province, domain, cancellationToken: cancellationToken),
            Verdict, "FILABLE ADD_ACCESS");
        await world.ExpectPublicAsync($"the public query still finds {domain}", g => g.QueryByDomainAsync(domain, cancellationToken), number);
    }

    private static string Verdict(DetermineFilingTypeResponse d) =>
        ScenarioSteps.Show(d.Verdict) + (d.Type == FilingType.Unspecified ? "" : $" {ScenarioSteps.Show(d.Type)}");
}
