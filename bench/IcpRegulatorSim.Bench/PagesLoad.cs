using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.ProviderGateway.Load;

namespace IcpRegulatorSim.Bench;

/// <summary>One kind of page request of the pages row: how many a second (not for a half of the pair), and how long each took.</summary>
public sealed record PageFigure(string Name, long Requests, double? Throughput, LatencyMillis Latency);

/// <summary>
/// The pages row's figures: the pair (the validation page loaded, then a code posted on it), each half of it, the pairs
/// after the first round, and the public query page; <see cref="FirstRound"/> is the slowest pair of the first round,
/// in which every trainee's pages are the server's first. The CPU each pair and each query page cost, in milliseconds:
/// the server's, and the bench's own (the trainees' HTTP clients), which shares the machine.
/// </summary>
public sealed record PagesResult(
    int Trainees, int Rounds, PageFigure Pair, PageFigure Get, PageFigure Post, PageFigure Later, PageFigure Query, double FirstRound,
    double ServerCpuPerPair, double ClientCpuPerPair, double ServerCpuPerQuery, double ClientCpuPerQuery);

/// <summary>
/// A class of trainees on the web pages, as browsers would be: each on a keep-alive HTTP/1.1 connection of its own
/// with its own cookies, loading the validation page, then posting a wrong code with the anti-forgery token that page
/// gave it, round after round; then each loading the public query page for seeded filings. A wrong code is a real desk
/// call (the writer records the failure on the order), and every trainee's code goes to a person of their own, so
/// that nobody reaches the fifth wrong code that would reject an order.
/// </summary>
public static partial class PagesLoad
{
    public const int Trainees = 30;
    public const int Rounds = 20;

