using IcpRegulatorSim.ProviderGateway.Cli;

namespace IcpRegulatorSim.Bench;

/// <summary>The bench's settings: <c>make bench ARGS="--duration 20s --filings 200000"</c>.</summary>
public sealed record BenchOptions(TimeSpan Warmup, TimeSpan Duration, int Concurrency, int Filings, string Output)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), 64, 1_000_000, "bench/results/latest.json");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--warmup" => options with { Warmup = CliValues.Duration(args[i + 1]) },
                "--duration" => options with { Duration = CliValues.Duration(args[i + 1]) },
                "--concurrency" => options with { Concurrency = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--filings" => options with { Filings = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--out" => options with { Output = args[i + 1] },
                _ => throw new ArgumentException($"Unknown option {args[i]}; known: --warmup --duration --concurrency --filings --out."),
            };
        }
        return options;
    }
}
