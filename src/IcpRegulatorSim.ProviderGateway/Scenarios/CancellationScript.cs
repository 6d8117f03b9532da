using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// A subject with two websites gives them up: one website (注销网站) with the filing password, then the subject and
/// everything left under it (注销主体). The public query stops finding each as it goes.
/// </summary>
public sealed class CancellationScript : IScenarioScript
{
    public string Name => "cancellation";

    public string Description => "a subject with two websites: CANCEL_SERVICE of one, then CANCEL_SUBJECT; the public query no longer finds them";

    public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
    {
        var steps = world.Steps;
        var provider = await world.ProviderAsync("provider-a", "Scenario provider A", cancellationToken);
        var filing = world.Samples.Company(ScenarioWorld.Province, websites: 2);
        var subject = filing.Subject;
        var (first, second) = (filing.Services[0], filing.Services[1]);
        await world.RegisterDomainsAsync(filing, cancellationToken);

        var filed = await world.FileAsync(provider, $"submit an INITIAL filing for {subject.Name} with two websites",
            new SubmitFilingRequest { Type = FilingType.Initial, Filing = filing },
            [subject.Leader, first.Administrator, second.Administrator], cancellationToken);
        var numbers = filed.ServiceNumbers.OrderBy(n => n.ServiceIndex).Select(n => n.Number).ToList();
        steps.Expect("each website has its number", $"{filed.SubjectNumber}-1, {filed.SubjectNumber}-2", string.Join(", ", numbers));
        var password = await world.PasswordAsync(subject.Leader, cancellationToken);

        await world.FileAsync(provider, $"submit CANCEL_SERVICE of {numbers[1]} with the filing password",
            new SubmitFilingRequest { Type = FilingType.CancelService, ServiceNumbers = { numbers[1] }, FilingPassword = password },
            [second.Administrator], cancellationToken);
        await world.ExpectPublicAsync($"the public query no longer finds {second.Domains[0]}",
            g => g.QueryByDomainAsync(second.Domains[0], cancellationToken));
        await world.ExpectPublicAsync($"the subject number shows the one website left",
            g => g.QueryByIcpNumberAsync(filed.SubjectNumber, cancellationToken), numbers[0]);

        await world.FileAsync(provider, $"submit CANCEL_SUBJECT of {filed.SubjectNumber} with the filing password",
            new SubmitFilingRequest { Type = FilingType.CancelSubject, SubjectNumber = filed.SubjectNumber, FilingPassword = password },
            [subject.Leader], cancellationToken);
        await world.ExpectPublicAsync($"the public query no longer finds {first.Domains[0]}",
            g => g.QueryByDomainAsync(first.Domains[0], cancellationToken));
        await world.ExpectPublicAsync($"nor {filed.SubjectNumber}", g => g.QueryByIcpNumberAsync(filed.SubjectNumber, cancellationToken));
        await world.ExpectPublicAsync($"nor {subject.Name}", g => g.QueryBySubjectNameAsync(subject.Name, cancellationToken));
    }
}
