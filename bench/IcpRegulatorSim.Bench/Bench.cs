using System.Text.Json;
using Grpc.Net.Client;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.ProviderGateway.Load;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.Bench;

/// <summary>
/// One bench run on this machine: the server in Release on a temporary database — a SQLite file, or a throwaway
/// PostgreSQL that one or more server nodes share — and a bare gRPC server beside it; then ping (the baseline: same
/// stack, no work), the bare server's ping, submit, validate, query over a million seeded filings, each spread over the
/// nodes, one connection each; the same three with h2load when it is installed, on the first node; and ping and bare
/// again, each reported as a ratio to the faster ping, and ping as a ratio to the bare server; the pages row (a class of
/// trainees on the first node's pages, see <see cref="PagesLoad"/>); the nodes' peak memory; on SQLite the largest the
/// WAL grew between two checkpoints; the database's bytes per filing. On SQLite it begins with the start-up row
/// (<see cref="StartupBench"/>). <c>--only pages</c> and <c>--only startup</c> run one of those rows alone.
/// </summary>
public static class Bench
{
    private const int Seed = 11;

    /// <summary>The seed of the orders whose codes the pages row's trainees type: after those of submit, validate and query.</summary>
    private const int PagesSeed = Seed + 4;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        if (options.Only == BenchOptions.PagesRow)
        {
            return await RunPagesAsync(options);
        }
        if (options.Only == BenchOptions.StartupRow)
        {
            return await StartupOnlyAsync(options);
        }
        var timer = System.Diagnostics.Stopwatch.StartNew();
        // Before anything else of the run is started: a start measured beside a loaded server would be the load's figure.
        var startup = options.Store == BenchStoreKind.Sqlite && options.Only is null ? await StartupBench.MeasureAsync(options.Starts, Console.Out) : null;
        await using var store = await BenchStore.StartAsync(options.Store);
        await using var nodes = await BenchNodes.StartAsync(store.Data, options.Nodes);
        await using var bareServer = await ServerProcess.StartProgramAsync(typeof(BareServer).Assembly.Location, "", Console.Error, [BareServer.Flag]);
        using var bareChannel = GrpcChannel.ForAddress(bareServer.Address);
        var workloads = new Workloads(nodes.Clients, Console.Out);
        var bareWorkloads = new Workloads([Client(bareChannel, bareServer.Address)], Console.Out);
        var plan = new LoadPlan(options.Concurrency, null, options.Warmup, options.Duration);
        var reports = new List<LoadReport>();
        Console.WriteLine($"writes per call: {options.WriteOrders:N0} orders, a call at a time");
        var writes = await WritesPerCall.MeasureAsync(nodes.Clients[0], nodes.WebAddresses[0], store, options.WriteOrders);
        WritesPerCall.Print(writes, store);
        if (options.Only == BenchOptions.WritesRow)
        {
            return 0;
        }
        store.StartSampling();

