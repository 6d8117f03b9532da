using System.Diagnostics;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>One run of the server as a process, to its end: a start that is refused ends by itself.</summary>
public sealed record ServerRun(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Runs the server with exactly <paramref name="args"/> in <paramref name="workingDirectory"/> (away from its
    /// settings file) until it exits; a server that serves instead is killed and the run fails.
    /// </summary>
    public static async Task<ServerRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(ServerProcess.ServerDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().Within($"the server started with {string.Join(' ', args)} to exit");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return new ServerRun(process.ExitCode, await output, await error);
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}
