using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>Reads the rules directory: the one shipped beside the server, or the one <c>--rules</c> names.</summary>
public static class RulesLoader
{
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "rules");

    public static RuleBook Load(string? directory, string profileName)
    {
        var dir = directory ?? DefaultDirectory;
        return RuleBookJson.Read(file => File.OpenRead(Path.Combine(dir, file)), profileName);
    }
}
