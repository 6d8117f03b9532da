using System.Diagnostics;
using IcpRegulatorSim.Harness;
using Xunit;

namespace ProviderSuite.Tests;

/// <summary>The icp-gateway tool, installed from its package as a provider's CI would, run against a harness's regulator.</summary>
public sealed class GatewayToolTests(RegulatorFixture fixture) : IClassFixture<RegulatorFixture>
{
    [Fact]
    public async Task The_tool_installs_from_its_package_and_runs_the_happy_path()
    {
        var tools = Directory.CreateTempSubdirectory("icp-gateway-tool-").FullName;
        try
        {
            // The version just packed: it names the build, so the suite's package cache holds no other build under it.
            var (package, version) = BuiltPackages.Packed("icp-gateway");
            var install = await RunAsync("dotnet",
                ["tool", "install", "icp-gateway", "--version", version, "--tool-path", tools, "--add-source", BuiltPackages.Setting("IcpPackages")],
                ("NUGET_PACKAGES", BuiltPackages.Setting("IcpPackageCache")));
            Assert.True(install.ExitCode == 0, install.Output);
            var installed = await RunAsync(Path.Combine(tools, "icp-gateway"), ["--version"]);
            Assert.Equal(version, installed.Output.Trim());
            var tool = Assert.Single(Directory.GetFiles(Path.Combine(tools, ".store"), "icp-gateway.dll", SearchOption.AllDirectories));
            BuiltPackages.AssertSameFile(package, "tools/net10.0/any/icp-gateway.dll", tool);

            var run = await RunAsync(Path.Combine(tools, "icp-gateway"),
                ["scenario", "run", "happy-path", "--address", fixture.Regulator.Address.ToString(), "--admin-key", fixture.Regulator.AdminKey]);

            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains("happy-path", run.Output);
        }
        finally
        {
            Directory.Delete(tools, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