    /// <summary>
    /// Prepares <see cref="Trainees"/> × <see cref="Rounds"/> people with a code pending (orders of filings from
    /// <paramref name="seed"/>, their codes sent), then runs the class against <paramref name="web"/>; the query page
    /// looks up domains of the <paramref name="queryPool"/> filings seeded with <paramref name="querySeed"/>.
    /// </summary>
    public static async Task<PagesResult> RunAsync(
        ProviderGatewayClient admin, Uri web, Func<TimeSpan> serverCpu, int seed, int querySeed, int queryPool, TextWriter log)
    {
        var people = await PrepareAsync(admin, seed, Trainees * Rounds, log);
        var handlers = Enumerable.Range(0, Trainees).Select(_ => new SocketsHttpHandler
        {
            // One connection a trainee, kept open between requests, as a browser keeps its own.
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
        }).ToList();
        var clients = handlers.Select(h => new HttpClient(h) { BaseAddress = web, Timeout = TimeSpan.FromMinutes(2) }).ToList();
        try
        {
            var pairs = new long[Trainees * Rounds];
            var gets = new long[Trainees * Rounds];
            var posts = new long[Trainees * Rounds];
            log.WriteLine($"pages: {Trainees} trainees, {Rounds} rounds each: the validation page, then a wrong code");
            var cpu = Cpu(serverCpu);
            var pairTime = await ClassAsync(async (trainee, round) =>
            {
                var i = (round * Trainees) + trainee;
                var (mobile, suffix, code) = people[(trainee * Rounds) + round];
                var start = Stopwatch.GetTimestamp();
                var page = await GetAsync(clients[trainee], $"/sms/validate?mobile={mobile}");
                var token = Token().Match(page) is { Success: true } t ? t.Groups[1].Value
                    : throw new InvalidOperationException("The validation page carries no anti-forgery token.");
                var got = Stopwatch.GetTimestamp();
                var answer = await PostAsync(clients[trainee], $"/sms/validate?mobile={mobile}", new Dictionary<string, string>
                {
                    ["_handler"] = "validate",
                    ["__RequestVerificationToken"] = token,
                    ["Form.Mobile"] = mobile,
                    ["Form.CertificateSuffix"] = suffix,
                    ["Form.Code"] = Wrong(code),
                });
                var end = Stopwatch.GetTimestamp();
                if (!answer.Contains("data-outcome=\"FAILED\"", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"A wrong code for {mobile} was not answered FAILED:{Environment.NewLine}{answer}");
                }
                (pairs[i], gets[i], posts[i]) = (end - start, got - start, end - got);
            });
            var pairCpu = Cpu(serverCpu);
            var queries = new long[Trainees * Rounds];
            log.WriteLine($"pages: {Trainees} trainees, {Rounds} rounds each: the public query page by domain");
            var queryTime = await ClassAsync(async (trainee, round) =>
            {
                var i = (round * Trainees) + trainee;
                var domain = SampleFilings.CompanyDomain(querySeed, ((long)i * 7919) % queryPool);
                var start = Stopwatch.GetTimestamp();
                var page = await GetAsync(clients[trainee], $"/query?by=domain&q={domain}");
                queries[i] = Stopwatch.GetTimestamp() - start;
                if (!page.Contains("data-results=\"1\"", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"The query page found no filing for {domain}.");
                }
            });
            var queryCpu = Cpu(serverCpu);
            const double count = Trainees * Rounds;
            return new PagesResult(Trainees, Rounds,
                Figure("pages", pairs, pairTime), Figure("pages-get", gets, null), Figure("pages-post", posts, null),
                Figure("pages-2nd+", pairs[Trainees..], null),
                Figure("query-page", queries, queryTime), Millis(pairs.Take(Trainees).Max()),
                PerRequest(pairCpu.Server - cpu.Server, count), PerRequest(pairCpu.Client - cpu.Client, count),
                PerRequest(queryCpu.Server - pairCpu.Server, count), PerRequest(queryCpu.Client - pairCpu.Client, count));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Every trainee's rounds, one after the other, all trainees at once; the time the whole class took.</summary>
    private static async Task<TimeSpan> ClassAsync(Func<int, int, Task> round)
    {
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Trainees).Select(async trainee =>
        {
            for (var r = 0; r < Rounds; r++)
            {
                await round(trainee, r);
            }
        }));
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>
    /// Submits an order for each two people (its leader and its website's administrator), moves the clock until their
    /// codes are sent, and reads the codes from the outbox.
    /// </summary>
    private static async Task<List<(string Mobile, string Suffix, string Code)>> PrepareAsync(ProviderGatewayClient admin, int seed, int count, TextWriter log)
    {
        var samples = new SampleFilings(seed);
        var filings = Enumerable.Range(0, (count + 1) / 2).Select(_ => samples.Company()).ToList();
        log.WriteLine($"pages: preparing {filings.Count:N0} orders awaiting validation");
        var orders = new string[filings.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, filings.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            orders[i] = (await admin.SubmitAsync(new SubmitFilingRequest { Filing = filings[i] }, ct)).Order.OrderId);
        var rules = await admin.GetRulesAsync();
        var now = (await admin.GetClockAsync()).Now.ToDateTimeOffset();
        await admin.AdvanceClockToAsync(now + rules.SmsSyncDelay.ToTimeSpan() + rules.SmsSendDelay.ToTimeSpan());
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            foreach (var m in (await admin.ListMessagesAsync(orderId: order)).Messages)
            {
                if (m.VerificationCode() is { } code)
                {
                    codes[m.Recipient] = code;
                }
            }
        }
        var people = filings.SelectMany(f => new[] { f.Subject.Leader, f.Services[0].Administrator })
            .Select(p => (p.Mobile, p.Suffix(), codes.TryGetValue(p.Mobile, out var code) ? code
                : throw new InvalidOperationException($"No code was sent to {p.Mobile}.")))
            .Take(count)
            .ToList();
        return people;
    }

    private static (TimeSpan Server, TimeSpan Client) Cpu(Func<TimeSpan> server) => (server(), Process.GetCurrentProcess().TotalProcessorTime);

    private static double PerRequest(TimeSpan cpu, double requests) => Math.Round(cpu.TotalMilliseconds / requests, 2);

    /// <summary>A code that is not the one sent: its last digit moved on by one.</summary>
    private static string Wrong(string code) => code[..^1] + (char)('0' + ((code[^1] - '0' + 1) % 10));

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK
            ? await response.Content.ReadAsStringAsync()
            : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
    }

    private static async Task<string> PostAsync(HttpClient client, string path, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync(path, content);
        return response.StatusCode == HttpStatusCode.OK
            ? await response.Content.ReadAsStringAsync()
            : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}.");
    }

    private static PageFigure Figure(string name, long[] ticks, TimeSpan? elapsed)
    {
        var sorted = ticks.Order().ToArray();
        double At(double percentile) => Millis(sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)]);
        return new PageFigure(name, sorted.Length, elapsed is { } e ? Math.Round(sorted.Length / e.TotalSeconds, 1) : null,
            new LatencyMillis(At(50), At(90), At(99), At(99.9), Millis(sorted[^1])));
    }

    private static double Millis(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 2);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
