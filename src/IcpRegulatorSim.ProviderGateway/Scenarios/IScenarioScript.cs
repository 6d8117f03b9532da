namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>One scripted exchange with the regulator, run in a world of its own (see <see cref="ScenarioRunner"/>).</summary>
public interface IScenarioScript
{
    /// <summary>What <c>icp-gateway scenario run NAME</c> calls it: lower case and dashes.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Plays the exchange step by step through <see cref="ScenarioWorld.Steps"/>; stops at the first step that fails.</summary>
    Task RunAsync(ScenarioWorld world, CancellationToken cancellationToken);
}
