using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// The test assembly run as a program of its own (<c>dotnet exec</c>), for a test that needs a test process it may stop
/// and kill: <c>postgres-owner</c> starts a throwaway PostgreSQL as a test does, prints its directory, and waits.
/// </summary>
internal static class Program
{
    public const string PostgresOwner = "postgres-owner";

    public static async Task<int> Main(string[] args)
    {
        if (args is not [PostgresOwner])
        {
            await Console.Error.WriteLineAsync($"usage: dotnet exec IcpRegulatorSim.Server.Tests.dll {PostgresOwner}");
            return 2;
        }
        // Never disposed: the process is killed, and what it leaves is the point of the test that runs it.
        var server = await PostgresServer.StartAsync();
        await Console.Out.WriteLineAsync(server.Directory);
        await Console.Out.FlushAsync();
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
