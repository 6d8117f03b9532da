using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// The administration spot-checks a filed website (核查); the provider answers by correcting the data with a
/// CHANGE_SERVICE order, whose approval closes the check, so the deadline passes without a restriction.
/// </summary>
public sealed class SpotCheckScript : IScenarioScript
{
    public string Name => "spot-check";

    public string Description => "the administration spot-checks a website; the provider corrects it with a CHANGE in time";

    public async Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken)
    {
        var steps = world.Steps;
        var provider = await world.ProviderAsync("provider-a", "Scenario provider A", cancellationToken);
        var (filing, filed) = await world.FileCompanyAsync(provider, 1, cancellationToken);
        var website = filing.Services[0];
        var number = filed.ServiceNumbers.FirstOrDefault()?.Number ?? "";

        var check = await steps.CallAsync($"the administration opens a spot check of {number}, to be answered within 10 days",
            () => world.Regulator.OpenSpotCheckAsync(number, "CONTACT_UNREACHABLE", TimeSpan.FromDays(10), cancellationToken),
            s => $"answer by {ScenarioWorld.BeijingTime(s.SpotCheckDueAt)}");
        var corrected = website.Clone();
        corrected.ServiceNumber = number;
        corrected.Name += "（已更正）";
        await world.FileAsync(provider, $"the provider corrects the website's data: CHANGE_SERVICE of {number}",
            new SubmitFilingRequest { Type = FilingType.ChangeService, SubjectNumber = filed.SubjectNumber, Filing = new Filing { Services = { corrected } } },
            [website.Administrator], cancellationToken);
        await world.ExpectAdministrationEventsAsync(provider, "the approved change closed the check", 2,
            $"SPOT_CHECK_OPENED {number} CONTACT_UNREACHABLE; SPOT_CHECK_CLOSED {number} DATA_CORRECTED", cancellationToken);

        await world.AdvanceAsync(TimeSpan.FromDays(11), $": the check's deadline ({ScenarioWorld.BeijingTime(check.SpotCheckDueAt)}) is past", cancellationToken);
        await world.ExpectAccessAsync("the website stays open", website.Domains[0], number, restricted: false, cancellationToken);
    }
}
