using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Harness;
using IcpRegulatorSim.ProviderGateway.Client;
using Xunit;

namespace ProviderSuite.Tests;

/// <summary>
/// What a provider's filing system does, driven here by the client library in place of that system: each test in a
/// fresh world of the shared regulator, its clock frozen until the test moves it.
/// </summary>
public sealed class FilingTests(RegulatorFixture fixture) : IClassFixture<RegulatorFixture>, IAsyncLifetime
{
    private RegulatorWorld world = null!;
    private ProviderGatewayClient provider = null!;

    public async Task InitializeAsync()
    {
        world = await fixture.Regulator.CreateWorldAsync();
        provider = world.Gateway();
    }

    public async Task DisposeAsync()
    {
        provider.Dispose();
        await world.DeleteAsync();
    }

    [Fact]
    public async Task A_wrong_certificate_is_refused_with_the_field_named()
    {
        var filing = new SampleFilings(seed: 8).Individual("beijing");
        filing.Subject.CertificateNumber = "11010119900101123";

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(
            () => provider.SubmitAsync(new SubmitFilingRequest { Type = FilingType.Initial, Filing = filing }));

        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(refused.FieldProblems, v => v.Field == "filing.subject.certificate_number");
    }

    [Fact]
    public async Task Worlds_do_not_see_each_other()
    {
        var filing = new SampleFilings(seed: 9).Company("guangdong");
        await provider.SubmitAsync(new SubmitFilingRequest { Type = FilingType.Initial, Filing = filing });

        var other = await fixture.Regulator.CreateWorldAsync();
        using var elsewhere = other.Gateway();

        Assert.Single((await provider.ListFilingsAsync()).Orders);
        Assert.Empty((await elsewhere.ListFilingsAsync()).Orders);
        await other.DeleteAsync();
    }

    [Fact]
    public async Task The_same_regulator_speaks_json_over_http_to_any_stack()
    {
        using var http = new HttpClient { BaseAddress = world.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.ProviderKey);
        var filing = new SampleFilings(seed: 10).Company("shanghai");
        var body = new StringContent(
            $$"""{"type":"FILING_TYPE_INITIAL","idempotencyKey":"{{Guid.NewGuid()}}","filing":{{Google.Protobuf.JsonFormatter.Default.Format(filing)}}}""", Encoding.UTF8, "application/json");

        using var reply = await http.PostAsync("/v1/filings", body);

        Assert.True(reply.IsSuccessStatusCode, await reply.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await reply.Content.ReadAsStringAsync());
        Assert.Equal("ORDER_STATUS_AWAITING_SMS_VALIDATION", json.RootElement.GetProperty("order").GetProperty("status").GetString());
    }
}
