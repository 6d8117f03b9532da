using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>A provider's view of its own orders: get, list, withdraw.</summary>
public sealed class ProviderOrdersTests : ServerTest
{
    protected override string[] ServerArgs =>
    [
        "--Regulator:ProviderKeys:0:Key=key-a", "--Regulator:ProviderKeys:0:ProviderId=provider-a", "--Regulator:ProviderKeys:0:Name=A",
        "--Regulator:ProviderKeys:1:Key=key-b", "--Regulator:ProviderKeys:1:ProviderId=provider-b", "--Regulator:ProviderKeys:1:Name=B",
    ];

    [Fact]
    public async Task A_provider_lists_only_its_own_orders_page_by_page()
    {
        var a = Server.Gateway(new GatewayOptions { ProviderKey = "key-a" });
        var b = Server.Gateway(new GatewayOptions { ProviderKey = "key-b" });
        var mine = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            mine.Add((await a.SubmitAsync(Samples.Company())).Order.OrderId);
            await b.SubmitAsync(Samples.Company());
        }

        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await a.ListFilingsAsync(pageSize: 2, pageToken: token);
            Assert.True(page.Orders.Count <= 2);
            seen.AddRange(page.Orders.Select(o => o.OrderId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal(mine, seen);
        Assert.All((await a.ListFilingsAsync()).Orders, o => Assert.Equal("provider-a", o.ProviderId));
    }

    [Fact]
    public async Task Another_providers_order_is_not_found()
    {
        var a = Server.Gateway(new GatewayOptions { ProviderKey = "key-a" });
        var b = Server.Gateway(new GatewayOptions { ProviderKey = "key-b" });
        var order = (await a.SubmitAsync(Samples.Company())).Order;
        await Assert.ThrowsAsync<NotFoundException>(() => b.GetFilingAsync(order.OrderId));
        await Assert.ThrowsAsync<NotFoundException>(() => b.WithdrawAsync(order.OrderId));
        Assert.Equal(OrderStatus.AwaitingSmsValidation, (await a.GetFilingAsync(order.OrderId)).Status);
    }

    [Fact]
    public async Task Withdrawal_ends_the_order_and_its_codes_and_is_refused_once_decided()
    {
        var a = Server.Gateway(new GatewayOptions { ProviderKey = "key-a" });
        var filing = Samples.Company();
        var order = (await a.SubmitAsync(filing)).Order;
        await a.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var code = await a.LatestCodeAsync(filing.Subject.Leader.Mobile);

        var withdrawn = await a.WithdrawAsync(order.OrderId);
        Assert.Equal(OrderStatus.Withdrawn, withdrawn.Status);
        Assert.Equal("WITHDRAWN_BY_PROVIDER", withdrawn.Decision.ReasonCode);
        Assert.Equal(ValidateOutcome.NotFound,
            (await a.ValidateCodeAsync(filing.Subject.Leader.Mobile, filing.Subject.Leader.Suffix(), code)).Outcome);
        Assert.Equal(OrderStatus.Withdrawn, Assert.Single((await a.ListFilingsAsync(OrderStatus.Withdrawn)).Orders).Status);
        Assert.Equal("ILLEGAL_TRANSITION", (await Assert.ThrowsAsync<RequestRefusedException>(() => a.WithdrawAsync(order.OrderId))).Reason);
    }

    [Fact]
    public async Task List_arguments_are_checked()
    {
        var a = Server.Gateway(new GatewayOptions { ProviderKey = "key-a" });
        Assert.Equal("page_size", Assert.Single((await Assert.ThrowsAsync<InvalidRequestException>(() => a.ListFilingsAsync(pageSize: -1))).FieldProblems).Field);
        Assert.Equal("page_token", Assert.Single((await Assert.ThrowsAsync<InvalidRequestException>(() => a.ListFilingsAsync(pageToken: "x"))).FieldProblems).Field);
        Assert.Equal("order_id", Assert.Single((await Assert.ThrowsAsync<InvalidRequestException>(() => a.GetFilingAsync(""))).FieldProblems).Field);
    }
}
