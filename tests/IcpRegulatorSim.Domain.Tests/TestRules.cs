using System.Collections.Concurrent;
using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Domain.Tests;

/// <summary>
/// The real rules files, copied into the test output, so these tests check the data the server runs on as well as the code.
/// </summary>
public static class TestRules
{
    public const string Current = "current";
    public const string Pilot2018 = "2018-pilot";

    // A RuleBook is immutable, so sharing one per profile shares no mutable state between tests.
    private static readonly ConcurrentDictionary<string, RuleBook> Loaded = new(StringComparer.Ordinal);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "rules");

    public static RuleBook Load(string profile = Current) =>
        Loaded.GetOrAdd(profile, name => RuleBookJson.Read(file => File.OpenRead(Path.Combine(Directory, file)), name));
}
