using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// A SQLite file is one server's: a second server on the same file refuses to start, naming the file and the process
/// that holds it, and points to PostgreSQL for servers that share their data. The claim dies with its server, however
/// it ends: a server killed outright never blocks the next start.
/// </summary>
public sealed class OneServerPerFileTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("icp-one-server-");

    public void Dispose() => directory.Delete(recursive: true);

    private string Data => Path.Combine(directory.FullName, "shared.db");

    [Fact]
    public async Task A_second_server_on_the_same_file_refuses_to_start_and_a_killed_ones_claim_dies_with_it()
    {
        var first = await ServerProcess.StartAsync(Data, TextWriter.Null);
        try
        {
            var second = await ServerRun.RunAsync(directory.FullName, null, "--data", Data, "--port", "0", "--web-port", "0");

            Assert.True(second.ExitCode == ServerStart.StartedWrong, second.ToString());
            var line = Assert.Single(second.ErrorLines);
            Assert.Contains($"the SQLite file {Data} is in use by another server (process {first.Id})", line);
            Assert.Contains("PostgreSQL", line);
            Assert.DoesNotContain("   at ", second.Output + second.Error);
            Assert.False(first.HasExited);
        }
        finally
        {
            // kill -9: no shutdown, no cleanup of its own.
            await first.KillAsync();
        }

        await using var next = await ServerProcess.StartAsync(Data, TextWriter.Null);
        Assert.False(next.HasExited);
    }

    [Fact]
    public async Task Two_servers_in_one_process_cannot_share_a_file_either_and_a_stopped_one_lets_go()
    {
        await using (var first = await RegulatorServer.StartAsync(Data))
        {
            var e = await Assert.ThrowsAsync<ServerStartException>(() => RegulatorServer.StartAsync(Data));
            Assert.Contains($"the SQLite file {Data} is in use by another server", e.Message);
        }

        await using var again = await RegulatorServer.StartAsync(Data);
        await again.Gateway().PingAsync();
    }
}
