using IcpRegulatorSim.Contracts.PublicSecurity.V1;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// The public-security filing's steps the scripts share, as the subject takes them after its ICP approval: its
/// account registered with the code its leader's phone received, a website filed, and each person's code confirmed.
/// </summary>
public static class PublicSecuritySteps
{
    /// <summary>A code is sent to the leader's mobile and the account registered with it; returns the account's token.</summary>
    public static async Task<string> RegisterAsync(ScenarioWorld world, Subject subject, CancellationToken cancellationToken)
    {
        var leader = subject.Leader;
        await world.Steps.CallAsync($"a registration code to {ScenarioWorld.Who(leader)}",
            () => world.Regulator.PsbSendRegistrationCodeAsync(leader.Mobile, cancellationToken), r => $"another after {r.ResendAfterSeconds}s");
        var step = $"{subject.Name} registers its account with the code";
        var code = Codes(await world.Inbox(step, leader.Mobile, cancellationToken), OutboxMessages.PublicSecurityRegistrationCode).LastOrDefault();
        world.Steps.Expect($"the code reaches {leader.Mobile}", code is not null, "a code", code ?? "none");
        var account = await world.Steps.CallAsync(step,
            () => world.Regulator.PsbRegisterAsync(subject, leader.Mobile, code!, leader.Email, cancellationToken), r => r.AccountId);
        return account.Token;
    }

    /// <summary>The website of an approved ICP filing's <paramref name="index"/>th service, opened on the world's first day; its leader responsible, its administrator the other two roles.</summary>
    public static FileWebsiteRequest WebsiteOf(Filing filing, FilingOrder filed, int index, string? icpNumber = null)
    {
        var service = filing.Services[index];
        var website = new Website
        {
            Name = service.Name,
            IcpNumber = icpNumber ?? filed.ServiceNumbers.Single(n => n.ServiceIndex == index).Number,
            OpenedOn = ScenarioWorld.ClockStart.ToString("yyyy-MM-dd"),
            ServerIp = "203.0.113.10",
            ServerLocation = ServerLocation.Mainland,
            AccessProvider = "Scenario Cloud",
            DomainRegistrar = "Scenario Registrar",
            ServiceType = 1,
        };
        website.Domains.AddRange(service.Domains);
        return new FileWebsiteRequest
        {
            Website = website,
            ResponsiblePerson = filing.Subject.Leader,
            SecurityOfficer = service.Administrator,
            EmergencyContact = service.Administrator,
        };
    }

    /// <summary>Files the website (forcing <paramref name="scenario"/>, if any), then each person enters the code their phone received: it goes to review.</summary>
    public static async Task<WebsiteFiling> FileAndConfirmAsync(
        ScenarioWorld world, string token, FileWebsiteRequest request, string? scenario, CancellationToken cancellationToken)
    {
        var filing = (await world.Steps.ExpectAsync($"file {request.Website.Name} with the platform{(scenario is null ? "" : $" (x-psb-scenario: {scenario})")}",
            () => world.Regulator.PsbFileWebsiteAsync(token, request, scenario, cancellationToken),
            r => r.Filing.Status, WebsiteFilingStatus.AwaitingConfirmation, r => $"{r.Filing.FilingId} AWAITING_CONFIRMATION")).Filing;
        foreach (var mobile in filing.Contacts.Select(c => c.Person.Mobile).Distinct())
        {
            var step = $"{mobile} enters the codes for {filing.FilingId}";
            var codes = Codes((await world.Inbox(step, mobile, cancellationToken)).Where(m => m.Body.Contains(filing.FilingId, StringComparison.Ordinal)), OutboxMessages.PublicSecurityContactCode);
            foreach (var code in codes.TakeLast(filing.Contacts.Count(c => c.Person.Mobile == mobile)))
            {
                filing = (await world.Steps.QuietAsync(step, () => world.Regulator.PsbConfirmContactAsync(token, filing.FilingId, mobile, code, cancellationToken))).Filing;
            }
        }
        world.Steps.Expect($"every person confirmed: {filing.FilingId} goes to review", filing.Status == WebsiteFilingStatus.UnderReview,
            "UNDER_REVIEW", ScenarioSteps.Show(filing.Status));
        return filing;
    }

    private static List<string> Codes(IEnumerable<OutboxMessage> messages, Func<OutboxMessage, string?> code) =>
        messages.Select(code).OfType<string>().ToList();
}
