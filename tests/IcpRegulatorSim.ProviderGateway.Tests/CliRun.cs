using IcpRegulatorSim.ProviderGateway.Cli;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>One run of <c>icp-gateway</c> in-process: its exit code and everything it wrote.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>
    /// The CLI's global options are static and every run adds them to a new root command, which appends that command
    /// to each option's parent list (not thread-safe); runs are kept in one xunit collection so none overlap.
    /// </summary>
    public const string Collection = "icp-gateway CLI";

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(TimeProvider.System, args);

    /// <summary>A run whose load runs are paced and measured on <paramref name="time"/>.</summary>
    public static async Task<CliRun> RunAsync(TimeProvider time, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await GatewayCli.RunAsync(args, output, error, time);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}
