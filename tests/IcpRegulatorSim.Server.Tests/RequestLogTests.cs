using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// The request log names a request's route, never the values in its path, query or body: with every category at its
/// most talkative, a mobile, a certificate number or an email sent over HTTP/JSON appears in no line and no scope.
/// </summary>
public sealed class RequestLogTests : IDisposable
{
    private const string Prefix = "  server: ";
    private const string Mobile = "13912345678";
    private const string Certificate = "110101199003071234";
    private const string Email = "someone@example.cn";

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("icp-request-log-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task Requests_are_logged_by_route_without_the_mobiles_certificates_and_emails_they_carry()
    {
        var log = new StringWriter();
        await using (var server = await ServerProcess.StartAsync(Path.Combine(directory.FullName, "log.db"), log,
            "--log-format", "json", "--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft=Trace",
            "--Logging:LogLevel:Microsoft.AspNetCore=Trace", "--Logging:LogLevel:Grpc=Trace",
            "--Logging:LogLevel:IcpRegulatorSim.Server.Hosting.RequestLog=Information"))
        {
            // The JSON routes over HTTP/2 on the gRPC port: the same pipeline as the web port's.
            using var http = new HttpClient { BaseAddress = server.Address };
            await Call(http, HttpMethod.Get, $"/v1/messages?recipient={Mobile}");
            await Call(http, HttpMethod.Get, $"/v1/messages?recipient={Uri.EscapeDataString(Email)}");
            await Call(http, HttpMethod.Post, $"/v1/phone/{Mobile}:answerCall", "{}");
            await Call(http, HttpMethod.Post, "/v1/sms:validate", $$"""{"mobile":"{{Mobile}}","certificateSuffix":"{{Certificate[^6..]}}","code":"123456"}""");
            await Call(http, HttpMethod.Post, "/v1/passwords:retrieve", $$"""{"subjectNumber":"京ICP备2026000001号","leaderCertificateNumber":"{{Certificate}}"}""");
            // Refused before the transcoder: a field it does not have, and a malformed body.
            await Call(http, HttpMethod.Post, "/v1/sms:validate", $$"""{"mobil":"{{Mobile}}"}""");
            await Call(http, HttpMethod.Post, "/v1/sms:validate", $$"""{"mobile":{{Mobile}}""");
            await Call(http, HttpMethod.Get, $"/v1/public/filings?domain={Mobile}.cn");
            // The console writes its lines behind the calls: the last call's line is there before the process is stopped.
            await CapturedLog.UntilAsync(log, "GET /v1/public/filings answered");
        }

        var lines = CapturedLog.Text(log).Split('\n').Where(l => l.StartsWith(Prefix, StringComparison.Ordinal)).Select(l => l[Prefix.Length..].TrimEnd('\r')).ToList();
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var routes = entries.Where(e => e.GetProperty("Category").GetString() == "IcpRegulatorSim.Server.Hosting.RequestLog")
            .Select(e => e.GetProperty("Message").GetString()!).ToList();
        Assert.Contains(routes, r => r.StartsWith("GET /v1/messages answered 200", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.StartsWith("POST /v1/phone/{mobile}:answerCall answered 400", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.StartsWith("POST /v1/sms:validate answered 400", StringComparison.Ordinal));
        // Every line a request causes carries its id and route, ASP.NET Core's own included.
        Assert.Contains(entries, e => e.GetProperty("Category").GetString()!.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal)
            && e.GetProperty("Scopes").EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object
                && s.TryGetProperty("RequestRoute", out var route) && route.GetString() == "/v1/phone/{mobile}:answerCall"));
        var text = string.Join("\n", lines);
        Assert.DoesNotContain(Mobile, text);
        Assert.DoesNotContain(Certificate, text);
        Assert.DoesNotContain(Email, text);
        Assert.DoesNotContain(Uri.EscapeDataString(Email), text);
    }

    private static async Task Call(HttpClient http, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox-admin-key");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request);
        // Answered by the route (a refusal included): the JSON form of a reply or of google.rpc.Status.
        Assert.True((int)response.StatusCode < 500, $"{method} {path}: {(int)response.StatusCode}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