        async Task<LoadReport> Run(string name, WorkloadOptions workload, string? label = null, Workloads? on = null)
        {
            var operation = await (on ?? workloads).PrepareAsync(name, workload, CancellationToken.None);
            var console = new LoadConsole(Console.Out, interactive: false);
            var result = await console.RunAsync($"{label ?? name}: {plan.Mode}", progress => new LoadRunner(TimeProvider.System).RunAsync(plan, operation, progress));
            var report = LoadReport.Of(label ?? name, plan, on is null ? nodes.Count : 1, result);
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
        var seedSeconds = Math.Round(seeding.Elapsed.TotalSeconds, 1);
        Console.WriteLine($"seeded {seeded:N0} filings in {seedSeconds:0} s");
        await Run("query", new WorkloadOptions(Seed, QueryPool: options.Filings));
        var pages = await PagesLoad.RunAsync(nodes.Clients[0], nodes.FirstWeb, nodes.FirstCpuTime, PagesSeed, Seed + 2, options.Filings, Console.Out);
        var h2load = await H2LoadAsync(options, nodes.First, bareServer.Address);
        // Ping again at the end: a first ping on a server just started, or a machine that was busy for a while, would
        // make every ratio look better than it is. The faster of the two is the baseline; the same for the bare server.
        var pingAtEnd = await Run("ping", new WorkloadOptions(Seed), "ping-end");
        var bareAtEnd = await Run("ping", new WorkloadOptions(Seed), "bare-end", bareWorkloads);
        var baseline = Math.Max(ping.Throughput, pingAtEnd.Throughput);
        var bareBaseline = Math.Max(bare.Throughput, bareAtEnd.Throughput);

        var peak = nodes.PeakResidentBytes();
        var walPeakBytes = await store.StopSamplingAsync();
        await nodes.KillAsync();
        var size = await store.MeasureAsync();
        var result = new BenchResult(
            TimeProvider.System.GetUtcNow(), Environment.ProcessorCount, options.Store.ToString().ToLowerInvariant(), nodes.Count,
            options.Concurrency, options.Warmup.TotalSeconds, options.Duration.TotalSeconds,
            reports, reports.ToDictionary(r => r.Workload, r => Math.Round(r.Throughput / baseline, 3)),
            Math.Round(baseline / bareBaseline, 3), h2load,
            peak, walPeakBytes, size.Bytes, size.Orders, size.Subjects, Math.Round((double)size.Bytes / Math.Max(1, size.Orders + size.Subjects), 1),
            seedSeconds, Math.Round(timer.Elapsed.TotalSeconds, 1), pages, startup, writes);
        Print(result, submit, store);
        WritesPerCall.Print(writes, store);
        var output = Path.Combine(Repository.Root, options.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(result, Json));
        Console.WriteLine($"written: {options.Output}");
        return reports.Any(r => r.Errors.Count > 0) ? 1 : 0;
    }

    /// <summary>
    /// The pages row alone: a node on a new database, <see cref="BenchOptions.Filings"/> filings seeded for the query page,
    /// then the class; its figures go to the result file.
    /// </summary>
    private static async Task<int> RunPagesAsync(BenchOptions options)
    {
        await using var store = await BenchStore.StartAsync(options.Store);
        await using var nodes = await BenchNodes.StartAsync(store.Data, options.Nodes);
        var workloads = new Workloads(nodes.Clients, Console.Out);
        Console.WriteLine($"seeding {options.Filings:N0} filings for the query page");
        var (seeded, _) = await workloads.SeedAsync(Seed, options.Filings, 2000, 2, CancellationToken.None);
        var pages = await PagesLoad.RunAsync(nodes.Clients[0], nodes.FirstWeb, nodes.FirstCpuTime, PagesSeed, Seed + 2, options.Filings, Console.Out);
        Console.WriteLine();
        Console.WriteLine($"{store.Name}, pages of the first node, {seeded:N0} filings");
        PrintPages(pages);
        Console.WriteLine("targets (2 cores, client and server together):");
        PagesTargets(pages);
        var output = Path.Combine(Repository.Root, options.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(pages, Json));
        Console.WriteLine($"written: {options.Output}");
        return 0;
    }

    internal static ProviderGatewayClient Client(GrpcChannel channel, Uri address) =>
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

