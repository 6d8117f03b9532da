namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>A temporary directory a test owns for the files it writes; deleted with the test.</summary>
public sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("icp-gateway-tests-").FullName;

    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
