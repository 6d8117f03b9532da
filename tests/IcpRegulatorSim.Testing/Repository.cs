namespace IcpRegulatorSim.Testing;

/// <summary>Paths in the source tree, found from the test's bin directory, so the tests read the very samples users read.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Sample(string name) => Path.Combine(Root, "samples", name);

    public const string CompanySample = "initial-company-zhejiang.json";
    public const string IndividualSample = "initial-individual-beijing.json";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IcpRegulatorSim.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No IcpRegulatorSim.sln above {AppContext.BaseDirectory}.");
    }
}
