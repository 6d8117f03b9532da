using System.Text.Json;
using Dapper;
using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.ProviderGateway.Load;
using IcpRegulatorSim.Testing;
using Microsoft.Data.Sqlite;

namespace IcpRegulatorSim.Bench;

/// <summary>
/// One bench run on this machine: the server in Release on a temporary database, and a bare gRPC server beside it; then
/// ping (the baseline: same stack, no work), the bare server's ping, submit, validate, query over a million seeded
/// filings, the same three with h2load when it is installed, and ping and bare again, each reported as a ratio to the
/// faster ping, and ping as a ratio to the bare server; the server's peak memory; the largest the WAL grew between two
/// checkpoints; the database's bytes per filing.
/// </summary>
public static class Bench
{
    private const int Seed = 11;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var repository = Repository.Root;
        var directory = Directory.CreateTempSubdirectory("icp-bench-").FullName;
        try
        {
            return await RunAsync(options, repository, directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<int> RunAsync(BenchOptions options, string repository, string directory)
    {
        await using var server = await ServerProcess.StartAsync(Path.Combine(directory, "bench.db"), Console.Error);
        await using var bareServer = await ServerProcess.StartProgramAsync(typeof(BareServer).Assembly.Location, "", Console.Error, [BareServer.Flag]);
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var bareChannel = GrpcChannel.ForAddress(bareServer.Address);
        var workloads = new Workloads([Client(channel, server.Address)], Console.Out);
        var bareWorkloads = new Workloads([Client(bareChannel, bareServer.Address)], Console.Out);
        var plan = new LoadPlan(options.Concurrency, null, options.Warmup, options.Duration);
        var reports = new List<LoadReport>();
        using var sampling = new CancellationTokenSource();
        var walPeak = WalPeakAsync(server.Database + "-wal", sampling.Token);

        async Task<LoadReport> Run(string name, WorkloadOptions workload, string? label = null, Workloads? on = null)
        {
            var operation = await (on ?? workloads).PrepareAsync(name, workload, CancellationToken.None);
            var console = new LoadConsole(Console.Out, interactive: false);
            var result = await console.RunAsync($"{label ?? name}: {plan.Mode}", progress => new LoadRunner(TimeProvider.System).RunAsync(plan, operation, progress));
            var report = LoadReport.Of(label ?? name, plan, 1, result);
            console.Report(report);
            reports.Add(report);
            return report;
        }

        var ping = await Run("ping", new WorkloadOptions(Seed));
        var bare = await Run("ping", new WorkloadOptions(Seed), "bare", bareWorkloads);
        var submit = await Run("submit", new WorkloadOptions(Seed));
        // Enough codes for validate to run at about twice the submit rate for the whole run.
        var prepare = (int)Math.Clamp(submit.Throughput * (options.Warmup + options.Duration).TotalSeconds * 1.5, 10_000, 400_000);
        await Run("validate", new WorkloadOptions(Seed, Prepare: prepare));
        Console.WriteLine($"seeding {options.Filings:N0} filings for the query workload");
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        var (seeded, _) = await workloads.SeedAsync(Seed, options.Filings, 2000, 2, CancellationToken.None);
        Console.WriteLine($"seeded {seeded:N0} filings in {seeding.Elapsed.TotalSeconds:0} s");
        await Run("query", new WorkloadOptions(Seed, QueryPool: options.Filings));
        var h2load = await H2LoadAsync(options, server.Address, bareServer.Address);
        // Ping again at the end: a first ping on a server just started, or a machine that was busy for a while, would
        // make every ratio look better than it is. The faster of the two is the baseline; the same for the bare server.
        var pingAtEnd = await Run("ping", new WorkloadOptions(Seed), "ping-end");
        var bareAtEnd = await Run("ping", new WorkloadOptions(Seed), "bare-end", bareWorkloads);
        var baseline = Math.Max(ping.Throughput, pingAtEnd.Throughput);
        var bareBaseline = Math.Max(bare.Throughput, bareAtEnd.Throughput);

        var peak = server.PeakResidentBytes();
        await sampling.CancelAsync();
        var walPeakBytes = await walPeak;
        await server.KillAsync();
        var (bytes, orders, subjects) = MeasureDatabase(server.Database);
        var result = new BenchResult(
            TimeProvider.System.GetUtcNow(), Environment.ProcessorCount, options.Concurrency, options.Warmup.TotalSeconds, options.Duration.TotalSeconds,
            reports, reports.ToDictionary(r => r.Workload, r => Math.Round(r.Throughput / baseline, 3)),
            Math.Round(baseline / bareBaseline, 3), h2load,
            peak, walPeakBytes, bytes, orders, subjects, Math.Round((double)bytes / Math.Max(1, orders + subjects), 1));
        Print(result, submit);
        var output = Path.Combine(repository, options.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(result, Json));
        Console.WriteLine($"written: {options.Output}");
        return reports.Any(r => r.Errors.Count > 0) ? 1 : 0;
    }

    private static ProviderGatewayClient Client(GrpcChannel channel, Uri address) =>
        new(channel, new GatewayOptions { Address = address, MaxAttempts = 1, CallTimeout = TimeSpan.FromMinutes(2) });

    /// <summary>
    /// The bare server, ping and query with h2load, when it is installed (none otherwise): two rounds, alternating, and
    /// the better figure of each, as for the gateway's two pings, so that a slow moment of the machine does not decide.
    /// </summary>
    private static async Task<IReadOnlyList<H2LoadFigure>> H2LoadAsync(BenchOptions options, Uri server, Uri bare)
    {
        if (H2Load.Path is null)
        {
            Console.WriteLine("h2load is not installed (Debian: nghttp2-client): the figures are the gateway client's only");
            return [];
        }
        const string ping = "/icp.regulator.v1.SandboxService/Ping";
        var figures = new List<H2LoadFigure>();
        for (var round = 0; round < 2; round++)
        {
            figures.Add(await H2Load.MeasureAsync("bare", bare, ping, new PingRequest(), PingResponse.Parser, _ => true, options, options.Concurrency));
            figures.Add(await H2Load.MeasureAsync("ping", server, ping, new PingRequest(), PingResponse.Parser, _ => true, options, options.Concurrency));
            figures.Add(await H2Load.MeasureAsync("query", server, "/icp.regulator.v1.PublicQueryService/QueryByDomain",
                new QueryByDomainRequest { Domain = SampleFilings.CompanyDomain(Seed + 2, 0) }, PublicQueryResponse.Parser,
                reply => reply.Filings.Count == 1, options, options.Concurrency));
        }
        return figures.GroupBy(f => f.Name).Select(g => g.MaxBy(f => f.Throughput)!).ToList();
    }

    /// <summary>
    /// The largest the WAL file gets, looked at ten times a second until <paramref name="stop"/>. The checkpointer lets
    /// it start over once it holds 16 MiB; how far past that it grows first depends on how fast the writer fills it
    /// while a checkpoint catches up, which is a figure for the bench, not a bound for a test.
    /// </summary>
    private static async Task<long> WalPeakAsync(string wal, CancellationToken stop)
    {
        long peak = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                peak = Math.Max(peak, File.Exists(wal) ? new FileInfo(wal).Length : 0);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over: the peak so far is the answer.
        }
        return peak;
    }

    /// <summary>The database after the kill: every committed page folded into the file, then its size and what it holds.</summary>
    private static (long Bytes, long Orders, long Subjects) MeasureDatabase(string path)
    {
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
            var orders = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM orders");
            var subjects = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM subjects");
            SqliteConnection.ClearAllPools();
            return (new FileInfo(path).Length, orders, subjects);
        }
    }

