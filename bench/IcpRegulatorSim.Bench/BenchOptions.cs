using System.Globalization;
using IcpRegulatorSim.ProviderGateway.Cli;

namespace IcpRegulatorSim.Bench;

/// <summary>The store the bench's server nodes run on: <c>--store sqlite</c> (the default) or <c>--store postgres</c>.</summary>
public enum BenchStoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The bench's settings: <c>make bench ARGS="--duration 20s --filings 200000"</c>, <c>make bench STORE=postgres NODES=2</c>.
/// Without <c>--out</c> the result goes to bench/results/latest.json (SQLite) or latest-postgres-N.json (N nodes).
/// <c>--only writes</c> measures the writes per call and stops there (seconds, not minutes).
/// </summary>
public sealed record BenchOptions(
    TimeSpan Warmup, TimeSpan Duration, int Concurrency, int Filings, BenchStoreKind Store = BenchStoreKind.Sqlite, int Nodes = 1, string? Out = null,
    int WriteOrders = 100, bool WritesOnly = false)
{
    private const string Known = "--warmup --duration --concurrency --filings --store --nodes --out --write-orders --only";

    /// <summary>The result file, relative to the repository.</summary>
    public string Output => Out ?? (Store == BenchStoreKind.Sqlite ? "bench/results/latest.json" : $"bench/results/latest-postgres-{Nodes}.json");

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), 64, 1_000_000);
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"Every option takes a value: {string.Join(' ', args)}; known: {Known}.");
        }
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--warmup" => options with { Warmup = CliValues.Duration(args[i + 1]) },
                "--duration" => options with { Duration = CliValues.Duration(args[i + 1]) },
                "--concurrency" => options with { Concurrency = Integer(args[i], args[i + 1]) },
                "--filings" => options with { Filings = Integer(args[i], args[i + 1]) },
                "--store" => options with { Store = StoreKind(args[i + 1]) },
                "--nodes" => options with { Nodes = Integer(args[i], args[i + 1]) },
                "--out" => options with { Out = args[i + 1] },
                "--write-orders" => options with { WriteOrders = Integer(args[i], args[i + 1]) },
                "--only" => args[i + 1] == "writes"
                    ? options with { WritesOnly = true }
                    : throw new ArgumentException($"--only {args[i + 1]}: the one part the bench runs alone is writes."),
                _ => throw new ArgumentException($"Unknown option {args[i]}; known: {Known}."),
            };
        }
        if (options.WriteOrders < 2)
        {
            throw new ArgumentException($"--write-orders {options.WriteOrders}: the writes per call need at least two orders (one approved by staff, one by its deadline).");
        }
        if (options.Nodes < 1)
        {
            throw new ArgumentException($"--nodes {options.Nodes}: the bench needs at least one server node.");
        }
        if (options.Nodes > 1 && options.Store != BenchStoreKind.Postgres)
        {
            throw new ArgumentException($"--nodes {options.Nodes} needs --store postgres: a SQLite file belongs to one server process.");
        }
        return options;
    }

    private static BenchStoreKind StoreKind(string value) => value.ToLowerInvariant() switch
    {
        "sqlite" => BenchStoreKind.Sqlite,
        "postgres" or "postgresql" => BenchStoreKind.Postgres,
        _ => throw new ArgumentException($"--store {value}: known stores are sqlite and postgres."),
    };

    private static int Integer(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{option} {value}: not a whole number.");
}
