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
/// <c>--only ROW</c> runs one row alone: <c>pages</c> (over <see cref="PagesFilings"/> filings unless <c>--filings</c>
/// says) or <c>startup</c> (a SQLite row), each into the same name with <c>-ROW</c> before <c>.json</c>, or <c>writes</c>
/// (the writes per call, printed, in seconds rather than minutes).
/// </summary>
public sealed record BenchOptions(
    TimeSpan Warmup, TimeSpan Duration, int Concurrency, int Filings, BenchStoreKind Store = BenchStoreKind.Sqlite, int Nodes = 1, string? Out = null,
    string? Only = null, int Starts = 5, int WriteOrders = 100)
{
    private const string Known = "--warmup --duration --concurrency --filings --store --nodes --out --only --starts --write-orders";

    /// <summary>The rows <c>--only</c> can run alone.</summary>
    public const string PagesRow = "pages", StartupRow = "startup", WritesRow = "writes";

    private static readonly string[] Rows = [PagesRow, StartupRow, WritesRow];

    /// <summary>The filings the query page looks among when only the pages row runs: enough for an index of some depth, seeded in seconds.</summary>
    public const int PagesFilings = 20_000;

    /// <summary>The result file, relative to the repository.</summary>
    public string Output => Out ?? (Only == StartupRow ? "bench/results/latest"
        : Store == BenchStoreKind.Sqlite ? "bench/results/latest" : $"bench/results/latest-postgres-{Nodes}") + (Only is { } row ? $"-{row}.json" : ".json");

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), 64, 1_000_000);
        var filings = false;
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"Every option takes a value: {string.Join(' ', args)}; known: {Known}.");
        }
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            filings |= args[i] == "--filings";
            options = args[i] switch
            {
                "--warmup" => options with { Warmup = CliValues.Duration(args[i + 1]) },
                "--duration" => options with { Duration = CliValues.Duration(args[i + 1]) },
                "--concurrency" => options with { Concurrency = Integer(args[i], args[i + 1]) },
                "--filings" => options with { Filings = Integer(args[i], args[i + 1]) },
                "--store" => options with { Store = StoreKind(args[i + 1]) },
                "--nodes" => options with { Nodes = Integer(args[i], args[i + 1]) },
                "--out" => options with { Out = args[i + 1] },
                "--only" => options with { Only = Row(args[i + 1]) },
                "--starts" => options with { Starts = Integer(args[i], args[i + 1]) },
                "--write-orders" => options with { WriteOrders = Integer(args[i], args[i + 1]) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; known: {Known}."),
            };
        }
        if (options.Only == PagesRow && !filings)
        {
            options = options with { Filings = PagesFilings };
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
        if (options.Starts < 1)
        {
            throw new ArgumentException($"--starts {options.Starts}: the start-up row needs at least one start.");
        }
        return options;
    }

    private static string Row(string value) => Rows.FirstOrDefault(row => row == value.ToLowerInvariant())
        ?? throw new ArgumentException($"--only {value}: the rows that run alone are {string.Join(", ", Rows)}.");

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
