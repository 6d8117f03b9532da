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

    private ProviderGatewayClient Second() => server.Gateway(new GatewayOptions { ProviderKey = GatewayOptions.SecondSandboxProviderKey });

    /// <summary>A CANCEL_SUBJECT order of <paramref name="filed"/>, with its password.</summary>
    private static SubmitFilingRequest CancelSubject(Filed filed) =>
        new() { Type = FilingType.CancelSubject, SubjectNumber = filed.SubjectNumber, FilingPassword = filed.Password };

    [Fact]
    public async Task An_empty_shell_is_cancelled_through_the_provider_its_subject_goes_to_but_a_hosted_service_only_through_its_own()
    {
        // The first website is an empty shell; the second is still the first provider's.
        var filed = await EmptiedAsync();
        var second = Second();

        var hosted = await Assert.ThrowsAsync<RequestRefusedException>(() => second.SubmitAsync(filed.CancelService(1)));
        Assert.Equal(("SERVICE_NOT_HOSTED", filed.ServiceNumber(1)), (hosted.Reason, hosted.PreconditionProblems[0].Subject));
        var subject = await Assert.ThrowsAsync<RequestRefusedException>(() => second.SubmitAsync(CancelSubject(filed)));
        Assert.Equal(("SERVICE_NOT_HOSTED", filed.ServiceNumber(1)), (subject.Reason, subject.PreconditionProblems[0].Subject));
        Assert.Empty((await second.ListFilingsAsync()).Orders);

        var cancelled = await second.FileOrderAsync(filed.CancelService(0), filed.Administrator(0));

        Assert.Equal(OrderStatus.Approved, cancelled.Status);
        Assert.Empty((await gateway.QueryByIcpNumberAsync(filed.ServiceNumber(0))).Filings);
        Assert.Single((await gateway.QueryByIcpNumberAsync(filed.ServiceNumber(1))).Filings);
    }

    [Fact]
    public async Task A_subject_whose_services_are_all_empty_shells_cancels_through_the_provider_it_goes_to_and_files_again()
    {
        var filing = samples.Company(websites: 2);
        var filed = await gateway.FileInitialAsync(filing);
        await gateway.FileOrderAsync(new SubmitFilingRequest { Type = FilingType.CancelAccess, ServiceNumbers = { filed.ServiceNumber(0), filed.ServiceNumber(1) } });
        var second = Second();

        var cancelled = await second.FileOrderAsync(CancelSubject(filed), filed.Leader);

        Assert.Equal(OrderStatus.Approved, cancelled.Status);
        Assert.Empty((await gateway.QueryByIcpNumberAsync(filed.SubjectNumber)).Filings);
        var refiled = await second.FileInitialAsync(filing);
        Assert.NotEqual(filed.SubjectNumber, refiled.SubjectNumber);
    }

    [Fact]
    public async Task An_empty_shell_whose_subject_has_an_order_in_process_is_cancelled_only_after_its_decision()
    {
        var filed = await gateway.FileInitialAsync(samples.Company());
        await gateway.FileOrderAsync(new SubmitFilingRequest { Type = FilingType.CancelAccess, ServiceNumbers = { filed.ServiceNumber(0) } });
        await gateway.AdvanceClockAsync(TimeSpan.FromDays(19));
        var second = Second();
        var order = (await second.SubmitAsync(CancelSubject(filed))).Order;
        order = await second.ValidateAsAsync(order, filed.Leader);
        Assert.Equal(OrderStatus.UnderReview, order.Status);

        // The grace is over while the order is in review: the administration waits for its decision.
        await gateway.AdvanceClockAsync(TimeSpan.FromDays(2));
        Assert.Single((await gateway.QueryByIcpNumberAsync(filed.ServiceNumber(0))).Filings);
        Assert.Equal(OrderStatus.Approved, (await gateway.ApproveAsync(order.OrderId)).Status);

        Assert.Empty((await gateway.QueryByIcpNumberAsync(filed.SubjectNumber)).Filings);
        Assert.DoesNotContain(await gateway.InboxAsync(filed.Leader.Mobile), m => m.Body.Contains("空壳", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_shell_is_cancelled_a_day_later_when_the_order_in_process_ends_without_taking_it_on()
    {
        var filed = await gateway.FileInitialAsync(samples.Company());
        await gateway.FileOrderAsync(new SubmitFilingRequest { Type = FilingType.CancelAccess, ServiceNumbers = { filed.ServiceNumber(0) } });
        await gateway.AdvanceClockAsync(TimeSpan.FromDays(19));
        var second = Second();
        var access = (await second.SubmitAsync(new SubmitFilingRequest
        {
            Type = FilingType.AddAccess,
            ServiceNumbers = { filed.ServiceNumber(0) },
            FilingPassword = filed.Password,
        })).Order;

        await gateway.AdvanceClockAsync(TimeSpan.FromDays(1));
        Assert.Single((await gateway.QueryByIcpNumberAsync(filed.ServiceNumber(0))).Filings);
        await second.WithdrawAsync(access.OrderId);
        await gateway.AdvanceClockAsync(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        Assert.Single((await gateway.QueryByIcpNumberAsync(filed.ServiceNumber(0))).Filings);
        await gateway.AdvanceClockAsync(TimeSpan.FromMinutes(1));

        Assert.Empty((await gateway.QueryByIcpNumberAsync(filed.ServiceNumber(0))).Filings);
        Assert.Contains(await gateway.InboxAsync(filed.Leader.Mobile), m => m.Body.Contains("空壳", StringComparison.Ordinal));
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
