using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Harness;
using IcpRegulatorSim.ProviderGateway.Client;
using Xunit;

namespace ProviderSuite.Tests;

/// <summary>The simulator as a process of its own, for a suite that wants its memory and its crashes apart from the tests'.</summary>
public sealed class ChildProcessTests
{
    [Fact]
    public async Task A_regulator_in_a_child_process_keeps_its_orders_across_a_restart_on_the_same_database()
    {
        var directory = Directory.CreateTempSubdirectory("provider-suite-").FullName;
        var options = new IcpRegulatorOptions { Hosting = RegulatorHosting.ChildProcess, DatabasePath = Path.Combine(directory, "regulator.db") };
        try
        {
            string orderId;
            await using (var regulator = await IcpRegulator.StartAsync(options))
            {
                using var provider = regulator.Gateway();
                var submitted = await provider.SubmitAsync(new SubmitFilingRequest { Type = FilingType.Initial, Filing = new SampleFilings(seed: 11).Individual() });
                orderId = submitted.Order.OrderId;
            }

            await using (var again = await IcpRegulator.StartAsync(options))
            {
                using var provider = again.Gateway(providerKey: again.ProviderKey);
                var order = await provider.GetFilingAsync(orderId);
                Assert.Equal(OrderStatus.AwaitingSmsValidation, order.Status);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
