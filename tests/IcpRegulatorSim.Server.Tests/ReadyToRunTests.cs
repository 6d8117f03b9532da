using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// On linux-x64 a Release build lays the server out compiled ahead (ReadyToRun) beside its build, and that copy is the
/// one tests start, so that a start is not spent in the JIT; the build output, which the harness package carries to
/// every platform, stays IL, since a linux-x64 image loads nowhere else.
/// </summary>
public sealed class ReadyToRunTests
{
    private static readonly string Output = Path.GetDirectoryName(Path.GetDirectoryName(ServerProcess.ServerDll)!)!;

    [Fact]
    public void Tests_start_the_server_compiled_ahead_and_its_build_output_stays_il()
    {
        if (RuntimeInformation.RuntimeIdentifier != "linux-x64" || !ServerProcess.ServerDll.Contains("/Release/", StringComparison.Ordinal))
        {
            return;
        }

        Assert.Equal("ready", Path.GetFileName(Path.GetDirectoryName(ServerProcess.ServerDll)));
        foreach (var assembly in (string[])["IcpRegulatorSim.Server.dll", "IcpRegulatorSim.Domain.dll", "Grpc.AspNetCore.Server.dll", "Google.Protobuf.dll"])
        {
            Assert.True(IsReadyToRun(Path.Combine(Output, "ready", assembly)), $"ready/{assembly} is not compiled ahead");
        }
        Assert.False(IsReadyToRun(Path.Combine(Output, "IcpRegulatorSim.Server.dll")), "the build output of the server is not IL only");
    }

    /// <summary>A ReadyToRun image has a managed native header; an IL-only assembly has none.</summary>
    private static bool IsReadyToRun(string path)
    {
        using var reader = new PEReader(File.OpenRead(path));
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
