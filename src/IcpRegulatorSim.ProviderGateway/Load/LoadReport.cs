using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcpRegulatorSim.ProviderGateway.Load;

/// <summary>A run's figures, as <c>--json</c> writes them and <c>make bench</c> reads them.</summary>
public sealed record LoadReport(
    string Workload,
    string Mode,
    int Connections,
    double MeasuredSeconds,
    long Calls,
    double Throughput,
    LatencyMillis Latency,
    IReadOnlyDictionary<string, long> Errors,
    bool RanDry)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static LoadReport Of(string workload, LoadPlan plan, int connections, LoadResult result) => new(
        workload, plan.Mode, connections, Math.Round(result.Measured.TotalSeconds, 3), result.Operations, Math.Round(result.Throughput, 1),
        new LatencyMillis(result.PercentileMillis(50), result.PercentileMillis(90), result.PercentileMillis(99), result.PercentileMillis(99.9), result.MaxMillis),
        result.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value), result.RanDry);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record LatencyMillis(
    double P50, double P90, double P99, [property: JsonPropertyName("p999")] double P999, double Max);
