using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace IcpRegulatorSim.Contracts.Tests;

/// <summary>
/// <c>protos/</c> stands alone: a Java, Go or Python team compiles it with a plain protoc, given nothing but protos/
/// and protoc's own well-known types. The protoc is the build's own (Grpc.Tools), so the test needs nothing installed.
/// </summary>
public sealed class ProtocTests : IDisposable
{
    private readonly DirectoryInfo output = Directory.CreateTempSubdirectory("icp-protoc-");

    public void Dispose() => output.Delete(recursive: true);

    [Fact]
    public async Task Protos_compile_with_a_plain_protoc_and_only_their_own_directory_to_import_from()
    {
        var protos = Metadata("Protos");
        var tools = Metadata("GrpcTools");
        var files = Directory.EnumerateFiles(protos, "*.proto", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(protos, f).Replace('\\', '/')).Order().ToList();
        Assert.Contains("google/api/annotations.proto", files);
        Assert.Contains("google/api/http.proto", files);
        Assert.True(File.Exists(Path.Combine(protos, "google/api/LICENSE")), "googleapis' licence travels with its files");

        var java = output.CreateSubdirectory("java");
        var python = output.CreateSubdirectory("python");
        var (exit, errors) = await RunAsync(Path.Combine(tools, "tools", Platform(), OperatingSystem.IsWindows() ? "protoc.exe" : "protoc"), protos,
            ["-I", protos, "-I", Path.Combine(tools, "build", "native", "include"), $"--descriptor_set_out={Path.Combine(output.FullName, "contract.pb")}",
             $"--java_out={java.FullName}", $"--python_out={python.FullName}", .. files]);

        Assert.True(exit == 0, $"protoc exited {exit}: {errors}");
        Assert.True(File.Exists(Path.Combine(python.FullName, "icp/regulator/v1/filing_service_pb2.py")));
        Assert.NotEmpty(java.EnumerateFiles("*.java", SearchOption.AllDirectories));
    }

    private static string Metadata(string key) =>
        typeof(ProtocTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        is { Length: > 0 } value ? value : throw new InvalidOperationException($"The build did not say where {key} is.");

    /// <summary>Grpc.Tools' folder for this machine's protoc.</summary>
    private static string Platform()
    {
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            var other => throw new PlatformNotSupportedException($"Grpc.Tools ships no protoc for {other}."),
        };
        return OperatingSystem.IsWindows() ? $"windows_{arch}" : OperatingSystem.IsMacOS() ? "macosx_universal" : $"linux_{arch}";
    }

    private static async Task<(int Exit, string Errors)> RunAsync(string program, string directory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        var standard = process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await errors + await standard);
    }
}
