using System.Text.Json.Nodes;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// Where the rules let a service lose its last access provider (settings.json: access.emptyShellAllowed), it is an
/// empty shell (空壳网站): the administration cancels it when the grace (supervision.emptyShellGrace) is over, unless
/// a provider takes it on in time.
/// </summary>
public sealed class EmptyShellTests : IAsyncLifetime
{
    private readonly string rules = Path.Combine(Path.GetTempPath(), $"icp-rules-{Guid.NewGuid():N}");
    private readonly SampleFilings samples = new();
    private RegulatorServer server = null!;
    private ProviderGatewayClient gateway = null!;

    public async Task InitializeAsync()
    {
        RulesDataTests.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "rules"), rules);
        var path = Path.Combine(rules, "settings.json");
        var root = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        root["access"]!["emptyShellAllowed"] = true;
        root["supervision"]!["emptyShellGrace"] = "20.00:00:00";
        await File.WriteAllTextAsync(path, root.ToJsonString());
        server = await RegulatorServer.StartAsync(args: ["--rules", rules]);
        gateway = server.Gateway();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(rules, recursive: true);
    }

    private async Task<Filed> EmptiedAsync()
    {
        var filed = await gateway.FileInitialAsync(samples.Company(websites: 2));
        await gateway.FileOrderAsync(new SubmitFilingRequest { Type = FilingType.CancelAccess, ServiceNumbers = { filed.ServiceNumber(0) } });
        return filed;
    }

    [Fact]
    public async Task An_empty_shell_is_cancelled_when_its_grace_is_over_and_its_subject_is_told()
    {
        var filed = await EmptiedAsync();
        var domain = filed.Service(0).Domains[0];

        await gateway.AdvanceClockAsync(TimeSpan.FromDays(20) - TimeSpan.FromMinutes(1));
        Assert.Single((await gateway.QueryByDomainAsync(domain)).Filings);
        await gateway.AdvanceClockAsync(TimeSpan.FromMinutes(1));

        Assert.Empty((await gateway.QueryByDomainAsync(domain)).Filings);
        Assert.Single((await gateway.QueryByIcpNumberAsync(filed.ServiceNumber(1))).Filings);
        Assert.Contains(await gateway.InboxAsync(filed.Leader.Mobile),
            m => m.Body.Contains(filed.ServiceNumber(0), StringComparison.Ordinal) && m.Body.Contains("空壳", StringComparison.Ordinal));
        var subject = filed.Subject;
        var answer = await gateway.DetermineFilingTypeAsync(subject.CertificateType, subject.CertificateNumber, subject.Province, domain);
        Assert.Equal((FilingTypeVerdict.Filable, FilingType.AddService), (answer.Verdict, answer.Type));
    }

    [Fact]
    public async Task A_provider_that_takes_the_service_on_in_time_keeps_it_filed()
    {
        var filed = await EmptiedAsync();
        var second = server.Gateway(new GatewayOptions { ProviderKey = GatewayOptions.SecondSandboxProviderKey });
        await gateway.AdvanceClockAsync(TimeSpan.FromDays(10));

        await second.AddAccessAsync(filed, 0);
        await gateway.AdvanceClockAsync(TimeSpan.FromDays(30));

        var shown = Assert.Single((await gateway.QueryByDomainAsync(filed.Service(0).Domains[0])).Filings);
        Assert.Equal(filed.ServiceNumber(0), shown.ServiceNumber);
    }
}
