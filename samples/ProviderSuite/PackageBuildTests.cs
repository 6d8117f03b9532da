using System.Reflection;
using Xunit;

namespace ProviderSuite.Tests;

/// <summary>
/// This suite runs on the packages `make packages` has just built, not on an older build NuGet had cached: each
/// assembly it loads is the one inside the package of the package folder, and says that package's version.
/// </summary>
public sealed class PackageBuildTests
{
    [Theory]
    [InlineData("IcpRegulatorSim.Harness", "IcpRegulatorSim.Harness")]
    [InlineData("IcpRegulatorSim.Server", "IcpRegulatorSim.Harness")]
    [InlineData("IcpRegulatorSim.Domain", "IcpRegulatorSim.Harness")]
    [InlineData("IcpRegulatorSim.ProviderGateway.Client", "IcpRegulatorSim.ProviderGateway.Client")]
    [InlineData("IcpRegulatorSim.Contracts", "IcpRegulatorSim.ProviderGateway.Client")]
    public void The_assembly_in_use_is_the_one_just_packed(string assemblyName, string packageId)
    {
        var package = BuiltPackages.Packed(packageId);
        var loaded = Assembly.Load(assemblyName);

        Assert.Equal(package.Version, BuiltPackages.Setting("IcpRegulatorSimVersion"));
        Assert.Equal(package.Version, loaded.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
        BuiltPackages.AssertSameFile(package.Path, $"lib/net10.0/{assemblyName}.dll", loaded.Location);
    }
}
