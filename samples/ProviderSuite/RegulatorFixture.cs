using IcpRegulatorSim.Harness;
using Xunit;

namespace ProviderSuite.Tests;

/// <summary>
/// One simulator for a whole test class (xunit's class fixture): started before the first test, stopped after the
/// last. Each test takes a world of its own from it, so the tests do not see each other's orders.
/// </summary>
public sealed class RegulatorFixture : IAsyncLifetime
{
    public IcpRegulator Regulator { get; private set; } = null!;

    public async Task InitializeAsync() => Regulator = await IcpRegulator.StartAsync(new IcpRegulatorOptions());

    public async Task DisposeAsync() => await Regulator.DisposeAsync();
}
