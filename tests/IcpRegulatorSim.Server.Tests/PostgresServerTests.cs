using System.Diagnostics;
using IcpRegulatorSim.Testing;
using Npgsql;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// The tests' throwaway PostgreSQL: its own cluster in a temporary directory, on 127.0.0.1 only, gone afterwards with
/// every process of it, however the test process ended.
/// </summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_throwaway_server_answers_on_loopback_as_its_own_superuser_and_leaves_nothing_behind()
    {
        string socketDirectory;
        List<int> processes;
        await using (var server = await PostgresServer.StartAsync())
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT current_user, host(inet_server_addr()), current_setting('server_version_num')::int, current_setting('unix_socket_directories')", connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(PostgresServer.User, reader.GetString(0));
            Assert.Equal("127.0.0.1", reader.GetString(1));
            Assert.True(reader.GetInt32(2) >= 150000, $"server_version_num {reader.GetInt32(2)}");
            socketDirectory = reader.GetString(3);
            Assert.True(Directory.Exists(socketDirectory));
            processes = ProcessesIn(server.Directory);
            Assert.NotEmpty(processes);
        }
        Assert.False(Directory.Exists(socketDirectory));
        Assert.DoesNotContain(processes, IsRunning);
    }

    [Fact]
    public async Task A_test_process_stopped_by_job_control_and_then_killed_leaves_no_process_of_its_server_and_no_directory()
    {
        // A test process as `make test &` runs it: a job, a process group of its own, that the shell's job control stops
        // as a whole (SIGSTOP here: a group without a terminal discards the terminal's stop signals); then it is killed
        // while stopped, and no disposal runs.
        var start = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["dotnet", "exec", typeof(Program).Assembly.Location, Program.PostgresOwner])
        {
            start.ArgumentList.Add(argument);
        }
        using var owner = Process.Start(start) ?? throw new InvalidOperationException("The test process did not start.");
        // setsid ran the test process in its own place: it leads its group, the job.
        var job = owner.Id;
        try
        {
            var directory = await owner.StandardOutput.ReadLineAsync().WaitAsync(Patience.Limit)
                ?? throw new InvalidOperationException($"The test process ended without a server: {await owner.StandardError.ReadToEndAsync()}");
            var server = ProcessesIn(directory);
            Assert.NotEmpty(server);

            await SignalAsync("STOP", -job);
            owner.Kill();
            await owner.WaitForExitAsync();

            for (var waited = Stopwatch.StartNew(); Directory.Exists(directory) || server.Any(IsRunning); await Task.Delay(100))
            {
                Assert.True(waited.Elapsed < Patience.Limit,
                    $"{Patience.Limit.TotalSeconds:0} s after its test process was killed, {directory} is still there "
                    + $"({(Directory.Exists(directory) ? "exists" : "deleted")}), and so are processes {string.Join(", ", server.Where(IsRunning))}.");
            }
        }
        finally
        {
            // Whatever the outcome, nothing of the job is left stopped or running.
            await SignalAsync("CONT", -job);
            await SignalAsync("KILL", -job);
        }
    }

    /// <summary>The processes working in the cluster's directory: the postmaster and its backends, each there from its start.</summary>
    private static List<int> ProcessesIn(string directory)
    {
        var data = Path.Combine(directory, "data");
        var found = new List<int>();
        foreach (var process in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(process), out var pid))
            {
                try
                {
                    if (new DirectoryInfo(Path.Combine(process, "cwd")).LinkTarget?.StartsWith(data, StringComparison.Ordinal) == true)
                    {
                        found.Add(pid);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Gone meanwhile.
                }
            }
        }
        return found;
    }

    /// <summary>Whether the process is there and not a zombie (a process that has ended but is not yet reaped).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task SignalAsync(string signal, int target)
    {
        var start = new ProcessStartInfo("kill") { RedirectStandardError = true };
        foreach (var argument in (string[])[$"-{signal}", "--", target.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }
        using var kill = Process.Start(start) ?? throw new InvalidOperationException("kill did not start.");
        // A group already gone answers non-zero: nothing to do.
        await kill.StandardError.ReadToEndAsync();
        await kill.WaitForExitAsync();
    }
}
