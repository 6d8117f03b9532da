using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.Testing;

/// <summary>Steps of the exchange that many tests need to get past on their way to what they test.</summary>
public static class Exchanges
{
    /// <summary>Submits, lets the codes go out, and has every person named by the order validate; returns the order under review.</summary>
    public static async Task<FilingOrder> SubmitAndValidateAsync(this ProviderGatewayClient gateway, Filing filing)
    {
        var order = (await gateway.SubmitAsync(filing)).Order;
        return await gateway.ValidateAllAsync(order, filing);
    }

    public static async Task<FilingOrder> ValidateAllAsync(this ProviderGatewayClient gateway, FilingOrder order, Filing filing)
    {
        await gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var people = new[] { filing.Subject.Leader }.Concat(filing.Services.Select(s => s.Administrator));
        foreach (var validation in order.SmsValidations)
        {
            var person = people.First(p => p.Mobile == validation.Mobile);
            await gateway.ValidateCodeAsync(person.Mobile, person.Suffix(), await gateway.LatestCodeAsync(person.Mobile));
        }
        return await gateway.GetFilingAsync(order.OrderId);
    }

    /// <summary>Takes a filing all the way to approval by staff.</summary>
    public static async Task<FilingOrder> FileAsync(this ProviderGatewayClient gateway, Filing filing)
    {
        var order = await gateway.SubmitAndValidateAsync(filing);
        return await gateway.ApproveAsync(order.OrderId);
    }
}
