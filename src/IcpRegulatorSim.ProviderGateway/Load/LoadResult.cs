using System.Collections.Concurrent;
using HdrHistogram;

namespace IcpRegulatorSim.ProviderGateway.Load;

/// <summary>What a run measured: answered calls, latencies (microseconds) and errors by status, over the measured window.</summary>
public sealed class LoadResult
{
    public const long MaxLatencyMicros = 120_000_000;

    public LongConcurrentHistogram Latencies { get; } = new(1, MaxLatencyMicros, 3);
    public ConcurrentDictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);
    private long operations;

    public long Operations => Interlocked.Read(ref operations);
    public long ErrorCount => Errors.Values.Sum();
    public TimeSpan Measured { get; internal set; }
    /// <summary>True when the workload ran out of prepared work before the duration was up.</summary>
    public bool RanDry { get; internal set; }

    public double Throughput => Measured > TimeSpan.Zero ? Operations / Measured.TotalSeconds : 0;

    public double PercentileMillis(double percentile) =>
        Latencies.TotalCount == 0 ? 0 : Latencies.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxMillis => Latencies.TotalCount == 0 ? 0 : Latencies.GetMaxValue() / 1000.0;

    internal void Record(long micros, string? error)
    {
        Latencies.RecordValue(Math.Clamp(micros, 1, MaxLatencyMicros));
        Interlocked.Increment(ref operations);
        if (error is not null)
        {
            Errors.AddOrUpdate(error, 1, (_, n) => n + 1);
        }
    }
}