    private static void Print(BenchResult result, LoadReport submit)
    {
        Console.WriteLine();
        Console.WriteLine($"{"workload",-10} {"throughput",14} {"vs ping",8} {"p50",10} {"p99",10} {"errors",8}");
        foreach (var r in result.Workloads)
        {
            Console.WriteLine($"{r.Workload,-10} {r.Throughput,12:N0}/s {result.RatiosToPing[r.Workload],8:P1} {r.Latency.P50,7:0.00} ms {r.Latency.P99,7:0.00} ms {r.Errors.Values.Sum(),8:N0}");
        }
        Console.WriteLine($"server peak RSS {result.PeakRssBytes / 1048576.0:N0} MiB; WAL peak {result.WalPeakBytes / 1048576.0:N0} MiB; "
            + $"database {result.DatabaseBytes / 1048576.0:N0} MiB for "
            + $"{result.Orders:N0} orders and {result.Subjects:N0} filed subjects: {result.BytesPerFiling / 1024:0.00} KiB per filing");
        Console.WriteLine("vs ping: against the faster of ping (first) and ping-end (last); bare: the bare server (Kestrel and gRPC, no work)");
        var h2 = result.H2Load.ToDictionary(f => f.Name, f => f.Throughput);
        if (h2.Count > 0)
        {
            Console.WriteLine($"h2load, one connection, {result.Concurrency} streams: bare {h2["bare"]:N0}/s, ping {h2["ping"]:N0}/s ({h2["ping"] / h2["bare"]:P1} of bare), "
                + $"query {h2["query"]:N0}/s ({h2["query"] / h2["ping"]:P1} of ping)");
        }
        Console.WriteLine("targets (2 cores, client and server together, c=64):");
        Target("ping >= 85 % of the bare server (gateway client)", result.PingToBare >= 0.85, $"{result.PingToBare:P1}");
        if (h2.Count > 0)
        {
            Target("ping >= 85 % of the bare server (h2load)", h2["ping"] / h2["bare"] >= 0.85, $"{h2["ping"] / h2["bare"]:P1}");
        }
        Target("submit >= 40 % of ping", result.RatiosToPing["submit"] >= 0.40, $"{result.RatiosToPing["submit"]:P1}");
        Target("submit p99 <= 25 ms", submit.Latency.P99 <= 25, $"{submit.Latency.P99:0.0} ms");
        Target("validate >= 50 % of ping", result.RatiosToPing["validate"] >= 0.50, $"{result.RatiosToPing["validate"]:P1}");
        Target($"query >= 60 % of ping with {result.Subjects:N0} filings", result.RatiosToPing["query"] >= 0.60, $"{result.RatiosToPing["query"]:P1}");
        Target("server RSS <= 512 MiB", result.PeakRssBytes <= 512L * 1048576, $"{result.PeakRssBytes / 1048576.0:N0} MiB");
        Target("database <= 4 KiB per filing", result.BytesPerFiling <= 4096, $"{result.BytesPerFiling / 1024:0.00} KiB");
    }

    private static void Target(string name, bool met, string value) => Console.WriteLine($"  {(met ? "met    " : "missed ")} {name}: {value}");

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}

public sealed record BenchResult(
    DateTimeOffset At,
    int Cores,
    int Concurrency,
    double WarmupSeconds,
    double DurationSeconds,
    IReadOnlyList<LoadReport> Workloads,
    IReadOnlyDictionary<string, double> RatiosToPing,
    double PingToBare,
    IReadOnlyList<H2LoadFigure> H2Load,
    long PeakRssBytes,
    long WalPeakBytes,
    long DatabaseBytes,
    long Orders,
    long Subjects,
    double BytesPerFiling);
