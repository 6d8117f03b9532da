using System.Text.Json;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>
/// Reads the rules: the directory <c>--rules</c> names, else the rules compiled into the server (the same files as
/// <c>rules/</c> in its source), so that a server started from a package, without that directory beside it, has them.
/// MIIT's rules and the public-security platform's are read together: a directory without either does not start.
/// </summary>
public static class RulesLoader
{
    private const string ResourcePrefix = "rules/";
    private const string ProfilesPrefix = "profiles/";

    /// <summary>MIIT's rules and the public-security platform's, the second checked against the first's provinces.</summary>
    public static (RuleBook Miit, PublicSecurityRules PublicSecurity) LoadAll(string? directory, string profileName)
    {
        var miit = Load(directory, profileName);
        if (directory is null)
        {
            return (miit, PublicSecurityRulesJson.Read(OpenCompiledIn, miit));
        }
        try
        {
            return (miit, PublicSecurityRulesJson.Read(file => File.OpenRead(Path.Combine(directory, file)), miit));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ServerStartException($"--rules {directory} cannot be read: {e.Message}");
        }
    }

    public static RuleBook Load(string? directory, string profileName)
    {
        var profiles = Profiles(directory);
        if (!profiles.Contains(profileName, StringComparer.Ordinal))
        {
            throw new ServerStartException(
                $"--profile '{profileName}' is not a profile of the rules{(directory is null ? "" : $" in {directory}")}; they have: {string.Join(", ", profiles)}.");
        }
        if (directory is null)
        {
            return RuleBookJson.Read(OpenCompiledIn, profileName);
        }
        try
        {
            return RuleBookJson.Read(file => File.OpenRead(Path.Combine(directory, file)), profileName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            throw new ServerStartException($"--rules {directory} cannot be read: {e.Message}");
        }
    }

    /// <summary>The profiles the rules have: the names of <c>profiles/*.json</c>.</summary>
    private static List<string> Profiles(string? directory) =>
        (directory is null
            ? typeof(RulesLoader).Assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(ResourcePrefix + ProfilesPrefix, StringComparison.Ordinal))
                .Select(n => n[(ResourcePrefix + ProfilesPrefix).Length..])
            : Directory.Exists(Path.Combine(directory, ProfilesPrefix))
                ? Directory.EnumerateFiles(Path.Combine(directory, ProfilesPrefix), "*.json").Select(Path.GetFileName).OfType<string>()
                : [])
        .Where(n => n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    private static Stream OpenCompiledIn(string file) =>
        typeof(RulesLoader).Assembly.GetManifestResourceStream(ResourcePrefix + file)
        ?? throw new FileNotFoundException($"The server has no rules file '{file}'.", file);
}
