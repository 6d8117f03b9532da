using System.Globalization;
using System.Net;
using System.Net.Sockets;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// The server started wrong says what is wrong in one line on stderr, and what to do, and exits 2 without a stack
/// trace: an unknown flag or setting, a bad value, a port in use, a data path that is a directory or not a database.
/// Each test starts the server as a process, in a directory away from its settings file, as a newcomer would.
/// </summary>
public sealed class ServerStartTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("icp-start-");

    public void Dispose() => directory.Delete(recursive: true);

    private string Data => Path.Combine(directory.FullName, "start.db");

    [Fact]
    public async Task An_unknown_flag_is_refused_naming_it_and_the_flag_it_resembles()
    {
        var run = await RunAsync("--data", Data, "--clock-rat", "0");

        AssertRefused(run, "unknown flag --clock-rat", "--clock-rate");
    }

    [Theory]
    [InlineData("--clock-rate", "abc", "--clock-rate 'abc' is not a number")]
    [InlineData("--clock-start", "next monday", "--clock-start 'next monday' is neither 'now' nor an ISO 8601 instant")]
    [InlineData("--profile", "2019", "--profile '2019' is not a profile of the rules; they have: 2018-pilot, current")]
    public async Task A_bad_value_is_refused_naming_the_flag_and_the_value(string flag, string value, string expected)
    {
        var run = await RunAsync("--data", Data, "--port", "0", "--web-port", "-1", flag, value);

        AssertRefused(run, expected);
    }

    /// <summary>The same refusals, from the host the tests and the harness start in their own process.</summary>
    [Theory]
    [InlineData("--clock-rate", "-1", "--clock-rate '-1' is not a number of 0 or more")]
    [InlineData("--port", "fifty", "--port 'fifty' is not a whole number from 0 to 65535")]
    [InlineData("--web-port", "70000", "--web-port '70000' is not a whole number from -1 to 65535")]
    [InlineData("--seed", "1.5", "--seed '1.5' is not a whole number")]
    [InlineData("--log-format", "xml", "--log-format 'xml' is not one of: text, json")]
    [InlineData("--rules", "/no/such/rules", "--rules '/no/such/rules' is not a directory")]
    [InlineData("--Regulator:FullSync", "maybe", "--Regulator:FullSync 'maybe' is neither true nor false")]
    [InlineData("--Regulator:ProviderKeys:0:Secret", "x", "unknown flag --Regulator:ProviderKeys:0:Secret")]
    [InlineData("--Logging:LogLevel:Default", "Verbose", "--Logging:LogLevel:Default 'Verbose' is not a log level")]
    public async Task A_bad_value_stops_a_server_in_process_too(string flag, string value, string expected)
    {
        var e = await Assert.ThrowsAsync<ServerStartException>(() => RegulatorServer.StartAsync(args: [flag, value]));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task A_flag_without_its_value_is_refused()
    {
        var run = await RunAsync("--data", Data, "--clock-rate", "--port", "0");

        AssertRefused(run, "--clock-rate needs a value");
    }

    [Fact]
    public async Task A_word_that_is_not_a_flag_is_refused()
    {
        var run = await RunAsync("--data", Data, "sandbox");

        AssertRefused(run, "'sandbox' is not a flag of the server");
    }

    [Fact]
    public async Task An_unknown_setting_from_the_environment_is_refused_too()
    {
        var run = await ServerRun.RunAsync(directory.FullName, new Dictionary<string, string> { ["Regulator__ClockRat"] = "0" }, "--data", Data);

        AssertRefused(run, "unknown setting Regulator:ClockRat", "--Regulator:ClockRate");
    }

    [Theory]
    [InlineData("--port", "PORT=")]
    [InlineData("--web-port", "WEB_PORT=")]
    public async Task A_port_in_use_is_refused_naming_the_port_and_the_settings_to_change(string flag, string makeSetting)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        string[] ports = flag == "--port" ? ["--port", port, "--web-port", "0"] : ["--port", "0", "--web-port", port];

        var run = await RunAsync(["--data", Data, .. ports]);

        AssertRefused(run, $"port {port} ({flag}, make run {makeSetting}) is in use", "make run PORT=", "--port and --web-port");
    }

    [Fact]
    public async Task A_data_path_that_is_a_directory_is_refused()
    {
        var run = await RunAsync("--data", directory.FullName, "--port", "0", "--web-port", "-1");

        AssertRefused(run, $"--data {directory.FullName} is a directory", Path.Combine(directory.FullName, "icp-regulator.db"));
    }

    [Fact]
    public async Task A_data_file_that_is_not_a_database_is_refused_and_left_as_it_was()
    {
        var notes = Path.Combine(directory.FullName, "notes.txt");
        await File.WriteAllTextAsync(notes, "Not a database: the notes of a trainee.\n");

        var run = await RunAsync("--data", notes, "--port", "0", "--web-port", "-1");

        AssertRefused(run, $"--data {notes} is not a SQLite database");
        Assert.Equal("Not a database: the notes of a trainee.\n", await File.ReadAllTextAsync(notes));
    }

    [Fact]
    public async Task A_rules_directory_without_the_public_security_platforms_rules_is_refused()
    {
        // MIIT's rules as the server ships them, but not the platform's: an edited copy made before the platform came.
        var rules = Path.Combine(directory.FullName, "rules");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "rules"), "*.json", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(rules, Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "rules"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        File.Delete(Path.Combine(rules, "public-security.json"));

        var run = await RunAsync("--data", Data, "--port", "0", "--web-port", "-1", "--rules", rules);

        AssertRefused(run, $"--rules {rules} cannot be read", "public-security.json");
    }

    [Fact]
    public async Task Help_among_other_flags_lists_the_flags_and_exits_0_without_starting()
    {
        var run = await RunAsync("--port", "0", "--data", Data, "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var flag in ServerFlags.Switches.Keys)
        {
            Assert.Contains(flag, run.Output);
        }
        Assert.Contains("--Regulator:TrustUnknownDomains", run.Output);
        Assert.Equal("", run.Error);
        Assert.False(File.Exists(Data));
    }

    [Fact]
    public void Every_setting_of_the_server_is_one_it_knows()
    {
        // A setting added to RegulatorOptions without its entry among the flags would be refused as unknown.
        var settings = typeof(RegulatorOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name);

        Assert.All(settings, name => Assert.Contains($"--Regulator:{name}", ServerFlags.Help + string.Join(' ', ServerFlags.Switches.Values.Select(v => $"--{v}"))));
    }

    private Task<ServerRun> RunAsync(params string[] args) => ServerRun.RunAsync(directory.FullName, null, args);

    /// <summary>Exit code 2, one line on stderr that says all of <paramref name="expected"/>, and no stack trace anywhere.</summary>
    private static void AssertRefused(ServerRun run, params string[] expected)
    {
        Assert.True(run.ExitCode == ServerStart.StartedWrong, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: ", line);
        foreach (var text in expected)
        {
            Assert.Contains(text, line);
        }
        Assert.DoesNotContain("   at ", run.Output + run.Error);
    }
}
