using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>A test of the public-security platform: a server of its own, and the platform's steps over its channel.</summary>
public abstract class PublicSecurityTest : ServerTest
{
    protected PublicSecuritySteps Psb { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Psb = new PublicSecuritySteps(Server, Gateway);
    }

    /// <summary>The day of <paramref name="at"/> in Beijing, as the platform's dates are written (2026-03-02).</summary>
    protected static string Day(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");

    /// <summary>The day the test server's clock starts on.</summary>
    protected static string Today => Day(RegulatorServer.Start);
}
