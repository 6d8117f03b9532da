using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcpRegulatorSim.ProviderGateway.Load;

/// <summary>
/// A run's figures, as <c>--json</c> writes them and <c>make bench</c> reads them: <see cref="Calls"/> answered, of which
/// <see cref="Succeeded"/> are the throughput and the latency, and the rest are <see cref="Errors"/> by status; an open
/// loop's calls not sent in time, and those still unanswered when it ended, are neither.
/// </summary>
public sealed record LoadReport(
    string Workload,
    string Mode,
    int Connections,
    double MeasuredSeconds,
    long Calls,
    long Succeeded,
    double Throughput,
    LatencyMillis Latency,
    IReadOnlyDictionary<string, long> Errors,
    long NotSent,
    long Unanswered,
    bool RanDry)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static LoadReport Of(string workload, LoadPlan plan, int connections, LoadResult result) => new(
        workload, plan.Mode, connections, Math.Round(result.Measured.TotalSeconds, 3), result.Calls, result.Succeeded, Math.Round(result.Throughput, 1),
        new LatencyMillis(result.PercentileMillis(50), result.PercentileMillis(90), result.PercentileMillis(99), result.PercentileMillis(99.9), result.MaxMillis),
        result.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value), result.NotSent, result.Unanswered, result.RanDry);

    /// <summary>Failed calls, and calls cut off unanswered at the end.</summary>
    [JsonIgnore]
    public long Failures => Errors.Values.Sum() + Unanswered;

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record LatencyMillis(
    double P50, double P90, double P99, [property: JsonPropertyName("p999")] double P999, double Max);
