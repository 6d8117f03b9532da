using IcpRegulatorSim.ProviderGateway.Client;
using Xunit;

namespace IcpRegulatorSim.Testing;

/// <summary>A test that owns a fresh server (its own database and frozen clock) and a gateway to it.</summary>
public abstract class ServerTest : IAsyncLifetime
{
    protected RegulatorServer Server { get; private set; } = null!;
    protected ProviderGatewayClient Gateway { get; private set; } = null!;
    protected SampleFilings Samples { get; } = new();

    /// <summary>The server's flags for this test class, beyond the test defaults.</summary>
    protected virtual string[] ServerArgs => [];

    /// <summary>The server's real time: the machine's clock, or a <see cref="FakeClock"/> that the test class moves.</summary>
    protected virtual TimeProvider RealTime => TimeProvider.System;

    public virtual async Task InitializeAsync()
    {
        Server = await RegulatorServer.StartAsync(RealTime, args: ServerArgs);
        Gateway = Server.Gateway();
    }

    public virtual async Task DisposeAsync() => await Server.DisposeAsync();
}
