using System.Diagnostics;
using System.Reflection;
using IcpRegulatorSim.Harness;

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
            // A package cache of its own, so that the tool installed is the package just built, not one cached before.
            var install = await RunAsync("dotnet", ["tool", "install", "icp-gateway", "--version", "1.0.0", "--tool-path", tools, "--add-source", Packages()],
                ("NUGET_PACKAGES", Path.Combine(tools, ".nuget")));
            Assert.True(install.ExitCode == 0, install.Output);

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

    private static string Packages() =>
        typeof(GatewayToolTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "IcpPackages").Value!;

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
