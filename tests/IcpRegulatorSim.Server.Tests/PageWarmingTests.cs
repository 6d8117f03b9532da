using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// <c>--warm-pages true</c>: after its first answer the server loads the applicant's pages and posts the validation
/// form itself, so that a class's first round does not pay for their first render; and it changes nothing in doing so.
/// </summary>
public sealed class PageWarmingTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("icp-page-warming-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public async Task After_its_first_answer_the_server_loads_and_posts_its_pages_itself()
    {
        var log = new StringWriter();
        // The only request this test makes is the ping that the start waits for.
        await using (var server = await ServerProcess.StartAsync(Path.Combine(directory.FullName, "warm.db"), log, "--warm-pages", "true",
            "--Logging:LogLevel:IcpRegulatorSim.Server.Hosting.RequestLog=Information",
            "--Logging:LogLevel:IcpRegulatorSim.Server.Web.PageWarmer=Debug"))
        {
            await CapturedLog.UntilAsync(log, "The pages were warmed in");
            var text = CapturedLog.Text(log);
            Assert.Contains("GET /sms/validate answered 200", text);
            // The form posted with its token and cookie (a refused token would answer 400), refused for its missing code.
            Assert.Contains("POST /sms/validate answered 200", text);
            Assert.Contains("GET /query answered 200", text);
            Assert.Contains("GET /sms/resend answered 200", text);
            Assert.Contains("GET /password answered 200", text);
            Assert.DoesNotContain("could not be warmed", text);

            // Nothing was validated: the form never reached the desk.
            using var http = new HttpClient { BaseAddress = server.WebAddress };
            var metrics = await http.GetStringAsync("/metrics");
            Assert.DoesNotContain("icp_sms_validations_total{", metrics);
        }
    }
}
