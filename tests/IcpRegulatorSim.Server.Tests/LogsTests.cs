using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Net.Client;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// <c>--log-format json</c>: one JSON object a line, each line a request causes carrying its request id; and with every
/// log level at its most talkative, no SMS code and no filing password is ever written.
/// </summary>
public sealed partial class LogsTests : IDisposable
{
    private const string Prefix = "  server: ";

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("icp-logs-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task A_server_started_away_from_its_settings_file_logs_no_line_per_request()
    {
        var log = new StringWriter();
        var database = Path.Combine(directory.FullName, "quiet.db");
        await using (var server = await ServerProcess.StartProgramAsync(ServerProcess.ServerDll, database, log,
            ["--data", database, "--web-port", "0", "--clock-rate", "0"], workingDirectory: directory.FullName))
        {
            using var channel = GrpcChannel.ForAddress(server.Address);
            var gateway = new ProviderGatewayClient(channel, new GatewayOptions { Address = server.Address });
            for (var i = 0; i < 5; i++)
            {
                await gateway.PingAsync();
            }
            await gateway.SubmitAsync(new SampleFilings().Individual());
        }

        var text = log.ToString();
        Assert.False(File.Exists(Path.Combine(directory.FullName, "appsettings.json")));
        // The server's own information still shows; ASP.NET Core's and grpc-dotnet's line per request does not.
        Assert.Contains("IcpRegulatorSim", text);
        Assert.DoesNotContain("Request starting", text);
        Assert.DoesNotContain("Grpc.AspNetCore", text);
    }

    [Fact]
    public async Task Json_logs_carry_the_request_id_and_never_a_code_or_a_password()
    {
        var log = new StringWriter();
        var secrets = new List<string>();
        await using (var server = await ServerProcess.StartAsync(Path.Combine(directory.FullName, "logs.db"), log,
            "--log-format", "json", "--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft.AspNetCore=Trace", "--Logging:LogLevel:Grpc=Trace"))
        {
            using var channel = GrpcChannel.ForAddress(server.Address);
            var gateway = new ProviderGatewayClient(channel, new GatewayOptions { Address = server.Address });
            var filing = new SampleFilings().Individual();
            var leader = filing.Subject.Leader;
            var order = (await gateway.SubmitAsync(filing)).Order;
            await gateway.AdvanceClockAsync(TimeSpan.FromMinutes(5));
            var code = await gateway.LatestCodeAsync(leader.Mobile);
            await gateway.ValidateCodeAsync(leader.Mobile, leader.CertificateNumber[^6..], Phone.WrongCode(code));
            await gateway.ValidateCodeAsync(leader.Mobile, leader.CertificateNumber[^6..], code);
            var approved = await gateway.ApproveAsync(order.OrderId);
            await gateway.RetrievePasswordAsync(approved.SubjectNumber, leader.CertificateNumber);
            var bodies = (await gateway.InboxAsync(leader.Mobile)).Select(m => m.Body).ToList();
            secrets.Add(code);
            secrets.Add(Phone.WrongCode(code));
            secrets.AddRange(bodies.Select(b => Password().Match(b)).Where(m => m.Success).Select(m => m.Groups[1].Value));
            Assert.Equal(2, secrets.Count - 2);
        }

        var lines = log.ToString().Split('\n').Where(l => l.StartsWith(Prefix, StringComparison.Ordinal)).Select(l => l[Prefix.Length..].TrimEnd('\r')).ToList();
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // What requests cause: ASP.NET Core's "Request starting/finished" lines, and what grpc-dotnet says while it handles a call.
        var requests = entries.Where(e => e.GetProperty("Category").GetString() is { } category
            && ((category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.GetProperty("EventId").GetInt32() is 1 or 2)
                || category.StartsWith("Grpc.AspNetCore.Server.ServerCallHandler", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(requests);
        Assert.All(requests, e => Assert.Contains(e.GetProperty("Scopes").EnumerateArray(), s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("RequestId", out _)));
        var text = string.Join("\n", lines);
        foreach (var secret in secrets)
        {
            Assert.DoesNotMatch($"(?<![0-9A-Za-z.]){Regex.Escape(secret)}(?![0-9A-Za-z])", text);
        }
    }

    [GeneratedRegex("(?:ICP备案密码：|重置为：)([A-Za-z0-9]{10})")]
    private static partial Regex Password();
}
