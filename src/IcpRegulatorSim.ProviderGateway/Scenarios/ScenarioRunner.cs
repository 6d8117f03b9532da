using IcpRegulatorSim.ProviderGateway.Cli;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// Runs scenario scripts against a regulator (<c>icp-gateway scenario run NAME</c>): each in a world created for it,
/// with its own provider keys, deleted afterwards whatever happened, so a run disturbs nothing else on the server.
/// Exit code 0 when every step passed, 1 when the regulator did not behave as a script expects.
/// </summary>
public sealed class ScenarioRunner(ProviderGatewayClient gateway, TextWriter output, IReadOnlyList<IScenarioScript>? scripts = null)
{
    public const string All = "all";

    public static IReadOnlyList<IScenarioScript> BuiltIn { get; } =
    [
        new HappyPathScript(),
        new FiveWrongCodesScript(),
        new ResendLimitScript(),
        new ExpiryScript(),
        new RejectionAndResubmissionScript(),
        new TransferScript(),
        new CancellationScript(),
        new RestrictionScript(),
        new RevocationScript(),
        new SpotCheckScript(),
        new EmptyShellScript(),
        new PublicSecurityHappyPathScript(),
        new PublicSecurityRejectionAndRevocationScript(),
    ];

    private readonly IReadOnlyList<IScenarioScript> scripts = scripts ?? BuiltIn;

    /// <summary>The names <see cref="RunAsync"/> takes: every script's, then <see cref="All"/>.</summary>
    public IReadOnlyList<string> Names => [.. scripts.Select(s => s.Name), All];

    public IReadOnlyList<IScenarioScript> Scripts => scripts;

    public async Task<int> RunAsync(string name, CancellationToken cancellationToken)
    {
        if (name == All)
        {
            return await RunAllAsync(cancellationToken);
        }
        var script = scripts.FirstOrDefault(s => s.Name == name)
            ?? throw new CliUsageException($"'{name}' is not a scenario; the scenarios are: {string.Join(", ", Names)}.");
        return (await RunOneAsync(script, cancellationToken)).ExitCode;
    }

    private async Task<int> RunAllAsync(CancellationToken cancellationToken)
    {
        var results = new List<(IScenarioScript Script, ScenarioSteps Steps)>();
        foreach (var script in scripts)
        {
            results.Add((script, await RunOneAsync(script, cancellationToken)));
            output.WriteLine();
        }
        var width = scripts.Max(s => s.Name.Length);
        output.WriteLine("summary");
        foreach (var (script, steps) in results)
        {
            output.WriteLine(steps.FailedStep is null
                ? $"  ✓ {script.Name.PadRight(width)}  {steps.Passed} steps"
                : $"  ✗ {script.Name.PadRight(width)}  failed at: {steps.FailedStep}");
        }
        var failed = results.Count(r => r.Steps.FailedStep is not null);
        output.WriteLine($"{results.Count} scenarios: {results.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private async Task<ScenarioSteps> RunOneAsync(IScenarioScript script, CancellationToken cancellationToken)
    {
        output.WriteLine($"scenario {script.Name}: {script.Description}");
        var steps = new ScenarioSteps(output);
        ScenarioWorld? world = null;
        try
        {
            world = await ScenarioWorld.CreateAsync(gateway, script.Name, steps, cancellationToken);
            await world.ReadRulesAsync(cancellationToken);
            await script.RunAsync(world, cancellationToken);
        }
        catch (ScenarioFailedException)
        {
            // Printed where it failed; the world still goes.
        }
        catch (RegulatorCallException e)
        {
            // A call the script made outside any step: still the regulator's answer, so still a failed scenario.
            steps.Fail("the exchange", "an answer", ScenarioSteps.Refusal(e));
        }
        finally
        {
            if (world is not null)
            {
                await world.DeleteAsync();
            }
        }
        output.WriteLine(steps.FailedStep is null
            ? $"passed: {script.Name} ({steps.Passed} steps)"
            : $"FAILED: {script.Name}, at: {steps.FailedStep}");
        return steps;
    }
}