    private static void Print(BenchResult result, LoadReport submit, BenchStore store)
    {
        var postgres = store is PostgresBenchStore;
        var nodes = result.Nodes == 1 ? "1 node" : $"{result.Nodes} nodes";
        Console.WriteLine();
        Console.WriteLine($"{store.Name}, {nodes}");
        Console.WriteLine($"{"workload",-10} {"throughput",14} {"vs ping",8} {"p50",10} {"p99",10} {"errors",8}");
        foreach (var r in result.Workloads)
        {
            Console.WriteLine($"{r.Workload,-10} {r.Throughput,12:N0}/s {result.RatiosToPing[r.Workload],8:P1} {r.Latency.P50,7:0.00} ms {r.Latency.P99,7:0.00} ms {r.Errors.Values.Sum(),8:N0}");
        }
        var database = $"{result.Orders:N0} orders and {result.Subjects:N0} filed subjects: {result.BytesPerFiling / 1024:0.00} KiB per filing";
        PrintPages(result.Pages);
        Console.WriteLine(postgres
            ? $"node peak RSS {result.PeakRssBytes / 1048576.0:N0} MiB ({(result.Nodes > 1 ? $"per node: the largest of the {nodes}" : "the one node")}; PostgreSQL's own memory not included); "
                + $"database {result.DatabaseBytes / 1048576.0:N0} MiB ({store.SizeMeaning}) for {database}"
            : $"server peak RSS {result.PeakRssBytes / 1048576.0:N0} MiB; WAL peak {result.WalPeakBytes / 1048576.0:N0} MiB; "
                + $"database {result.DatabaseBytes / 1048576.0:N0} MiB for {database}");
        Console.WriteLine("vs ping: against the faster of ping (first) and ping-end (last); bare: the bare server (Kestrel and gRPC, no work)"
            + (result.Nodes > 1 ? $"; every workload but bare spread over the {nodes}, one connection each" : ""));
        if (result.Startup is { } startup)
        {
            PrintStartup(startup);
        }
        Console.WriteLine($"seeding the query workload's filings took {result.SeedSeconds:0} s; the whole run {result.TotalSeconds / 60:0.0} min");
        var h2 = result.H2Load.ToDictionary(f => f.Name, f => f.Throughput);
        if (h2.Count > 0)
        {
            Console.WriteLine($"h2load, one connection{(postgres ? " to the first node" : "")}, {result.Concurrency} streams: bare {h2["bare"]:N0}/s, ping {h2["ping"]:N0}/s ({h2["ping"] / h2["bare"]:P1} of bare), "
                + $"query {h2["query"]:N0}/s ({h2["query"] / h2["ping"]:P1} of ping)");
        }
        var together = postgres ? $"client, {(result.Nodes > 1 ? $"{result.Nodes} servers" : "server")} and PostgreSQL" : "client and server";
        Console.WriteLine($"targets ({store.Name}, {nodes}; 2 cores, {together} together, c=64):");
        Target("ping >= 85 % of the bare server (gateway client)", result.PingToBare >= 0.85, $"{result.PingToBare:P1}");
        if (h2.Count > 0)
        {
            Target("ping >= 85 % of the bare server (h2load)", h2["ping"] / h2["bare"] >= 0.85, $"{h2["ping"] / h2["bare"]:P1}");
        }
        // A server database shares the two cores and answers over a socket, so its targets are lower than the embedded file's.
        var (submitShare, validateShare, queryShare, p99) = postgres ? (0.10, 0.10, 0.25, 50.0) : (0.25, 0.30, 0.60, 25.0);
        Target($"submit >= {submitShare:P0} of ping", result.RatiosToPing["submit"] >= submitShare, $"{result.RatiosToPing["submit"]:P1}");
        Target($"submit p99 <= {p99:0} ms", submit.Latency.P99 <= p99, $"{submit.Latency.P99:0.0} ms");
        Target($"validate >= {validateShare:P0} of ping", result.RatiosToPing["validate"] >= validateShare, $"{result.RatiosToPing["validate"]:P1}");
        if (postgres)
        {
            var validate = result.Workloads.Single(w => w.Workload == "validate");
            Target($"validate p99 <= {p99:0} ms", validate.Latency.P99 <= p99, $"{validate.Latency.P99:0.0} ms");
        }
        Target($"query >= {queryShare:P0} of ping with {result.Subjects:N0} filings", result.RatiosToPing["query"] >= queryShare, $"{result.RatiosToPing["query"]:P1}");
        Target(postgres ? "server RSS <= 512 MiB (per node; PostgreSQL's own not included)" : "server RSS <= 512 MiB",
            result.PeakRssBytes <= 512L * 1048576, $"{result.PeakRssBytes / 1048576.0:N0} MiB");
        Target("database <= 4 KiB per filing", result.BytesPerFiling <= 4096, $"{result.BytesPerFiling / 1024:0.00} KiB");
        PagesTargets(result.Pages);
        if (result.Startup is { } figures)
        {
            StartupTargets(figures);
        }
    }

