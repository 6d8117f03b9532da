using System.Globalization;

namespace IcpRegulatorSim.Soak;

/// <summary>The soak's settings: <c>make soak ARGS="--cycles 20 --fuzz 50000 --seed 7"</c>.</summary>
public sealed record SoakOptions(int Cycles, int Fuzz, int Seed, int Workers, int KillWithinMs, int Concurrency, long MemoryBoundMiB, string Output)
{
    public static SoakOptions Parse(string[] args)
    {
        var options = new SoakOptions(200, 1_000_000, 20260302, 8, 1500, 64, 1024, "soak/results");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--cycles" => options with { Cycles = Number(value) },
                "--fuzz" => options with { Fuzz = Number(value) },
                "--seed" => options with { Seed = Number(value) },
                "--workers" => options with { Workers = Number(value) },
                "--kill-within-ms" => options with { KillWithinMs = Number(value) },
                "--concurrency" => options with { Concurrency = Number(value) },
                "--memory-bound-mib" => options with { MemoryBoundMiB = Number(value) },
                "--out" => options with { Output = value },
                _ => throw new ArgumentException(
                    $"Unknown option {args[i]}; known: --cycles --fuzz --seed --workers --kill-within-ms --concurrency --memory-bound-mib --out."),
            };
        }
        return args.Length % 2 == 0 ? options : throw new ArgumentException($"{args[^1]} needs a value.");
    }

    private static int Number(string value) => int.Parse(value.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
