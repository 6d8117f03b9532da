using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>
/// Reads the rules: the directory <c>--rules</c> names, else the rules compiled into the server (the same files as
/// <c>rules/</c> in its source), so that a server started from a package, without that directory beside it, has them.
/// </summary>
public static class RulesLoader
{
    private const string ResourcePrefix = "rules/";

    public static RuleBook Load(string? directory, string profileName) =>
        RuleBookJson.Read(directory is null ? OpenCompiledIn : file => File.OpenRead(Path.Combine(directory, file)), profileName);

    private static Stream OpenCompiledIn(string file) =>
        typeof(RulesLoader).Assembly.GetManifestResourceStream(ResourcePrefix + file)
        ?? throw new FileNotFoundException($"The server has no rules file '{file}'.", file);
}
