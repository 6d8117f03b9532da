using System.Diagnostics;
using System.Text.RegularExpressions;

namespace IcpRegulatorSim.Server.Web;

/// <summary>
/// Loads the applicant's pages once, through the server's own pages port, in the background after the server's first
/// answer (the <c>WarmPages</c> setting). A page's first render loads and compiles what no gRPC call needed (the Razor
/// components, the renderer, form mapping, the anti-forgery tokens, the route matcher): a few hundred milliseconds of
/// CPU, which a class of trainees arriving together would otherwise pay in its first round, each waiting on the others.
/// It changes nothing: the validation form is posted without a code, which the page refuses before any desk call.
/// </summary>
public sealed partial class PageWarmer(WebListener web, IHostApplicationLifetime lifetime, ILogger<PageWarmer> logger)
{
    /// <summary>The pages a trainee opens, each loaded once; the validation page is loaded again, then posted.</summary>
    private static readonly string[] Pages = ["/", "/sms/resend", "/password", "/query?by=domain&q=example.cn", "/query"];

    private const string ValidationPage = "/sms/validate?mobile=13800000000";

    private int started;

    /// <summary>Starts the warm-up, once: the calls after the first find it started.</summary>
    public void Start()
    {
        if (Volatile.Read(ref started) == 0 && Interlocked.Exchange(ref started, 1) == 0 && web.Address is { } address)
        {
            _ = Task.Run(() => WarmAsync(address, lifetime.ApplicationStopping));
        }
    }

    private async Task WarmAsync(Uri address, CancellationToken stopping)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            // Cookies kept, as a browser keeps them: the post's anti-forgery cookie is the one its page set.
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = address };
            var page = await GetAsync(http, ValidationPage, stopping);
            var token = Token().Match(page) is { Success: true } t ? t.Groups[1].Value
                : throw new InvalidOperationException("the validation page carries no anti-forgery token");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "validate",
                ["__RequestVerificationToken"] = token,
                ["Form.Mobile"] = "13800000000",
                ["Form.CertificateSuffix"] = "",
                ["Form.Code"] = "",
            });
            using (var posted = await http.PostAsync(ValidationPage, form, stopping))
            {
                posted.EnsureSuccessStatusCode();
            }
            foreach (var path in Pages)
            {
                await GetAsync(http, path, stopping);
            }
            Warmed(logger, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The server is stopping: the pages will not be needed.
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            // Only the first render is slower for it: the pages themselves answer as they would have.
            NotWarmed(logger, e.Message);
        }
    }

    private static async Task<string> GetAsync(HttpClient http, string path, CancellationToken stopping)
    {
        using var response = await http.GetAsync(path, stopping);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(stopping);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [LoggerMessage(1, LogLevel.Debug, "The pages were warmed in {ElapsedMs:0} ms")]
    private static partial void Warmed(ILogger logger, double elapsedMs);

    [LoggerMessage(2, LogLevel.Warning, "The pages could not be warmed: {Reason}")]
    private static partial void NotWarmed(ILogger logger, string reason);
}
