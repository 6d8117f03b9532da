using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// Staff reject an order and say why; the provider learns the reason from its event feed, corrects the filing and
/// submits it again as a new order, which is approved.
/// </summary>
public sealed class RejectionAndResubmissionScript : IScenarioScript
{
    private const string Reason = "网站名称与主办单位不符，请使用与单位名称相关的网站名称。";

    public string Name => "rejection-and-resubmission";

    public string Description => "staff reject with a reason; the corrected filing is resubmitted and approved";

    public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
    {
        var steps = world.Steps;
        var provider = await world.ProviderAsync("provider-a", "Scenario provider A", cancellationToken);
        var filing = world.Samples.Company(ScenarioWorld.Province);
        var people = new[] { filing.Subject.Leader, filing.Services[0].Administrator };
        var domain = filing.Services[0].Domains[0];
        filing.Services[0].Name = "示例资讯站";
        await world.RegisterDomainsAsync(filing, cancellationToken);

        var first = await world.SubmitAsync(provider, $"submit an INITIAL filing with the website name {filing.Services[0].Name}",
            new SubmitFilingRequest { Type = FilingType.Initial, Filing = filing }, OrderStatus.AwaitingSmsValidation, cancellationToken);
        await world.LetCodesGoOutAsync(cancellationToken);
        await world.ValidateEveryoneAsync(provider, first, people, cancellationToken);
        var rejected = await steps.ExpectAsync($"staff reject {first.OrderId}: {Reason}",
            () => world.Regulator.RejectAsync(first.OrderId, Reason, cancellationToken: cancellationToken), o => o.Status, OrderStatus.Rejected);
        steps.Expect("the decision carries the reason", Reason, rejected.Decision?.Reason?.Zh ?? "");

        var events = await world.EventsAsync(provider, 7, cancellationToken);
        var last = events.LastOrDefault();
        steps.Expect("the provider's event feed reports the rejection with the reason",
            $"REJECTED {first.OrderId} {Reason}", last is null ? "no event" : $"{ScenarioSteps.Show(last.Kind)} {last.OrderId} {last.Reason?.Zh}");

        var corrected = filing.Clone();
        corrected.Services[0].Name = filing.Subject.Name.Replace("有限公司", "", StringComparison.Ordinal) + "官网";
        var second = await world.SubmitAsync(provider, $"submit the corrected filing, website name {corrected.Services[0].Name}",
            new SubmitFilingRequest { Type = FilingType.Initial, Filing = corrected }, OrderStatus.AwaitingSmsValidation, cancellationToken);
        steps.Expect("it is a new order", second.OrderId != first.OrderId, $"an order other than {first.OrderId}", second.OrderId);
        await world.LetCodesGoOutAsync(cancellationToken);
        await world.ValidateEveryoneAsync(provider, second, people, cancellationToken);
        var approved = await world.ApproveAsync(provider, second.OrderId, cancellationToken);
        var number = approved.ServiceNumbers.FirstOrDefault()?.Number ?? "";
        var shown = await world.ExpectPublicAsync($"the public query finds {domain}", g => g.QueryByDomainAsync(domain, cancellationToken), number);
        steps.Expect("under the corrected name", corrected.Services[0].Name, shown.Filings[0].ServiceName);
    }
}
