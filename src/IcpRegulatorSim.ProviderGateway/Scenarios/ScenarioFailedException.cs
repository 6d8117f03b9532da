namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>A step of a scenario script found the regulator behaving otherwise than the script expects; the script stops there.</summary>
public sealed class ScenarioFailedException(string step, string expected, string actual)
    : Exception($"{step}: expected {expected}, got {actual}")
{
    public string Step { get; } = step;
    public string Expected { get; } = expected;
    public string Actual { get; } = actual;
}