    /// <summary>The pages row: the pair and each half of it, the query page; throughput for the pair and the query page.</summary>
    private static void PrintPages(PagesResult pages)
    {
        Console.WriteLine($"pages: {pages.Trainees} trainees at once, {pages.Rounds} rounds each (HTTP/1.1, a connection and cookies each; the first round included)");
        foreach (var f in (PageFigure[])[pages.Pair, pages.Get, pages.Post, pages.Later, pages.Query])
        {
            var throughput = f.Throughput is { } t ? $"{t,12:N0}/s" : $"{"",14}";
            Console.WriteLine($"{f.Name,-10} {throughput} {"",8} {f.Latency.P50,7:0.00} ms {f.Latency.P99,7:0.00} ms {"",8} max {f.Latency.Max:0.0} ms");
        }
        Console.WriteLine($"pages: a pair is the validation page loaded (pages-get), then a wrong code posted (pages-post); "
            + $"pages-2nd+: the pairs after the first round; the first round's slowest pair {pages.FirstRound:0.0} ms");
        Console.WriteLine($"pages: CPU per pair {pages.ServerCpuPerPair:0.00} ms in the server, {pages.ClientCpuPerPair:0.00} ms in the bench's clients; "
            + $"per query page {pages.ServerCpuPerQuery:0.00} ms and {pages.ClientCpuPerQuery:0.00} ms");
    }

    private static void PagesTargets(PagesResult pages)
    {
        Target("pages: the validation page and a code posted, p99 <= 100 ms", pages.Pair.Latency.P99 <= 100, $"{pages.Pair.Latency.P99:0.0} ms ({pages.Pair.Throughput:N0} pairs/s)");
        Target("pages: the public query page, p99 <= 50 ms", pages.Query.Latency.P99 <= 50, $"{pages.Query.Latency.P99:0.0} ms ({pages.Query.Throughput:N0} pages/s)");
    }

    /// <summary><c>--only startup</c>: the start-up row alone, its targets, and its figures in their own file.</summary>
    private static async Task<int> StartupOnlyAsync(BenchOptions options)
    {
        var startup = await StartupBench.MeasureAsync(options.Starts, Console.Out);
        Console.WriteLine();
        PrintStartup(startup);
        Console.WriteLine("targets (2 cores, the server started alone):");
        StartupTargets(startup);
        var output = Path.Combine(Repository.Root, options.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(new { At = TimeProvider.System.GetUtcNow(), Environment.ProcessorCount, Startup = startup }, Json));
        Console.WriteLine($"written: {options.Output}");
        return 0;
    }

    private static void PrintStartup(StartupFigures startup) =>
        Console.WriteLine($"startup: median of {startup.Starts} starts on a fresh SQLite file: first answer {startup.FirstAnswerMs:N0} ms "
            + $"from process start ({startup.FirstAnswerCpuMs:N0} ms of the server's CPU), first SubmitFiling {startup.FirstSubmitMs:N0} ms "
            + $"({startup.FirstSubmitCpuMs:N0} ms of CPU), second {startup.SecondSubmitMs:N1} ms");

    private static void StartupTargets(StartupFigures startup)
    {
        Target("start-up: first answer <= 1.5 s from process start", startup.FirstAnswerMs <= 1500, $"{startup.FirstAnswerMs / 1000:0.00} s");
        Target("start-up: first SubmitFiling <= 150 ms", startup.FirstSubmitMs <= 150, $"{startup.FirstSubmitMs:N0} ms");
    }

    private static void Target(string name, bool met, string value) => Console.WriteLine($"  {(met ? "met    " : "missed ")} {name}: {value}");

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}

/// <summary>
/// A run's figures as bench/results/*.json holds them; <see cref="WalPeakBytes"/> and <see cref="Startup"/> are SQLite's
/// only (null on PostgreSQL).
/// </summary>
public sealed record BenchResult(
    DateTimeOffset At,
    int Cores,
    string Store,
    int Nodes,
    int Concurrency,
    double WarmupSeconds,
    double DurationSeconds,
    IReadOnlyList<LoadReport> Workloads,
    IReadOnlyDictionary<string, double> RatiosToPing,
    double PingToBare,
    IReadOnlyList<H2LoadFigure> H2Load,
    long PeakRssBytes,
    long? WalPeakBytes,
    long DatabaseBytes,
    long Orders,
    long Subjects,
    double BytesPerFiling,
    double SeedSeconds,
    double TotalSeconds,
    PagesResult Pages,
    StartupFigures? Startup,
    IReadOnlyList<WriteFigures> WritesPerCall);
